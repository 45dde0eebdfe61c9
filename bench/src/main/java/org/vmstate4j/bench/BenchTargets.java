package org.vmstate4j.bench;

import static org.vmstate4j.bench.BenchRow.CONTENDER_NAMES;
import static org.vmstate4j.bench.BenchRow.find;
import static org.vmstate4j.bench.BenchTable.bytes;
import static org.vmstate4j.bench.BenchTable.x;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The targets checked after the table, each judged with the error of its ratio: PASS, MISS or
 * NOISY (the run cannot tell).
 */
final class BenchTargets {
  /** Per-load allocation allowed beyond the hand-written codec's (stream/context buffers). */
  private static final long FIXED_BUFFER_ALLOWANCE = 128 << 10;

  private BenchTargets() {}

  /** One target: its verdict, what it asks and the measured value. */
  record Target(String verdict, String target, String value) {}

  /**
   * The targets the rows decide; without those against the hand-written codec's time when
   * {@code vsHand} is false (judged side by side instead).
   */
  static List<Target> of(List<BenchRow> rows, boolean vsHand) {
    List<Target> t = new ArrayList<>();
    if (vsHand) {
      vsHand(rows, t);
    }
    for (BenchRow r : rows) {
      if (!r.contender().startsWith("vmstate4j")) {
        continue;
      }
      for (String other : List.of("kryo", "java")) {
        BenchRow o = find(rows, r.scenario(), r.op().equals("save") ? "save" : "load", other);
        if (o != null) {
          double q = r.ratio(o);
          double e = ratioError(r, o);
          t.add(new Target(verdict(q, e, 1), r.scenario() + " " + r.op() + " "
              + r.contenderName() + " faster than " + CONTENDER_NAMES.get(other), xe(q, e)));
        }
      }
    }
    String buf = Scenario.BUFFER.name;
    for (String op : List.of("save", "load")) {
      BenchRow copy = find(rows, buf, op, "arraycopy");
      for (String c : List.of("vmstate4j", "vmstate4jNonTx")) {
        BenchRow r = find(rows, buf, op, c);
        if (r != null && copy != null) {
          double q = copy.ratio(r);
          double e = ratioError(copy, r);
          // bandwidth ratio: at least 0.8, the mirror of time ratio at most 1.25
          t.add(new Target(verdict(1 / q, e / (q * q), 1.25), buf + " " + op + " "
              + CONTENDER_NAMES.get(c) + " bandwidth >= 0.8x System.arraycopy", xe(q, e)));
        }
      }
    }
    for (BenchRow r : rows) {
      if (r.contender().startsWith("vmstate4j") && r.op().startsWith("load")) {
        BenchRow h = r.handRef(rows);
        if (h != null && !Double.isNaN(r.allocBytes())) {
          double extra = r.allocBytes() - h.allocBytes();
          t.add(new Target(pass(extra <= FIXED_BUFFER_ALLOWANCE), r.scenario() + " " + r.op()
              + " " + r.contenderName() + " allocates <= hand-written + "
              + bytes(FIXED_BUFFER_ALLOWANCE), "+" + bytes(extra)));
        }
      }
    }
    return t;
  }

  /** vmstate4j's saves and loads within 1.3x of the hand-written codec's, added to {@code t}. */
  private static void vsHand(List<BenchRow> rows, List<Target> t) {
    for (String sc : List.of(Scenario.NVME.name, Scenario.PIT.name)) {
      for (String op : List.of("save", "load")) {
        for (String c : List.of("vmstate4j", "vmstate4jNonTx")) {
          BenchRow r = find(rows, sc, op, c);
          BenchRow h = find(rows, sc, op, "hand");
          if (r != null && h != null) {
            double q = r.ratio(h);
            double e = ratioError(r, h);
            t.add(new Target(verdict(q, e, 1.3), sc + " " + op + " "
                + CONTENDER_NAMES.get(c) + " <= 1.3x hand-written", xe(q, e)));
          }
        }
      }
    }
  }

  private static String pass(boolean ok) {
    return ok ? "PASS" : "MISS";
  }

  /**
   * Error of the time ratio {@code a / b} from the two rows' errors (JMH's 99.9% half-widths,
   * combined as independent relative errors); NaN when either has none.
   */
  static double ratioError(BenchRow a, BenchRow b) {
    double ra = a.errorNs() / a.nsPerOp();
    double rb = b.errorNs() / b.nsPerOp();
    return a.nsPerOp() / b.nsPerOp() * Math.sqrt(ra * ra + rb * rb);
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
}
