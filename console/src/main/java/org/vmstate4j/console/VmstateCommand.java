package org.vmstate4j.console;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code vmstate [-v] [COMMAND]}: without a command, the interactive console. */
@Command(name = "vmstate",
    description = {
        "The vmstate4j console, script runner and QEMU migration stream tools.",
        "Without a COMMAND: the interactive console (JShell with the DSL and the engine"
            + " imported; /help there lists its commands)."},
    synopsisSubcommandLabel = "[COMMAND]",
    commandListHeading = "%nCommands:%n",
    exitCodeListHeading = "%nExit codes (every command):%n",
    exitCodeList = {
        "0:success (streams identical, descriptions compatible)",
        "1:the operation failed, or found differences or incompatibilities",
        "2:usage error: unknown command or option, missing or malformed argument"},
    footer = {"", "'vmstate help COMMAND' or 'vmstate COMMAND --help' shows a command's options."})
final class VmstateCommand implements Callable<Integer> {
  private final CliContext context;

  @Mixin
  HelpOption help = new HelpOption();

  @Option(names = {"-v", "--verbose"}, description = "print full stack traces for exceptions")
  boolean verbose;

  VmstateCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    return Main.interactive(verbose, context.err());
  }
}
