package org.vmstate4j.engine.analyze;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.VmStateException;

/**
 * {@code analyze FILE [--dump state|desc]}: prints what QEMU's analyze-migration.py prints for
 * the same file. {@code -d}, {@code --dump=...} and the script's {@code -f FILE} are accepted too.
 */
public final class AnalyzeCommand {
  static final String USAGE = "usage: analyze FILE [--dump state|desc]";

  private AnalyzeCommand() {}

  /**
   * Runs the command.
   *
   * @param args the arguments after the word {@code analyze}; a leading {@code analyze} followed
   *     by more arguments is skipped, so a launcher may pass its whole command line
   * @return 0 on success, 1 on a usage error or when the file cannot be analyzed (one line on err)
   */
  public static int run(List<String> args, PrintStream out, PrintStream err) {
    @Nullable String file = null;
    String dump = "state";
    int first = args.size() > 1 && args.get(0).equals("analyze") ? 1 : 0;
    for (int i = first; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.equals("--dump") || arg.equals("-d") || arg.equals("-f") || arg.equals("--file")) {
        if (i + 1 >= args.size()) {
          return usage(err, "missing value after " + arg);
        }
        String value = args.get(++i);
        if (arg.equals("-f") || arg.equals("--file")) {
          file = value;
        } else {
          dump = value;
        }
      } else if (arg.startsWith("--dump=")) {
        dump = arg.substring("--dump=".length());
      } else if (arg.equals("-h") || arg.equals("--help")) {
        out.println(USAGE);
        return 0;
      } else if (arg.startsWith("-") && arg.length() > 1) {
        return usage(err, "unknown option " + arg);
      } else if (file == null) {
        file = arg;
      } else {
        return usage(err, "more than one FILE");
      }
    }
    if (file == null) {
      return usage(err, "missing FILE");
    }
    if (!dump.equals("state") && !dump.equals("desc")) {
      return usage(err, "--dump must be state or desc, not " + dump);
    }
    try {
      Path path = Path.of(file);
      if (dump.equals("state")) {
        AnalyzedStream a = StreamAnalyzer.open(path);
        out.print(a.dumpState());
        out.flush();
        // notes go to err so that out stays what the script prints
        a.notes().forEach(n -> err.println("analyze: note: " + n));
      } else {
        out.print(StreamAnalyzer.describe(path));
        out.flush();
      }
      return 0;
    } catch (NoSuchFileException e) {
      err.println("analyze: " + file + ": no such file");
    } catch (IOException e) {
      err.println("analyze: " + file + ": " + oneLine(String.valueOf(e.getMessage())));
    } catch (VmStateException e) {
      err.println("analyze: " + file + ": " + oneLine(e.getMessage()));
    } catch (RuntimeException e) {
      err.println("analyze: " + file + ": " + oneLine(e.toString()));
    }
    return 1;
  }

  private static int usage(PrintStream err, String problem) {
    err.println("analyze: " + problem + " (" + USAGE + ")");
    return 1;
  }

  private static String oneLine(String message) {
    return message.replace('\n', ' ').replace('\r', ' ');
  }
}
