package org.vmstate4j.bench;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.util.Arrays;
import java.util.Locale;
import org.vmstate4j.bench.model.Pit;
import org.vmstate4j.engine.state.LoadOptions;

/**
 * Loads side by side on a shared, loaded machine: one round runs every contender's load once,
 * in turn, so that a burst of load from other processes hits all of them alike; after a
 * warm-up quarter, each contender's fastest and median time over the rounds are printed, and
 * the ratios of both to the hand-written codec and to Kryo. The fastest time is the figure
 * least disturbed by other processes; JMH ({@link BenchMain}) stays the reference when the
 * machine is quiet.
 *
 * <pre>
 * java -Xms3g -Xmx3g -cp bench/target/benchmarks.jar org.vmstate4j.bench.PairedMain 400
 * </pre>
 *
 * <p>Scenarios: nvme-lite (20 x the rounds, its loads are short), pit-varray, and pit-varray's
 * varray and structs alone. Contenders: hand-written, vmstate4j (transactional and not) into
 * the reused destination; hand-written, vmstate4j (both) into a fresh one; Kryo.
 */
public final class PairedMain {
  private static final String[] OPS = {"hand", "vmstate4j", "vmstate4j non-tx", "fresh hand",
      "fresh vmstate4j", "fresh vmstate4j non-tx", "Kryo 5"};

  private PairedMain() {}

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 400;
    System.out.printf(Locale.ROOT, "%-11s %-24s %10s %10s %7s %7s %7s%n", "scenario", "load",
        "fastest", "median", "/hand", "/hand50", "/Kryo");
    run("nvme-lite", Scenario.NVME, rounds * 20);
    run("pit-varray", Scenario.PIT, rounds);
    run("pit words", Scenario.pit(Pit.WORDS, 0), rounds);
    run("pit chans", Scenario.pit(0, Pit.CHANNELS), rounds);
  }

  private static <T> void run(String name, Scenario<T> sc, int rounds) {
    T src = sc.source();
    byte[] wire = Contenders.checkIdentical(sc, src);
    T dst = sc.destination();
    Kryo kryo = Contenders.kryo();
    Output kout = new Output(sc.sinkCapacity(), -1);
    byte[] kwire = Arrays.copyOf(kout.getBuffer(), Contenders.kryoSave(kryo, src, kout));
    Input kin = new Input();
    int skip = rounds / 4;
    long[][] t = new long[OPS.length][rounds - skip];
    Object sink = null;
    for (int r = 0; r < rounds; r++) {
      for (int op = 0; op < OPS.length; op++) {
        long t0 = System.nanoTime();
        switch (op) {
          case 0 -> Contenders.handLoad(sc, dst, wire, wire.length);
          case 1 -> {
            sc.prepareReuse(dst);
            Contenders.vmLoad(sc, dst, wire, LoadOptions.DEFAULT);
          }
          case 2 -> {
            sc.prepareReuse(dst);
            Contenders.vmLoad(sc, dst, wire, Contenders.NON_TX);
          }
          case 3 -> {
            T d = sc.destination();
            Contenders.handLoad(sc, d, wire, wire.length);
            sink = d;
          }
          case 4 -> {
            T d = sc.destination();
            Contenders.vmLoad(sc, d, wire, LoadOptions.DEFAULT);
            sink = d;
          }
          case 5 -> {
            T d = sc.destination();
            Contenders.vmLoad(sc, d, wire, Contenders.NON_TX);
            sink = d;
          }
          default -> sink = Contenders.kryoLoad(kryo, sc.type, kin, kwire, kwire.length);
        }
        long dt = System.nanoTime() - t0;
        if (r >= skip) {
          t[op][r - skip] = dt;
        }
      }
    }
    if (sink == null) {
      throw new IllegalStateException();
    }
    double[] min = new double[OPS.length];
    double[] med = new double[OPS.length];
    for (int op = 0; op < OPS.length; op++) {
      long[] a = t[op];
      Arrays.sort(a);
      min[op] = a[0];
      med[op] = a[a.length / 2];
    }
    for (int op = 0; op < OPS.length; op++) {
      System.out.printf(Locale.ROOT, "%-11s %-24s %10s %10s %6.2fx %6.2fx %6.2fx%n", name,
          OPS[op], BenchMain.time(min[op]), BenchMain.time(med[op]), min[op] / min[op < 3 ? 0 : 3],
          med[op] / med[op < 3 ? 0 : 3], min[op] / min[6]);
    }
  }
}
