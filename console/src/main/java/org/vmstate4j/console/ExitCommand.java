package org.vmstate4j.console;

import java.util.List;

/** {@code /exit [CODE]}: leaves the console, or ends a script with that exit code. */
final class ExitCommand implements ConsoleCommand {
  @Override
  public String name() {
    return "exit";
  }

  @Override
  public String arguments() {
    return "[CODE]";
  }

  @Override
  public String summary() {
    return "leave (Ctrl-D does the same)";
  }

  @Override
  public Outcome run(CommandContext context, List<String> args) {
    if (args.isEmpty()) {
      return Outcome.exit(0);
    }
    try {
      return Outcome.exit(Integer.parseInt(args.get(0)));
    } catch (NumberFormatException e) {
      context.err().println("error: /exit takes a number, not " + args.get(0));
      return Outcome.FAILED;
    }
  }
}
