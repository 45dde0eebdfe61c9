package org.vmstate4j.console;

import java.io.PrintStream;
import java.util.List;

/** What a command may use: the session, the other commands, and where to print. */
record CommandContext(
    ShellSession session, CommandRegistry commands, PrintStream out, PrintStream err) {
  /** Prints the items indented, one a line, or {@code none} when there are none. */
  void list(List<String> items, String none) {
    if (items.isEmpty()) {
      out.println(none);
    }
    items.forEach(i -> out.println("  " + i));
  }
}
