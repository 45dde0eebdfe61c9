package org.vmstate4j.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.vmstate4j.engine.analyze.StreamAnalyzer;
import org.vmstate4j.engine.edit.Assignment;
import org.vmstate4j.engine.edit.StreamEdit;
import org.vmstate4j.engine.inspect.Diff;
import org.vmstate4j.engine.inspect.DiffResult;
import org.vmstate4j.engine.inspect.Explain;
import org.vmstate4j.engine.inspect.Explanation;

/**
 * Runs one stream operation the way the commands do and reports the heap it needed: for the
 * bounded-memory check, which starts it with a small {@code -Xmx}.
 *
 * <pre>
 * StreamCheck analyze FILE            the state dump (analyze --dump state) to stdout
 * StreamCheck explain FILE            the annotated dump to stdout
 * StreamCheck diff A B [PATH ...]     the difference report to stdout; fails unless each PATH
 *                                     is among the differences
 * StreamCheck rewrite IN OUT PATH=VALUE   one generic edit, the rest passed through
 * </pre>
 *
 * Prints {@code heap peak N MiB} on stderr; exits 1 when a check fails.
 */
public final class StreamCheck {
  private StreamCheck() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println("usage: StreamCheck analyze|explain|diff|rewrite FILE ...");
      System.exit(2);
    }
    long t0 = System.nanoTime();
    PrintWriter out = new PrintWriter(new BufferedWriter(
        new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16));
    int rc = 0;
    switch (args[0]) {
      case "analyze" -> out.print(StreamAnalyzer.open(Path.of(args[1])).dumpState());
      case "explain" -> {
        Explanation x = Explain.fromStream(Path.of(args[1]));
        x.lines().forEach(out::println);
        rc = x.ok() ? 0 : 1;
      }
      case "diff" -> {
        DiffResult d = Diff.files(Path.of(args[1]), Path.of(args[2]));
        d.lines().forEach(out::println);
        List<String> paths = d.differences().stream().map(DiffResult.Difference::path).toList();
        for (int i = 3; i < args.length; i++) {
          if (!paths.contains(args[i])) {
            System.err.println("diff does not report " + args[i] + ": " + paths);
            rc = 1;
          }
        }
        if (d.failureA() != null || d.failureB() != null) {
          rc = 1;
        }
      }
      case "rewrite" -> {
        try (StreamEdit e = StreamEdit.of(Path.of(args[1]))) {
          e.set(Assignment.parse(args[3]));
          long n = e.writeTo(Path.of(args[2]));
          out.println("wrote " + n + " bytes");
        }
      }
      default -> {
        System.err.println("unknown operation " + args[0]);
        rc = 2;
      }
    }
    out.flush();
    System.err.printf("%s: %.2f s, heap peak %d MiB%n", args[0], (System.nanoTime() - t0) / 1e9,
        HeapPeak.bytes() >> 20);
    System.exit(rc);
  }
}
