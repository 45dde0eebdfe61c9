package org.vmstate4j.engine.inspect;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.stream.Registry;

/**
 * {@code diff A B}: where two streams first differ, as a path with the offset in each stream and
 * both values, and how many items differ. Each stream is read with its own JSON description;
 * {@link #run(List, PrintStream, PrintStream, Registry)} reads both with a registry instead.
 */
public final class DiffCommand {
  static final String USAGE = "usage: diff A B [--from-stream]";

  private DiffCommand() {}

  /**
   * Runs the command.
   *
   * @return 0 when the streams hold the same items, 2 when they differ, 1 on a usage or I/O error
   */
  public static int run(List<String> args, PrintStream out, PrintStream err) {
    return run(args, out, err, null);
  }

  /** Runs the command; with a registry (and without {@code --from-stream}) both use it. */
  public static int run(List<String> args, PrintStream out, PrintStream err,
      @Nullable Registry registry) {
    List<String> files = new ArrayList<>();
    boolean fromStream = registry == null;
    int first = !args.isEmpty() && args.get(0).equals("diff") ? 1 : 0;
    for (int i = first; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("--from-stream") || a.equals("--source")) {
        fromStream = true;
      } else if (a.equals("-h") || a.equals("--help")) {
        out.println(USAGE);
        return 0;
      } else if (a.startsWith("-") && a.length() > 1) {
        return usage(err, "unknown option " + a);
      } else {
        files.add(a);
      }
    }
    if (files.size() != 2) {
      return usage(err, "need two files, got " + files.size());
    }
    DiffResult d;
    try {
      Path a = Path.of(files.get(0));
      Path b = Path.of(files.get(1));
      d = fromStream || registry == null ? Diff.files(a, b) : Diff.files(registry, a, b);
    } catch (NoSuchFileException e) {
      err.println("diff: " + e.getFile() + ": no such file");
      return 1;
    } catch (IOException | RuntimeException e) {
      err.println("diff: " + String.valueOf(e.getMessage()).replace('\n', ' '));
      return 1;
    }
    d.lines().forEach(out::println);
    out.flush();
    return d.same() ? 0 : 2;
  }

  private static int usage(PrintStream err, String problem) {
    err.println("diff: " + problem + " (" + USAGE + ")");
    return 1;
  }
}
