package org.vmstate4j.console;

import java.io.PrintStream;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.stream.Registry;

/**
 * Where the subcommands print, and what the console adds: its registered devices, for
 * {@code --registered} (null on the command line, which has none).
 */
record CliContext(PrintStream out, PrintStream err, @Nullable Supplier<Registry> registered) {
  /** The command line: no registered devices. */
  static CliContext of(PrintStream out, PrintStream err) {
    return new CliContext(out, err, null);
  }
}
