package org.vmstate4j.console;

import java.io.PrintStream;
import java.util.List;

/** Has the engine analyzer's signature, so the bridge can be tested without the engine's. */
public final class FakeAnalyzer {
  private FakeAnalyzer() {}

  public static int run(List<String> args, PrintStream out, PrintStream err) {
    out.println("analyzed " + args);
    if (args.contains("--explode")) {
      throw new IllegalStateException("stream.bin @4: bad magic");
    }
    return args.size();
  }
}
