package org.vmstate4j.bench;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.vmstate4j.bench.model.Pit;
import org.vmstate4j.engine.io.VmOutput;
import org.vmstate4j.engine.state.LoadOptions;

/**
 * Loads and saves side by side on a shared, loaded machine: one round runs every contender's
 * load and the two saves (vmstate4j's, the hand-written codec's) once, in turn, so that a burst
 * of load from other processes hits all of them alike; after a warm-up quarter, each
 * contender's fastest and median time over the rounds are printed, and the ratios of both to
 * the hand-written codec doing the same and (loads) to Kryo. Each one is also timed in the
 * thread's CPU time, which leaves out the time the thread waits for a core held by another
 * process; its ratio to the hand-written codec's (or Kryo's) is taken round by round and shown
 * as the median with the interquartile range. The fastest time and the CPU ratio are the
 * figures least disturbed by other processes; JMH ({@link BenchMain}) stays the reference
 * when the machine is quiet.
 *
 * <pre>
 * java -Xms3g -Xmx3g -cp bench/target/benchmarks.jar org.vmstate4j.bench.PairedMain 400
 * java -Xms3g -Xmx3g -cp bench/target/benchmarks.jar org.vmstate4j.bench.PairedMain 400 pit
 * </pre>
 *
 * <p>Arguments after the rounds choose scenarios by name (nvme, pit, pit-words, pit-chans).
 *
 * <p>Scenarios: nvme-lite (20 x the rounds, its loads are short), pit-varray, and pit-varray's
 * varray and structs alone. Contenders: hand-written, vmstate4j (transactional and not) into
 * the reused destination; hand-written, vmstate4j (both) into a fresh one; Kryo; the saves of
 * the hand-written codec and vmstate4j into a reused buffer.
 */
public final class PairedMain {
  private static final String[] OPS = {"hand", "vmstate4j", "vmstate4j non-tx", "fresh hand",
      "fresh vmstate4j", "fresh vmstate4j non-tx", "Kryo 5", "save hand", "save vmstate4j"};
  /** Kryo's load, the reference of the loads into a fresh graph. */
  private static final int KRYO = 6;
  /** The hand-written codec's save, the reference of the saves, and vmstate4j's. */
  private static final int SAVE_HAND = 7;
  private static final int SAVE_VM = 8;
  /** What each operation's time is a ratio to: the hand-written codec doing the same. */
  private static final int[] REF = {0, 0, 0, 3, 3, 3, 3, SAVE_HAND, SAVE_HAND};

  /** What one scenario's operations work on, made once before the rounds. */
  private record Setup<T>(Scenario<T> sc, T src, T dst, byte[] wire, Kryo kryo, Input kin,
      byte[] kwire, byte[] out, VmOutput vout) {}

