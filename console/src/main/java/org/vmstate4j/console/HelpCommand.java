package org.vmstate4j.console;

import java.util.List;
import java.util.stream.Collectors;

/** {@code /help [COMMAND]}: lists the commands, or shows one command's usage. */
final class HelpCommand implements ConsoleCommand {
  @Override
  public String name() {
    return "help";
  }

  @Override
  public String arguments() {
    return "[COMMAND]";
  }

  @Override
  public String summary() {
    return "list the commands, or show one command's usage";
  }

  @Override
  public Outcome run(CommandContext context, List<String> args) {
    if (args.size() > 1) {
      context.err().println("error: usage: /help [COMMAND]");
      return Outcome.FAILED;
    }
    if (args.size() == 1) {
      String name = args.get(0).startsWith("/") ? args.get(0).substring(1) : args.get(0);
      List<ConsoleCommand> matches = context.commands().matching(name);
      if (matches.size() != 1) {
        context.err().println(matches.isEmpty()
            ? "error: no command /" + name + "; /help lists the commands"
            : "error: /" + name + " is ambiguous: " + matches.stream().map(c -> "/" + c.name())
                .collect(Collectors.joining(", ")));
        return Outcome.FAILED;
      }
      context.out().print(matches.get(0).usage());
      return Outcome.OK;
    }
    StringBuilder sb = new StringBuilder();
    sb.append("Type Java snippets; the DSL, the engine and the console helpers are imported.\n");
    sb.append("Tab completes, an unfinished snippet continues on the next line,\n");
    sb.append("Ctrl-C cancels the input or stops a running snippet, Ctrl-D leaves.\n");
    sb.append("A command may be shortened to a unique prefix (/sa for /save).\n\n");
    for (ConsoleCommand command : context.commands().all()) {
      String usage = "/" + command.name()
          + (command.arguments().isEmpty() ? "" : " " + command.arguments());
      sb.append(String.format("  %-34s %s%n", usage, command.summary()));
    }
    sb.append("\n/analyze, /explain, /diff, /compat and /edit are the vmstate subcommands of the"
        + " same name;\n/help COMMAND shows a command's options.\n");
    context.out().print(sb);
    return Outcome.OK;
  }
}
