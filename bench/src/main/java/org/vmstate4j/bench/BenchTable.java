package org.vmstate4j.bench;

import java.util.List;
import java.util.Locale;

/** The printed table and the number formats it (and the other mains) use. */
final class BenchTable {
  private BenchTable() {}

  static String table(List<BenchRow> rows) {
    StringBuilder sb = new StringBuilder();
    String fmt = "%-14s %-9s %-18s %12s %9s %10s %11s %8s %8s%n";
    sb.append(String.format(Locale.ROOT, fmt, "scenario", "op", "contender", "time/op", "± err",
        "MB/s", "alloc/op", "/hand", "/Kryo"));
    String last = null;
    for (BenchRow r : rows) {
      if (last != null && !last.equals(r.scenario())) {
        sb.append('\n');
      }
      last = r.scenario();
      sb.append(String.format(Locale.ROOT, fmt, r.scenario(), r.op(), r.contenderName(),
          time(r.nsPerOp()),
          Double.isNaN(r.errorNs()) ? "-" : pct(r.errorNs() / r.nsPerOp()),
          String.format(Locale.ROOT, "%.0f", r.mbPerSec()), bytes(r.allocBytes()),
          x(r.ratio(r.handRef(rows))), x(r.ratio(r.kryoRef(rows)))));
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

  static String time(double ns) {
    if (ns >= 1e6) {
      return String.format(Locale.ROOT, "%.2f ms", ns / 1e6);
    }
    if (ns >= 1e3) {
      return String.format(Locale.ROOT, "%.2f us", ns / 1e3);
    }
    return String.format(Locale.ROOT, "%.1f ns", ns);
  }

  static String pct(double f) {
    return String.format(Locale.ROOT, "%.1f%%", f * 100);
  }

  static String x(double q) {
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
}
