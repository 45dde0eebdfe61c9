package org.vmstate4j.console;

import java.util.List;

/** {@code /help}: lists the commands and a reminder of what snippets can use. */
final class HelpCommand implements ConsoleCommand {
  @Override
  public String name() {
    return "help";
  }

  @Override
  public String arguments() {
    return "";
  }

  @Override
  public String summary() {
    return "list the commands";
  }

  @Override
  public Outcome run(CommandContext context, List<String> args) {
    StringBuilder sb = new StringBuilder();
    sb.append("Type Java snippets; the DSL, the engine and the console helpers are imported.\n");
    sb.append("Tab completes, an unfinished snippet continues on the next line,\n");
    sb.append("Ctrl-C cancels the input or stops a running snippet, Ctrl-D leaves.\n\n");
    for (ConsoleCommand command : context.commands().all()) {
      String usage = "/" + command.name()
          + (command.arguments().isEmpty() ? "" : " " + command.arguments());
      sb.append(String.format("  %-34s %s%n", usage, command.summary()));
    }
    context.out().print(sb);
    return Outcome.OK;
  }
}
