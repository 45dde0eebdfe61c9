package org.vmstate4j.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The console's commands by name; a line starting with {@code /} is looked up here. */
final class CommandRegistry {
  private final Map<String, ConsoleCommand> byName = new LinkedHashMap<>();

  CommandRegistry(List<? extends ConsoleCommand> commands) {
    for (ConsoleCommand command : commands) {
      if (byName.putIfAbsent(command.name(), command) != null) {
        throw new IllegalArgumentException("two commands named /" + command.name());
      }
    }
  }

  /** The commands that exist today, in {@code /help} order. */
  static CommandRegistry standard() {
    return new CommandRegistry(List.of(
        new HelpCommand(),
        new VarsCommand(),
        new TypesCommand(),
        new DevicesCommand(),
        new SaveCommand(),
        new LoadCommand(),
        new DescCommand(),
        ToolCommand.ANALYZE,
        ToolCommand.EXPLAIN,
        ToolCommand.DIFF,
        ToolCommand.COMPAT,
        ToolCommand.EDIT,
        new TraceCommand(),
        new ResetCommand(),
        new ExitCommand()));
  }

  /** Whether a line is a command; {@code //} and {@code /*} start Java comments instead. */
  static boolean isCommand(String input) {
    String s = input.stripLeading();
    return s.startsWith("/") && !s.startsWith("//") && !s.startsWith("/*");
  }

  List<ConsoleCommand> all() {
    return List.copyOf(byName.values());
  }

  /** Names with their slash, for completion. */
  List<String> names() {
    return byName.keySet().stream().map(n -> "/" + n).collect(Collectors.toList());
  }

  /** Runs {@code line}, accepting any unambiguous prefix of a name ({@code /v} for /vars). */
  Outcome execute(String line, CommandContext context) {
    List<String> words = Arguments.split(line.strip().substring(1));
    String name = words.isEmpty() ? "" : words.get(0);
    List<ConsoleCommand> matches = matching(name);
    if (matches.size() != 1) {
      context.err().println(matches.isEmpty()
          ? "error: unknown command /" + name + "; /help lists the commands"
          : "error: /" + name + " is ambiguous: " + matches.stream().map(c -> "/" + c.name())
              .collect(Collectors.joining(", ")));
      return Outcome.FAILED;
    }
    return matches.get(0).run(context, words.subList(1, words.size()));
  }

  /** The commands {@code name} (without its slash) selects: itself, or those it is a prefix of. */
  List<ConsoleCommand> matching(String name) {
    ConsoleCommand exact = byName.get(name);
    if (exact != null) {
      return List.of(exact);
    }
    List<ConsoleCommand> found = new ArrayList<>();
    if (!name.isEmpty()) {
      for (ConsoleCommand command : byName.values()) {
        if (command.name().startsWith(name)) {
          found.add(command);
        }
      }
    }
    return found;
  }
}
