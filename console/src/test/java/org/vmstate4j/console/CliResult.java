package org.vmstate4j.console;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.stream.Registry;

/** One run of the {@code vmstate} command line: exit code, standard output, standard error. */
record CliResult(int code, String out, String err) {
  static CliResult run(String... args) {
    return run((Supplier<Registry>) null, args);
  }

  /** With {@code registered} null, the command line; else as the console runs a tool. */
  static CliResult run(@Nullable Supplier<Registry> registered, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
    int code = registered == null ? Main.run(List.of(args), o, e)
        : Cli.execute(new CliContext(o, e, registered), List.of(args));
    return new CliResult(code, out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8));
  }

  /** The raw bytes of standard output, for {@code edit -o -}. */
  static byte[] runForBytes(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    if (code != 0) {
      throw new AssertionError("exit " + code + ": " + err.toString(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }
}
