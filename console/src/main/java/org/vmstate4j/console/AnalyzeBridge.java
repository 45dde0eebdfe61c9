package org.vmstate4j.console;

import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;

/**
 * Calls the engine's {@code AnalyzeCommand.run(List, PrintStream, PrintStream)} by name. The
 * engine's analyzer is developed separately; looking it up when {@code analyze} is used keeps the
 * console buildable and working without it.
 */
final class AnalyzeBridge {
  static final String ANALYZER = "org.vmstate4j.engine.analyze.AnalyzeCommand";

  /** Exit code when the analyzer is not in this build. */
  static final int UNAVAILABLE = 3;

  private AnalyzeBridge() {}

  static int run(List<String> args, PrintStream out, PrintStream err) {
    return run(ANALYZER, args, out, err);
  }

  /** Runs {@code analyzer}'s static {@code run(List, PrintStream, PrintStream)}. */
  static int run(String analyzer, List<String> args, PrintStream out, PrintStream err) {
    Method run;
    try {
      run = Class.forName(analyzer)
          .getMethod("run", List.class, PrintStream.class, PrintStream.class);
    } catch (ClassNotFoundException | NoSuchMethodException e) {
      err.println("error: analyze is not available in this build (" + analyzer
          + ".run(List, PrintStream, PrintStream) not found)");
      return UNAVAILABLE;
    }
    try {
      return (Integer) run.invoke(null, List.copyOf(args), out, err);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(cause);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(analyzer + ".run is not public", e);
    }
  }
}
