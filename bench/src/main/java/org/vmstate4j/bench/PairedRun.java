package org.vmstate4j.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The quick mode's verdicts on the targets against the hand-written codec and Kryo:
 * {@link PairedMain} in a JVM of its own (a fresh profile, not the one the quick JMH run shares
 * between all benchmarks), every contender's load and save in turn each round, judged in CPU
 * time by the rounds' quartiles. A single JVM's JMH rows can move a ratio by 2-3x between two
 * runs of the same jar; these verdicts do not.
 */
final class PairedRun {
  /** Rounds of pit-varray (nvme-lite runs 20 times as many): about 6 s here. */
  static final int ROUNDS = 100;
  private static final long TIMEOUT_SECONDS = 300;
  private static final Pattern TARGET =
      Pattern.compile("^ {2}(PASS|MISS|NOISY)\\s+(.+?)\\s+(\\d+\\.\\d+x \\[[^\\]]*\\])\\s*$");

  private PairedRun() {}

  /** Runs PairedMain on nvme-lite and pit-varray and returns its verdicts. */
  static List<BenchTargets.Target> run() throws IOException, InterruptedException {
    String java = ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    Path log = Files.createTempFile("vmstate4j-paired", ".txt");
    try {
      Process p = new ProcessBuilder(java, "-Xms2g", "-Xmx2g", "-cp",
          System.getProperty("java.class.path"), PairedMain.class.getName(),
          Integer.toString(ROUNDS), "nvme", "pit")
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        throw new IllegalStateException("PairedMain did not finish in " + TIMEOUT_SECONDS + " s");
      }
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      if (p.exitValue() != 0) {
        throw new IllegalStateException("PairedMain failed:\n" + String.join("\n", lines));
      }
      return targets(lines);
    } finally {
      Files.deleteIfExists(log);
    }
  }

  /** The verdict lines of PairedMain's output, as targets. */
  static List<BenchTargets.Target> targets(List<String> lines) {
    List<BenchTargets.Target> t = new ArrayList<>();
    for (String line : lines) {
      Matcher m = TARGET.matcher(line);
      if (m.matches()) {
        t.add(new BenchTargets.Target(m.group(1), m.group(2).replaceAll("\\s+", " "),
            m.group(3)));
      }
    }
    return t;
  }
}
