package org.vmstate4j.bench;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@link BenchMain}'s command line: the mode and what overrides its settings. */
@Command(name = "benchmarks.jar", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Runs the JMH benchmarks, prints one table with the targets' verdicts and"
        + " writes it as JSON.")
final class BenchArgs {
  @Option(names = "--quick", description = "one JVM, 2 x 200 ms warm-up, 10 x 50 ms (default)")
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

  @Option(names = "--fresh", negatable = true,
      description = "with the loadFresh rows (default: in the full mode only)")
  Boolean fresh;

  // quick: one JVM for everything (no fork start-ups); ten short measurements rather than
  // two long ones, so that each row has an error and a target is judged against it (JMH's
  // 99.9% interval over 10 samples is about 2.5 times narrower than over 5 of twice the length)

  String mode() {
    return full ? "full" : "quick";
  }

  int forks() {
    return forks != null ? forks : full ? 2 : 0;
  }

  int warmups() {
    return warmups != null ? warmups : full ? 3 : 2;
  }

  int iterations() {
    return iterations != null ? iterations : full ? 5 : 10;
  }

  int millis() {
    return millis != null ? millis : full ? 1000 : 50;
  }

  int warmupMillis() {
    return millis != null ? millis : full ? 1000 : 200;
  }

  boolean fresh() {
    return fresh != null ? fresh : full;
  }
}