  private PairedMain() {}

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 400;
    List<String> only = Arrays.asList(args).subList(Math.min(1, args.length), args.length);
    System.out.printf(Locale.ROOT, "%-11s %-24s %10s %10s %7s %7s  %-19s  %7s  %s%n", "scenario",
        "operation", "fastest", "median", "/hand", "/hand50", "cpu/hand [q25-q75]", "/Kryo",
        "cpu/Kryo [q25-q75]");
    if (only.isEmpty() || only.contains("nvme")) {
      run("nvme-lite", Scenario.NVME, rounds * 20);
    }
    if (only.isEmpty() || only.contains("pit")) {
      run("pit-varray", Scenario.PIT, rounds);
    }
    if (only.isEmpty() || only.contains("pit-words")) {
      run("pit words", Scenario.pit(Pit.WORDS, 0), rounds);
    }
    if (only.isEmpty() || only.contains("pit-chans")) {
      run("pit chans", Scenario.pit(0, Pit.CHANNELS), rounds);
    }
  }

  private static <T> void run(String name, Scenario<T> sc, int rounds) {
    T src = sc.source();
    Kryo kryo = Contenders.kryo();
    Output kout = new Output(sc.sinkCapacity(), -1);
    Setup<T> setup = new Setup<>(sc, src, sc.destination(), Contenders.checkIdentical(sc, src),
        kryo, new Input(), Arrays.copyOf(kout.getBuffer(), Contenders.kryoSave(kryo, src, kout)),
        new byte[sc.sinkCapacity()], Contenders.vmOutput(sc));
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    int skip = rounds / 4;
    long[][] t = new long[OPS.length][rounds - skip];
    long[][] cpu = new long[OPS.length][rounds - skip];
    Object sink = null;
    for (int r = 0; r < rounds; r++) {
      for (int op = 0; op < OPS.length; op++) {
        long c0 = mx.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        sink = once(op, setup);
        long dt = System.nanoTime() - t0;
        long dc = mx.getCurrentThreadCpuTime() - c0;
        if (r >= skip) {
          t[op][r - skip] = dt;
          cpu[op][r - skip] = dc;
        }
      }
    }
    if (sink == null) {
      throw new IllegalStateException();
    }
    print(name, t, cpu);
    targets(name, cpu);
  }

  /** Runs operation {@code op} once; returns what it loaded or how many bytes it saved. */
  private static <T> Object once(int op, Setup<T> s) {
    Scenario<T> sc = s.sc();
    byte[] wire = s.wire();
    switch (op) {
      case 0 -> Contenders.handLoad(sc, s.dst(), wire, wire.length);
      case 1 -> {
        sc.prepareReuse(s.dst());
        Contenders.vmLoad(sc, s.dst(), wire, LoadOptions.DEFAULT);
      }
      case 2 -> {
        sc.prepareReuse(s.dst());
        Contenders.vmLoad(sc, s.dst(), wire, Contenders.NON_TX);
      }
      case 3 -> {
        T d = sc.destination();
        Contenders.handLoad(sc, d, wire, wire.length);
        return d;
      }
      case 4 -> {
        T d = sc.destination();
        Contenders.vmLoad(sc, d, wire, LoadOptions.DEFAULT);
        return d;
      }
      case 5 -> {
        T d = sc.destination();
        Contenders.vmLoad(sc, d, wire, Contenders.NON_TX);
        return d;
      }
      case KRYO -> {
        return Contenders.kryoLoad(s.kryo(), sc.type, s.kin(), s.kwire(), s.kwire().length);
      }
      case SAVE_HAND -> {
        return Contenders.handSave(sc, s.src(), s.out());
      }
      case SAVE_VM -> {
        return Contenders.vmSave(sc, s.src(), s.vout());
      }
      default -> throw new IllegalArgumentException("no operation " + op);
    }
    return s.dst();
  }

  private static void print(String name, long[][] t, long[][] cpu) {
    double[] min = new double[OPS.length];
    double[] med = new double[OPS.length];
    for (int op = 0; op < OPS.length; op++) {
      long[] a = t[op].clone();
      Arrays.sort(a);
      min[op] = a[0];
      med[op] = a[a.length / 2];
    }
    for (int op = 0; op < OPS.length; op++) {
      int ref = REF[op];
      // round-by-round CPU-time ratio to the hand-written codec doing the same (a load into the
      // same kind of destination)
      double[] q = quartiles(cpu[op], cpu[ref]);
      String vsKryo = "";
      if (ref != SAVE_HAND) {
        double[] k = quartiles(cpu[op], cpu[KRYO]);
        vsKryo = String.format(Locale.ROOT, "%6.2fx  %5.2fx [%.2f-%.2f]", min[op] / min[KRYO],
            k[1], k[0], k[2]);
      }
      System.out.printf(Locale.ROOT,
          "%-11s %-24s %10s %10s %6.2fx %6.2fx  %5.2fx [%.2f-%.2f]  %s%n", name, OPS[op],
          BenchTable.time(min[op]), BenchTable.time(med[op]), min[op] / min[ref],
          med[op] / med[ref], q[1], q[0], q[2], vsKryo);
    }
  }

  /**
   * The targets in CPU time: vmstate4j's save within 1.3x of the hand-written codec's, its
   * loads within 1.3x of the hand-written codec's into the same kind of destination, and its
   * loads into a fresh graph faster than Kryo. PASS when
   * the rounds' upper quartile is within the limit, MISS when the lower quartile is beyond it,
   * else NOISY.
   */
  private static void targets(String name, long[][] cpu) {
    String[] what = {"save vmstate4j <= 1.3x hand", "load vmstate4j <= 1.3x hand",
        "load vmstate4j non-tx <= 1.3x hand", "fresh vmstate4j <= 1.3x fresh hand",
        "fresh vmstate4j non-tx <= 1.3x fresh hand", "fresh vmstate4j faster than Kryo",
        "fresh vmstate4j non-tx faster than Kryo"};
    int[][] pairs = {{SAVE_VM, SAVE_HAND}, {1, 0}, {2, 0}, {4, 3}, {5, 3}, {4, 6}, {5, 6}};
    double[] limits = {1.3, 1.3, 1.3, 1.3, 1.3, 1, 1};
    for (int k = 0; k < what.length; k++) {
      double[] q = quartiles(cpu[pairs[k][0]], cpu[pairs[k][1]]);
      String v = q[2] <= limits[k] ? "PASS" : q[0] > limits[k] ? "MISS" : "NOISY";
      System.out.printf(Locale.ROOT, "  %-5s %-11s %-42s %5.2fx [%.2f-%.2f]%n", v, name,
          what[k], q[1], q[0], q[2]);
    }
  }

  /** The 25th, 50th and 75th percentiles of {@code a[r] / b[r]} over the rounds. */
  private static double[] quartiles(long[] a, long[] b) {
    double[] r = new double[a.length];
    for (int k = 0; k < a.length; k++) {
      r[k] = a[k] / (double) Math.max(1, b[k]);
    }
    Arrays.sort(r);
    return new double[] {r[r.length / 4], r[r.length / 2], r[r.length * 3 / 4]};
  }
}
