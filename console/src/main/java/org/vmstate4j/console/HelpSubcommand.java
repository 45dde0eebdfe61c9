package org.vmstate4j.console;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * {@code vmstate help [COMMAND]}: picocli's help command with its help text, its model built
 * here. Its object stays picocli's {@link CommandLine.HelpCommand}, so that the completion
 * script offers the command names after {@code help}; {@link #run} does what that object would,
 * which learns COMMAND only from its annotations.
 */
final class HelpSubcommand {
  private HelpSubcommand() {}

  static CommandSpec spec() {
    CommandSpec spec = Specs.command(new CommandLine.HelpCommand(), "help",
        "%nWhen no COMMAND is given, the usage help for the main command is displayed.",
        "If a COMMAND is specified, the help for that command is shown.%n");
    spec.helpCommand(true);
    spec.usageMessage().header("show the options of a command").synopsisHeading("%nUsage: ");
    spec.addOption(HelpOption.spec("Show usage help for the help command and exit."));
    spec.addPositional(PositionalParamSpec.builder().type(String.class).initialValue(null)
        .arity("0..1").paramLabel("COMMAND")
        .description("The COMMAND to display the usage help message for.").build());
    return spec;
  }

  /**
   * The usage of the parent command, or of its subcommand COMMAND; an unknown COMMAND is a
   * usage error of the parent.
   */
  static int run(ParseResult help) {
    CommandLine self = help.commandSpec().commandLine();
    CommandLine parent = self.getParent();
    if (parent == null) {
      return 0;
    }
    @Nullable String command = help.matchedPositionalValue(0, null);
    CommandLine shown = parent;
    if (command != null) {
      shown = parent.getSubcommands().get(command);
      if (shown == null) {
        throw new ParameterException(parent, "Unknown subcommand '" + command + "'.", null,
            command);
      }
    }
    shown.usage(self.getOut(), self.getColorScheme());
    return shown.getCommandSpec().exitCodeOnUsageHelp();
  }
}
