package org.vmstate4j.console;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.inspect.CompatCommand;
import org.vmstate4j.engine.inspect.DiffCommand;
import org.vmstate4j.engine.inspect.ExplainCommand;
import org.vmstate4j.engine.stream.Registry;

/**
 * An engine tool run as a console command, the same as the {@code vmstate} subcommand of that
 * name. With {@code --registered}, explain and diff decode with the registered devices'
 * descriptions (the destination's view; the devices must be fresh destinations); otherwise with
 * the description the stream carries.
 */
record ToolCommand(String name, String arguments, String summary, Tool tool)
    implements ConsoleCommand {
  /** The engine entry point: arguments, output, errors, and the registry or null. */
  interface Tool {
    int run(List<String> args, PrintStream out, PrintStream err, @Nullable Registry registry);
  }

  static final ToolCommand EXPLAIN = new ToolCommand("explain", "FILE [--registered] [--state]",
      "annotated dump of a stream: offset, path, codec, bytes, value of every item",
      ExplainCommand::run);
  static final ToolCommand DIFF = new ToolCommand("diff", "A B [--registered]",
      "where two streams first differ, as paths", DiffCommand::run);
  static final ToolCommand COMPAT = new ToolCommand("compat", "OLD.json NEW.json [--device NAME]",
      "whether streams of one description load in the other, per direction (-dump-vmstate files)",
      (args, out, err, registry) -> CompatCommand.run(args, out, err));

  @Override
  public Outcome run(CommandContext context, List<String> args) {
    List<String> rest = new ArrayList<>(args);
    boolean registered = rest.remove("--registered");
    Registry registry = registered ? Consoles.machine().registry(List.of()) : null;
    return Outcome.of(tool.run(rest, context.out(), context.err(), registry) == 0);
  }
}
