package org.vmstate4j.console;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** {@code vmstate [-v] [COMMAND]}: without a command, the interactive console. */
final class VmstateCommand implements Callable<Integer> {
  private final CliContext context;

  boolean verbose;

  private VmstateCommand(CliContext context) {
    this.context = context;
  }

  /** The root of the command line; {@link Cli} adds the subcommands. */
  static CommandSpec spec(CliContext context) {
    VmstateCommand c = new VmstateCommand(context);
    CommandSpec spec = Specs.command(c, "vmstate",
        "The vmstate4j console, script runner and QEMU migration stream tools.",
        "Without a COMMAND: the interactive console (JShell with the DSL and the engine"
            + " imported; /help there lists its commands).");
    spec.usageMessage().synopsisSubcommandLabel("[COMMAND]")
        .commandListHeading("%nCommands:%n")
        .footer("", "'vmstate help COMMAND' or 'vmstate COMMAND --help' shows a command's"
            + " options.");
    Specs.exitCodes(spec, "%nExit codes (every command):%n",
        "0:success (streams identical, descriptions compatible)",
        "1:the operation failed, or found differences or incompatibilities",
        "2:usage error: unknown command or option, missing or malformed argument");
    spec.addOption(HelpOption.spec());
    spec.addOption(Specs.bind(OptionSpec.builder("-v", "--verbose").type(boolean.class),
            () -> c.verbose, v -> c.verbose = v)
        .description("print full stack traces for exceptions").build());
    return spec;
  }

  /** Whether {@code vmstate -v} asked for full stack traces, for any command of the tree. */
  static boolean verbose(CommandSpec command) {
    return command.root().userObject() instanceof VmstateCommand root && root.verbose;
  }

  @Override
  public Integer call() {
    return Main.interactive(verbose, context.err());
  }
}
