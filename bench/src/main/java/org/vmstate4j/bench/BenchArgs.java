package org.vmstate4j.bench;

import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@link BenchMain}'s command line: the mode and what overrides its settings. */
@Command(name = "benchmarks.jar", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Runs the JMH benchmarks, prints one table with the targets' verdicts and"
        + " writes it as JSON.")
final class BenchArgs {
  @Option(names = "--quick", description = "one JVM; nvme-lite and pit-varray 2 x 150 ms warm-up,"
      + " 8 x 50 ms; buffer 2 x 200 ms, 4 x 150 ms; then the targets against the hand-written"
      + " codec side by side (default)")
  boolean quick;

  @Option(names = "--full", description = "2 forks each, 3 + 5 x 1 s")
  boolean full;

  @Option(names = "--include", paramLabel = "REGEX", description = "JMH include pattern")
  String include;

  @Option(names = "--json", paramLabel = "PATH",
      description = "where the JSON goes (default: bench-results.json next to the jar)")
  String json;

  @Option(names = "--prof", paramLabel = "stack[:OPTS]|NAME",
      description = "JMH's stack profiler (with its options) or any other JMH profiler")
  String prof;

  @Option(names = "--forks", paramLabel = "N")
  Integer forks;

  @Option(names = "--warmups", paramLabel = "N")
  Integer warmups;

  @Option(names = "--iterations", paramLabel = "N")
  Integer iterations;

  @Option(names = "--millis", paramLabel = "MS", description = "length of every iteration")
  Integer millis;

  @Option(names = "--heap", paramLabel = "SIZE", defaultValue = "6g",
      description = "-Xms and -Xmx of the forked JVMs (default ${DEFAULT-VALUE})")
  String heap;

  @Option(names = "--paired", negatable = true,
      description = "judge the targets against the hand-written codec and Kryo with PairedMain"
          + " in a JVM of its own (default: in the quick mode, without --include)")
  Boolean paired;

  @Option(names = "--fresh", negatable = true,
      description = "with the loadFresh rows (default: in the full mode only)")
  Boolean fresh;

  /** One JMH run: the benchmarks it includes and how long it measures them. */
  record Plan(String include, int warmups, int warmupMillis, int iterations, int millis) {
    String describe() {
      return String.format(Locale.ROOT, "%s: %d x %d ms warm-up, %d x %d ms measurement",
          include, warmups, warmupMillis, iterations, millis);
    }
  }

  // quick: one JVM for everything (no fork start-ups), many short measurements rather than a
  // few long ones, so that each row has an error and a target is judged against it. A buffer
  // operation takes 25-50 ms: its measurements are longer, so that each holds several. The
  // targets against the hand-written codec are judged side by side (PairedRun): a JVM shared
  // by all benchmarks moves their ratios too much from one run to the next.

  String mode() {
    return full ? "full" : "quick";
  }

  /** The runs of this mode; one unless the quick mode runs with its own settings. */
  List<Plan> plans() {
    if (full || include != null || warmups != null || iterations != null || millis != null) {
      return List.of(new Plan(include != null ? include : benchmarks(BenchRow.SCENARIOS),
          warmups(), warmupMillis(), iterations(), millis()));
    }
    return List.of(new Plan(benchmarks(List.of("NvmeBench", "PitBench")), 2, 150, 8, 50),
        new Plan(benchmarks(List.of("BufferBench")), 2, 200, 4, 150));
  }

  /** JMH's include pattern for the benchmarks of {@code scenarios} (and of this mode). */
  private String benchmarks(List<String> scenarios) {
    return "org\\.vmstate4j\\.bench\\.(" + String.join("|", scenarios) + ")\\."
        + (fresh() ? "" : "(?!loadFresh)");
  }

  int forks() {
    return forks != null ? forks : full ? 2 : 0;
  }

  private int warmups() {
    return warmups != null ? warmups : full ? 3 : 2;
  }

  private int iterations() {
    return iterations != null ? iterations : full ? 5 : 16;
  }

  private int millis() {
    return millis != null ? millis : full ? 1000 : 50;
  }

  private int warmupMillis() {
    return millis != null ? millis : full ? 1000 : 200;
  }

  boolean paired() {
    return paired != null ? paired : !full && include == null;
  }

  boolean fresh() {
    return fresh != null ? fresh : full;
  }
}
