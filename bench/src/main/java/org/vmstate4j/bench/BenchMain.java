package org.vmstate4j.bench;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.profile.StackProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs the benchmarks with JMH (allocation per operation from the GC profiler) and prints one
 * table: scenario, operation, contender, time per operation, MB/s of vmstate wire bytes,
 * bytes allocated per operation, and the ratios to the hand-written codec and to Kryo; then
 * checks the targets. Writes the same as JSON.
 *
 * <pre>
 * java -Xms6g -Xmx6g -jar bench/target/benchmarks.jar --quick   (one JVM, under a minute)
 * java -jar bench/target/benchmarks.jar --full           (2 forks each, 3 + 5 x 1 s)
 * java -jar bench/target/benchmarks.jar --quick --include 'Pit.*load' --prof stack
 * </pre>
 */
public final class BenchMain {
  private static final List<String> SCENARIOS = List.of("NvmeBench", "PitBench", "BufferBench");
  private static final List<String> OPS = List.of("save", "load", "loadFresh");
  private static final List<String> CONTENDERS = List.of("vmstate4j", "vmstate4jNonTx", "hand",
      "kryo", "java", "arraycopy");
  private static final Map<String, String> CONTENDER_NAMES = Map.of(
      "vmstate4j", "vmstate4j",
      "vmstate4jNonTx", "vmstate4j non-tx",
      "hand", "hand-written",
      "kryo", "Kryo 5",
      "java", "Java serialization",
      "arraycopy", "System.arraycopy");
  /** Per-load allocation allowed beyond the hand-written codec's (stream/context buffers). */
  private static final long FIXED_BUFFER_ALLOWANCE = 128 << 10;

  private BenchMain() {}

  /** One row of the table. */
  record Row(String scenario, String op, String contender, String benchmark, double nsPerOp,
      double errorNs, long wireBytes, double allocBytes) {
    double mbPerSec() {
      return wireBytes / (nsPerOp / 1e9) / 1e6;
    }
  }

