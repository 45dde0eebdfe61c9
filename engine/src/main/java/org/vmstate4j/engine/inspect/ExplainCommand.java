package org.vmstate4j.engine.inspect;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.stream.Registry;

/**
 * {@code explain FILE [--from-stream] [--state]}: the annotated dump of a stream, one item per
 * line. From the command line there is no registry, so the stream's own JSON description is used
 * ({@code --from-stream} is the default and may be given for clarity); {@link #run(List,
 * PrintStream, PrintStream, Registry)} gives the destination's view of a registry.
 * {@code --state} prints only field values and pointer markers.
 */
public final class ExplainCommand {
  static final String USAGE = "usage: explain FILE [--from-stream] [--state]";

  private ExplainCommand() {}

  /**
   * Runs the command with the stream's own JSON description.
   *
   * @param args the arguments after the word {@code explain} (a leading {@code explain} is
   *     skipped)
   * @return 0 when the stream was read to its end, 2 when reading failed (the dump up to the
   *     failure and its context are printed), 1 on a usage or I/O error
   */
  public static int run(List<String> args, PrintStream out, PrintStream err) {
    return run(args, out, err, null);
  }

  /**
   * Runs the command; with a registry (and without {@code --from-stream}) the destination's
   * view of that registry is shown.
   */
  public static int run(List<String> args, PrintStream out, PrintStream err,
      @Nullable Registry registry) {
    String file = null;
    boolean fromStream = registry == null;
    boolean stateOnly = false;
    int first = !args.isEmpty() && args.get(0).equals("explain") ? 1 : 0;
    for (int i = first; i < args.size(); i++) {
      String a = args.get(i);
      switch (a) {
        case "--from-stream":
        case "--source":
          fromStream = true;
          break;
        case "--state":
          stateOnly = true;
          break;
        case "-h":
        case "--help":
          out.println(USAGE);
          return 0;
        default:
          if (a.startsWith("-") && a.length() > 1) {
            return usage(err, "unknown option " + a);
          }
          if (file != null) {
            return usage(err, "more than one FILE");
          }
          file = a;
      }
    }
    if (file == null) {
      return usage(err, "missing FILE");
    }
    Explanation x;
    try {
      Path p = Path.of(file);
      x = fromStream || registry == null ? Explain.fromStream(p) : Explain.of(registry, p);
    } catch (NoSuchFileException e) {
      err.println("explain: " + file + ": no such file");
      return 1;
    } catch (IOException | RuntimeException e) {
      err.println("explain: " + file + ": " + String.valueOf(e.getMessage()).replace('\n', ' '));
      return 1;
    }
    List<String> lines = stateOnly ? x.lines(ExplainItem::isState) : x.lines();
    lines.forEach(out::println);
    out.flush();
    return x.ok() ? 0 : 2;
  }

  private static int usage(PrintStream err, String problem) {
    err.println("explain: " + problem + " (" + USAGE + ")");
    return 1;
  }
}
