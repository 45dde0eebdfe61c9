package org.vmstate4j.bench;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.profile.StackProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import picocli.CommandLine;

/**
 * Runs the benchmarks with JMH (allocation per operation from the GC profiler) and prints one
 * table ({@link BenchTable}): scenario, operation, contender, time per operation, MB/s of
 * vmstate wire bytes, bytes allocated per operation, and the ratios to the hand-written codec
 * and to Kryo; then checks the targets ({@link BenchTargets}). Writes the same as JSON
 * ({@link BenchJson}).
 *
 * <pre>
 * java -Xms6g -Xmx6g -jar bench/target/benchmarks.jar --quick   (one JVM, under a minute)
 * java -jar bench/target/benchmarks.jar --full           (2 forks each, 3 + 5 x 1 s)
 * java -jar bench/target/benchmarks.jar --quick --include 'Pit.*load' --prof stack
 * </pre>
 */
public final class BenchMain {
  private BenchMain() {}

  public static void main(String[] args)
      throws RunnerException, URISyntaxException, IOException, InterruptedException {
    BenchArgs a = new BenchArgs();
    CommandLine cl = new CommandLine(a);
    try {
      cl.parseArgs(args);
    } catch (CommandLine.ParameterException e) {
      System.err.println(e.getMessage());
      cl.usage(System.err);
      System.exit(2);
      return;
    }
    if (cl.isUsageHelpRequested() || cl.isVersionHelpRequested()) {
      cl.usage(System.out);
      return;
    }
    long t0 = System.nanoTime();
    List<RunResult> results = new ArrayList<>();
    for (BenchArgs.Plan plan : a.plans()) {
      results.addAll(new Runner(options(a, plan).build()).run());
    }
    List<BenchTargets.Target> paired = a.paired() ? PairedRun.run() : List.of();
    double seconds = (System.nanoTime() - t0) / 1e9;

    List<BenchRow> rows = BenchRow.of(results);
    // judged side by side below when paired: a shared JVM's rows are no verdict on them
    List<BenchTargets.Target> targets = BenchTargets.of(rows, paired.isEmpty());
    StringBuilder sb = new StringBuilder();
    sb.append('\n').append(BenchTable.table(rows)).append('\n');
    sb.append("Targets\n");
    append(sb, targets);
    if (!paired.isEmpty()) {
      sb.append(String.format(Locale.ROOT, "%nTargets side by side (PairedMain %d in a JVM of its"
          + " own; CPU time; PASS: upper quartile within the limit, MISS: lower quartile"
          + " beyond it)%n", PairedRun.ROUNDS));
      append(sb, paired);
    }
    sb.append(String.format(Locale.ROOT, "%nmode %s: %d fork(s); %.0f s%n", a.mode(), a.forks(),
        seconds));
    for (BenchArgs.Plan plan : a.plans()) {
      sb.append("  ").append(plan.describe()).append('\n');
    }
    System.out.print(sb);

    Path out = a.json != null ? Paths.get(a.json) : defaultJson();
    BenchJson.write(out, a, seconds, rows, targets, paired);
    System.out.println("JSON: " + out.toAbsolutePath());
  }

  private static void append(StringBuilder sb, List<BenchTargets.Target> targets) {
    for (BenchTargets.Target t : targets) {
      sb.append(String.format(Locale.ROOT, "  %-5s %-70s %s%n", t.verdict(), t.target(),
          t.value()));
    }
  }

  /** JMH's options for one run of the mode, with the overrides in {@code a}. */
  static ChainedOptionsBuilder options(BenchArgs a, BenchArgs.Plan plan) {
    ChainedOptionsBuilder ob = new OptionsBuilder()
        .include(plan.include())
        .forks(a.forks())
        .warmupIterations(plan.warmups())
        .warmupTime(TimeValue.milliseconds(plan.warmupMillis()))
        .measurementIterations(plan.iterations())
        .measurementTime(TimeValue.milliseconds(plan.millis()))
        .jvmArgsAppend("-Xms" + a.heap, "-Xmx" + a.heap)
        .addProfiler(GCProfiler.class)
        .shouldFailOnError(true);
    String prof = a.prof;
    if (prof != null) {
      if (prof.startsWith("stack")) {
        int colon = prof.indexOf(':');
        ob.addProfiler(StackProfiler.class,
            colon < 0 ? "lines=3;top=15;detailLine=true" : prof.substring(colon + 1));
      } else {
        ob.addProfiler(prof);
      }
    }
    return ob;
  }

  private static Path defaultJson() throws URISyntaxException {
    Path jar = Paths.get(BenchMain.class.getProtectionDomain().getCodeSource().getLocation()
        .toURI());
    return jar.getParent().resolve("bench-results.json");
  }
}
