package org.vmstate4j.console;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The plain forms of {@code vmstate analyze} ({@code analyze FILE}, with {@code --dump} or
 * {@code -d state|desc} before or after FILE) run without building picocli's model: reading
 * the subcommand's annotations cost more than decoding a small stream, and a one-file analysis
 * is the run people compare with QEMU's script. Any other form, including every mistake, goes
 * through picocli, which owns the messages and the usage.
 */
final class PlainAnalyze {
  private PlainAnalyze() {}

  /** The exit code of {@code args} (the words after {@code vmstate}), or null when not plain. */
  static @Nullable Integer run(CliContext context, List<String> args) {
    if (args.isEmpty() || !args.get(0).equals("analyze")) {
      return null;
    }
    String file = null;
    String dump = "state";
    for (int i = 1; i < args.size(); i++) {
      String a = args.get(i);
      if ((a.equals("--dump") || a.equals("-d")) && i + 1 < args.size()) {
        dump = args.get(++i);
        if (!dump.equals("state") && !dump.equals("desc")) {
          return null;
        }
      } else if (a.isEmpty() || a.startsWith("-") || a.startsWith("@") || file != null) {
        // options, "--", picocli's @argument files, a second FILE: picocli's to judge
        return null;
      } else {
        file = a;
      }
    }
    if (file == null) {
      return null;
    }
    AnalyzeSubcommand analyze = new AnalyzeSubcommand(context);
    try {
      analyze.file = Path.of(file);
    } catch (InvalidPathException e) {
      return null; // picocli reports it as a usage error
    }
    analyze.dump = dump;
    return analyze.call();
  }
}