  public static void main(String[] args) throws RunnerException, URISyntaxException {
    boolean full = false;
    String include = null;
    String json = null;
    String prof = null;
    Integer forks = null;
    Integer iterations = null;
    Integer warmups = null;
    Integer millis = null;
    String heap = "6g";
    Boolean fresh = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick":
          full = false;
          break;
        case "--full":
          full = true;
          break;
        case "--include":
          include = args[++i];
          break;
        case "--json":
          json = args[++i];
          break;
        case "--prof":
          prof = args[++i];
          break;
        case "--forks":
          forks = Integer.parseInt(args[++i]);
          break;
        case "--iterations":
          iterations = Integer.parseInt(args[++i]);
          break;
        case "--warmups":
          warmups = Integer.parseInt(args[++i]);
          break;
        case "--millis":
          millis = Integer.parseInt(args[++i]);
          break;
        case "--heap":
          heap = args[++i];
          break;
        case "--no-fresh":
          fresh = false;
          break;
        case "--fresh":
          fresh = true;
          break;
        case "-h":
        case "--help":
          usage();
          return;
        default:
          System.err.println("unknown argument: " + args[i]);
          usage();
          System.exit(2);
          return;
      }
    }
    // quick: one JVM for everything (no fork start-ups); five short measurements rather than
    // two long ones, so that each row has an error and a target is judged against it
    int f = forks != null ? forks : full ? 2 : 0;
    int wi = warmups != null ? warmups : full ? 3 : 2;
    int mi = iterations != null ? iterations : full ? 5 : 5;
    int ms = millis != null ? millis : full ? 1000 : 100;
    int wms = millis != null ? millis : full ? 1000 : 200;
    boolean withFresh = fresh != null ? fresh : full;
    ChainedOptionsBuilder ob = new OptionsBuilder()
        .include(include != null ? include
            : "org\\.vmstate4j\\.bench\\.(" + String.join("|", SCENARIOS) + ")\\."
                + (withFresh ? "" : "(?!loadFresh)"))
        .forks(f)
        .warmupIterations(wi)
        .warmupTime(TimeValue.milliseconds(wms))
        .measurementIterations(mi)
        .measurementTime(TimeValue.milliseconds(ms))
        .jvmArgsAppend("-Xms" + heap, "-Xmx" + heap)
        .addProfiler(GCProfiler.class)
        .shouldFailOnError(true);
    if (prof != null) {
      if (prof.startsWith("stack")) {
        int colon = prof.indexOf(':');
        ob.addProfiler(StackProfiler.class,
            colon < 0 ? "lines=3;top=15;detailLine=true" : prof.substring(colon + 1));
      } else {
        ob.addProfiler(prof);
      }
    }
    long t0 = System.nanoTime();
    Collection<RunResult> results = new Runner(ob.build()).run();
    double seconds = (System.nanoTime() - t0) / 1e9;

    List<Row> rows = rows(results);
    String table = table(rows);
    List<String[]> targets = targets(rows);
    StringBuilder sb = new StringBuilder();
    sb.append('\n').append(table).append('\n');
    sb.append("Targets\n");
    for (String[] t : targets) {
      sb.append(String.format(Locale.ROOT, "  %-5s %-70s %s%n", t[0], t[1], t[2]));
    }
    sb.append(String.format(Locale.ROOT,
        "%nmode %s: %d fork(s), %d x %d ms warm-up, %d x %d ms measurement; %.0f s%n",
        full ? "full" : "quick", f, wi, wms, mi, ms, seconds));
    System.out.print(sb);

    Path out = json != null ? Paths.get(json) : defaultJson();
    writeJson(out, full ? "full" : "quick", f, wi, mi, ms, seconds, rows, targets);
    System.out.println("JSON: " + out.toAbsolutePath());
  }

  private static void usage() {
    System.out.println("usage: java -jar benchmarks.jar [--quick|--full] [--include REGEX]"
        + " [--json PATH] [--prof stack[:OPTS]|NAME] [--forks N] [--warmups N]"
        + " [--iterations N] [--millis MS] [--heap SIZE] [--fresh|--no-fresh]");
  }

  private static Path defaultJson() throws URISyntaxException {
    Path jar = Paths.get(BenchMain.class.getProtectionDomain().getCodeSource().getLocation()
        .toURI());
    Path dir = Files.isDirectory(jar) ? jar.getParent() : jar.getParent();
    return dir.resolve("bench-results.json");
  }

  static List<Row> rows(Collection<RunResult> results) {
    List<Row> rows = new ArrayList<>();
    for (RunResult r : results) {
      String bench = r.getParams().getBenchmark();
      String[] parts = bench.split("\\.");
      String cls = parts[parts.length - 2];
      String method = parts[parts.length - 1];
      int us = method.indexOf('_');
      String op = method.substring(0, us);
      String contender = method.substring(us + 1);
      Result<?> p = r.getPrimaryResult();
      double toNs = nanosPer(p.getScoreUnit());
      double alloc = Double.NaN;
      for (Map.Entry<String, Result> e : r.getSecondaryResults().entrySet()) {
        if (e.getKey().endsWith("gc.alloc.rate.norm")) {
          alloc = e.getValue().getScore();
        }
      }
      rows.add(new Row(scenarioName(cls), op, contender, bench, p.getScore() * toNs,
          p.getScoreError() * toNs, wireBytes(cls), alloc));
    }
    rows.sort(Comparator.comparingInt((Row x) -> SCENARIOS.indexOf(classOf(x.scenario)))
        .thenComparingInt(x -> OPS.indexOf(x.op))
        .thenComparingInt(x -> CONTENDERS.indexOf(x.contender)));
    return rows;
  }

  private static double nanosPer(String unit) {
    String u = unit.substring(0, unit.indexOf('/'));
    switch (u) {
      case "ns":
        return 1;
      case "us":
        return 1e3;
      case "ms":
        return 1e6;
      case "s":
        return 1e9;
      default:
        throw new IllegalArgumentException("unit " + unit);
    }
  }

  private static String scenarioName(String cls) {
    switch (cls) {
      case "NvmeBench":
        return Scenario.NVME.name;
      case "PitBench":
        return Scenario.PIT.name;
      case "BufferBench":
        return Scenario.BUFFER.name;
      default:
        return cls;
    }
  }

  private static String classOf(String scenario) {
    for (String c : SCENARIOS) {
      if (scenarioName(c).equals(scenario)) {
        return c;
      }
    }
    return scenario;
  }

  private static long wireBytes(String cls) {
    switch (cls) {
      case "NvmeBench":
        return Scenario.NVME.wireBytes();
      case "PitBench":
        return Scenario.PIT.wireBytes();
      case "BufferBench":
        return Scenario.BUFFER.wireBytes();
      default:
        return 0;
    }
  }

  private static Row find(List<Row> rows, String scenario, String op, String contender) {
    for (Row r : rows) {
      if (r.scenario.equals(scenario) && r.op.equals(op) && r.contender.equals(contender)) {
        return r;
      }
    }
    return null;
  }

  /** The hand-written row an operation is compared with. */
  private static Row handRef(List<Row> rows, Row r) {
    return find(rows, r.scenario, r.op, "hand");
  }

  /** The Kryo row: Kryo always builds fresh objects, so every load compares with its load. */
  private static Row kryoRef(List<Row> rows, Row r) {
    return find(rows, r.scenario, r.op.equals("save") ? "save" : "load", "kryo");
  }

  private static double ratio(Row r, Row ref) {
    return ref == null ? Double.NaN : r.nsPerOp / ref.nsPerOp;
  }

  static String table(List<Row> rows) {
    StringBuilder sb = new StringBuilder();
    String fmt = "%-14s %-9s %-18s %12s %9s %10s %11s %8s %8s%n";
    sb.append(String.format(Locale.ROOT, fmt, "scenario", "op", "contender", "time/op", "± err",
        "MB/s", "alloc/op", "/hand", "/Kryo"));
    String last = null;
    for (Row r : rows) {
      if (last != null && !last.equals(r.scenario)) {
        sb.append('\n');
      }
      last = r.scenario;
      sb.append(String.format(Locale.ROOT, fmt, r.scenario, r.op,
          CONTENDER_NAMES.getOrDefault(r.contender, r.contender), time(r.nsPerOp),
          Double.isNaN(r.errorNs) ? "-" : pct(r.errorNs / r.nsPerOp),
          String.format(Locale.ROOT, "%.0f", r.mbPerSec()), bytes(r.allocBytes),
          x(ratio(r, handRef(rows, r))), x(ratio(r, kryoRef(rows, r)))));
    }
    sb.append("time/op: JMH average time; MB/s: vmstate wire bytes of the state per second"
        + " (nvme-lite " + Scenario.NVME.wireBytes() + " B, pit-varray "
        + Scenario.PIT.wireBytes() + " B, buffer " + Scenario.BUFFER.wireBytes() + " B);\n"
        + "load: into a reused destination (vmstate4j, hand-written, arraycopy) or a fresh"
        + " object graph (Kryo, Java serialization: they cannot load in place);\n"
        + "loadFresh: vmstate4j and hand-written into a freshly allocated destination, like"
        + " Kryo and Java; /hand and /Kryo: time ratio to the same operation (Kryo: its load)."
        + "\n");
    return sb.toString();
  }

  static List<String[]> targets(List<Row> rows) {
    List<String[]> t = new ArrayList<>();
    for (String sc : List.of(Scenario.NVME.name, Scenario.PIT.name)) {
      for (String op : List.of("save", "load")) {
        for (String c : List.of("vmstate4j", "vmstate4jNonTx")) {
          Row r = find(rows, sc, op, c);
          Row h = find(rows, sc, op, "hand");
          if (r != null && h != null) {
            double q = r.nsPerOp / h.nsPerOp;
            double e = ratioError(r, h);
            t.add(new String[] {verdict(q, e, 1.3), sc + " " + op + " "
                + CONTENDER_NAMES.get(c) + " <= 1.3x hand-written", xe(q, e)});
          }
        }
      }
    }
    for (Row r : rows) {
      if (!r.contender.startsWith("vmstate4j")) {
        continue;
      }
      for (String other : List.of("kryo", "java")) {
        Row o = find(rows, r.scenario, r.op.equals("save") ? "save" : "load", other);
        if (o != null) {
          double q = r.nsPerOp / o.nsPerOp;
          double e = ratioError(r, o);
          t.add(new String[] {verdict(q, e, 1), r.scenario + " " + r.op + " "
              + CONTENDER_NAMES.get(r.contender) + " faster than " + CONTENDER_NAMES.get(other),
              xe(q, e)});
        }
      }
    }
    String buf = Scenario.BUFFER.name;
    for (String op : List.of("save", "load")) {
      Row copy = find(rows, buf, op, "arraycopy");
      for (String c : List.of("vmstate4j", "vmstate4jNonTx")) {
        Row r = find(rows, buf, op, c);
        if (r != null && copy != null) {
          double q = copy.nsPerOp / r.nsPerOp;
          double e = ratioError(copy, r);
          // bandwidth ratio: at least 0.8, the mirror of time ratio at most 1.25
          t.add(new String[] {verdict(1 / q, e / (q * q), 1.25), buf + " " + op + " "
              + CONTENDER_NAMES.get(c) + " bandwidth >= 0.8x System.arraycopy", xe(q, e)});
        }
      }
    }
    for (Row r : rows) {
      if (r.contender.startsWith("vmstate4j") && r.op.startsWith("load")) {
        Row h = find(rows, r.scenario, r.op, "hand");
        if (h != null && !Double.isNaN(r.allocBytes)) {
          double extra = r.allocBytes - h.allocBytes;
          t.add(new String[] {pass(extra <= FIXED_BUFFER_ALLOWANCE), r.scenario + " " + r.op
              + " " + CONTENDER_NAMES.get(r.contender)
              + " allocates <= hand-written + " + bytes(FIXED_BUFFER_ALLOWANCE),
              "+" + bytes(extra)});
        }
      }
    }
    return t;
  }

  private static String pass(boolean ok) {
    return ok ? "PASS" : "MISS";
  }

  /**
   * Error of the time ratio {@code a / b} from the two rows' errors (JMH's 99.9% half-widths,
   * combined as independent relative errors); NaN when either has none.
   */
  static double ratioError(Row a, Row b) {
    double ra = a.errorNs / a.nsPerOp;
    double rb = b.errorNs / b.nsPerOp;
    return a.nsPerOp / b.nsPerOp * Math.sqrt(ra * ra + rb * rb);
  }

  /**
   * PASS when the ratio {@code q} is at most {@code limit} even at its error's upper end, MISS
   * when it is above it even at the lower end, else NOISY: the run cannot tell (more
   * iterations, forks, or a quieter machine). Without an error the ratio alone decides.
   */
  static String verdict(double q, double err, double limit) {
    if (Double.isNaN(err)) {
      return pass(q <= limit);
    }
    if (q + err <= limit) {
      return "PASS";
    }
    return q - err > limit ? "MISS" : "NOISY";
  }

  private static String xe(double q, double e) {
    return Double.isNaN(e) ? x(q) : x(q) + String.format(Locale.ROOT, " ± %.2f", e);
  }

  static String time(double ns) {
    if (ns >= 1e6) {
      return String.format(Locale.ROOT, "%.2f ms", ns / 1e6);
    }
    if (ns >= 1e3) {
      return String.format(Locale.ROOT, "%.2f us", ns / 1e3);
    }
    return String.format(Locale.ROOT, "%.1f ns", ns);
  }

  private static String pct(double f) {
    return String.format(Locale.ROOT, "%.1f%%", f * 100);
  }

  private static String x(double q) {
    return Double.isNaN(q) ? "-" : String.format(Locale.ROOT, "%.2fx", q);
  }

  static String bytes(double b) {
    if (Double.isNaN(b)) {
      return "-";
    }
    double a = Math.abs(b);
    if (a >= 1 << 20) {
      return String.format(Locale.ROOT, "%.1f MiB", b / (1 << 20));
    }
    if (a >= 1 << 10) {
      return String.format(Locale.ROOT, "%.1f KiB", b / (1 << 10));
    }
    return String.format(Locale.ROOT, "%.0f B", b);
  }

  private static void writeJson(Path out, String mode, int forks, int wi, int mi, int ms,
      double seconds, List<Row> rows, List<String[]> targets) {
    JsonMapper mapper = JsonMapper.builder().build();
    ObjectNode root = mapper.createObjectNode();
    root.put("mode", mode);
    root.put("date", Instant.now().toString());
    root.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    root.put("forks", forks);
    root.put("warmupIterations", wi);
    root.put("measurementIterations", mi);
    root.put("iterationMillis", ms);
    root.put("seconds", Math.round(seconds));
    ArrayNode rs = root.putArray("results");
    for (Row r : rows) {
      ObjectNode n = rs.addObject();
      n.put("scenario", r.scenario);
      n.put("op", r.op);
      n.put("contender", CONTENDER_NAMES.getOrDefault(r.contender, r.contender));
      n.put("benchmark", r.benchmark);
      n.put("nsPerOp", r.nsPerOp);
      putNumber(n, "errorNs", r.errorNs);
      n.put("wireBytes", r.wireBytes);
      n.put("mbPerSec", r.mbPerSec());
      putNumber(n, "allocBytesPerOp", r.allocBytes);
      putNumber(n, "vsHand", ratio(r, handRef(rows, r)));
      putNumber(n, "vsKryo", ratio(r, kryoRef(rows, r)));
    }
    ArrayNode ts = root.putArray("targets");
    for (String[] t : targets) {
      ObjectNode n = ts.addObject();
      n.put("target", t[1]);
      n.put("value", t[2]);
      n.put("pass", t[0].equals("PASS"));
      n.put("verdict", t[0]);
    }
    File f = out.toFile();
    if (f.getParentFile() != null) {
      f.getParentFile().mkdirs();
    }
    mapper.writerWithDefaultPrettyPrinter().writeValue(f, root);
  }

  private static void putNumber(ObjectNode n, String name, double q) {
    if (Double.isNaN(q)) {
      n.putNull(name);
    } else {
      n.put(name, q);
    }
  }
}
