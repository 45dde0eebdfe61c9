package org.vmstate4j.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * One row of the table: a benchmark's time per operation with JMH's error, the scenario's
 * wire bytes and the bytes allocated per operation.
 */
record BenchRow(String scenario, String op, String contender, String benchmark, double nsPerOp,
    double errorNs, long wireBytes, double allocBytes) {
  static final List<String> SCENARIOS = List.of("NvmeBench", "PitBench", "BufferBench");
  private static final List<String> OPS = List.of("save", "load", "loadFresh");
  private static final List<String> CONTENDERS = List.of("vmstate4j", "vmstate4jNonTx", "hand",
      "kryo", "java", "arraycopy");
  static final Map<String, String> CONTENDER_NAMES = Map.of(
      "vmstate4j", "vmstate4j",
      "vmstate4jNonTx", "vmstate4j non-tx",
      "hand", "hand-written",
      "kryo", "Kryo 5",
      "java", "Java serialization",
      "arraycopy", "System.arraycopy");

  double mbPerSec() {
    return wireBytes / (nsPerOp / 1e9) / 1e6;
  }

  /** The contender's name in the table. */
  String contenderName() {
    return CONTENDER_NAMES.getOrDefault(contender, contender);
  }

  /** JMH's results as rows, in the table's order. */
  static List<BenchRow> of(Collection<RunResult> results) {
    List<BenchRow> rows = new ArrayList<>();
    for (RunResult r : results) {
      String bench = r.getParams().getBenchmark();
      String[] parts = bench.split("\\.");
      String cls = parts[parts.length - 2];
      String method = parts[parts.length - 1];
      int us = method.indexOf('_');
      Result<?> p = r.getPrimaryResult();
      double toNs = nanosPer(p.getScoreUnit());
      double alloc = Double.NaN;
      for (Map.Entry<String, Result> e : r.getSecondaryResults().entrySet()) {
        if (e.getKey().endsWith("gc.alloc.rate.norm")) {
          alloc = e.getValue().getScore();
        }
      }
      Scenario<?> sc = scenario(cls);
      rows.add(new BenchRow(sc == null ? cls : sc.name, method.substring(0, us),
          method.substring(us + 1), bench, p.getScore() * toNs, p.getScoreError() * toNs,
          sc == null ? 0 : sc.wireBytes(), alloc));
    }
    rows.sort(Comparator.comparingInt((BenchRow x) -> SCENARIOS.indexOf(classOf(x.scenario)))
        .thenComparingInt(x -> OPS.indexOf(x.op))
        .thenComparingInt(x -> CONTENDERS.indexOf(x.contender)));
    return rows;
  }

  private static double nanosPer(String unit) {
    return switch (unit.substring(0, unit.indexOf('/'))) {
      case "ns" -> 1;
      case "us" -> 1e3;
      case "ms" -> 1e6;
      case "s" -> 1e9;
      default -> throw new IllegalArgumentException("unit " + unit);
    };
  }

  private static Scenario<?> scenario(String cls) {
    return switch (cls) {
      case "NvmeBench" -> Scenario.NVME;
      case "PitBench" -> Scenario.PIT;
      case "BufferBench" -> Scenario.BUFFER;
      default -> null;
    };
  }

  private static String classOf(String scenario) {
    for (String c : SCENARIOS) {
      Scenario<?> sc = scenario(c);
      if (sc != null && sc.name.equals(scenario)) {
        return c;
      }
    }
    return scenario;
  }

  static BenchRow find(List<BenchRow> rows, String scenario, String op,
      String contender) {
    for (BenchRow r : rows) {
      if (r.scenario.equals(scenario) && r.op.equals(op) && r.contender.equals(contender)) {
        return r;
      }
    }
    return null;
  }

  /** The hand-written row this operation is compared with. */
  BenchRow handRef(List<BenchRow> rows) {
    return find(rows, scenario, op, "hand");
  }

  /** The Kryo row: Kryo always builds fresh objects, so every load compares with its load. */
  BenchRow kryoRef(List<BenchRow> rows) {
    return find(rows, scenario, op.equals("save") ? "save" : "load", "kryo");
  }

  /** This row's time over {@code ref}'s; NaN without a reference. */
  double ratio(BenchRow ref) {
    return ref == null ? Double.NaN : nsPerOp / ref.nsPerOp;
  }
}
