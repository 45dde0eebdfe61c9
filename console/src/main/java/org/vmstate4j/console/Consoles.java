package org.vmstate4j.console;

import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Helpers for snippets and scripts, imported statically into every session.
 *
 * <p>Snippets run in the console's own JVM, so these static methods see the console's state:
 * the script's arguments and its output.
 */
public final class Consoles {
  private static volatile List<String> args = List.of();
  private static volatile @Nullable Function<String, ProgressBar> progressBars;

  private Consoles() {}

  /** The arguments after the script's name in {@code vmstate run FILE.jsh ARGS}; empty at the prompt. */
  public static List<String> args() {
    return args;
  }

  /** Argument {@code i} of {@link #args()}, or {@code fallback} when there are fewer. */
  public static String arg(int i, String fallback) {
    List<String> a = args;
    return i >= 0 && i < a.size() ? a.get(i) : fallback;
  }

  /**
   * A progress bar on the console's terminal, shown once the operation has taken a second.
   * Close it when the operation ends.
   */
  public static ProgressBar progress(String label) {
    Function<String, ProgressBar> factory = progressBars;
    if (factory != null) {
      return factory.apply(label);
    }
    // Outside a console (a plain JShell, a test) there is no terminal: final line only, on stderr.
    return new ProgressBar(label, new PrintWriter(System.err, true, Charset.defaultCharset()),
        () -> 80, System::nanoTime, false);
  }

  static void bindArgs(List<String> scriptArgs) {
    args = List.copyOf(scriptArgs);
  }

  static void bindProgressBars(Function<String, ProgressBar> factory) {
    progressBars = Objects.requireNonNull(factory);
  }
}
