package org.vmstate4j.bench;

import java.util.Locale;
import org.vmstate4j.bench.model.Pit;
import org.vmstate4j.engine.state.LoadOptions;

/**
 * Runs one vmstate4j or hand-written operation in a loop, for a sampling profiler (JFR, perf)
 * attached to this JVM:
 *
 * <pre>
 * java -XX:StartFlightRecording=filename=pit-load.jfr,settings=profile \
 *     -cp bench/target/benchmarks.jar org.vmstate4j.bench.ProfileMain pit load 20
 * </pre>
 *
 * <p>Scenarios: nvme, pit, pit-words (its varray alone), pit-chans (its structs alone),
 * buffer. Operations: save, load, loadNonTx, handSave, handLoad.
 */
public final class ProfileMain {
  private ProfileMain() {}

  public static void main(String[] args) {
    if (args.length < 2) {
      System.out.println("usage: ProfileMain nvme|pit|pit-words|pit-chans|buffer"
          + " save|load|loadNonTx|handSave|handLoad [seconds]");
      return;
    }
    Scenario<?> sc = switch (args[0]) {
      case "nvme" -> Scenario.NVME;
      case "pit" -> Scenario.PIT;
      case "buffer" -> Scenario.BUFFER;
      // pit-varray's two fields alone, to tell their costs apart
      case "pit-words" -> Scenario.pit(Pit.WORDS, 0);
      case "pit-chans" -> Scenario.pit(0, Pit.CHANNELS);
      default -> throw new IllegalArgumentException(args[0]);
    };
    double seconds = args.length > 2 ? Double.parseDouble(args[2]) : 10;
    run(sc, args[1], seconds);
  }

  private static <T> void run(Scenario<T> sc, String op, double seconds) {
    T src = sc.source();
    org.vmstate4j.engine.io.VmOutput vout = Contenders.vmOutput(sc);
    int n = Contenders.vmSave(sc, src, vout);
    byte[] wire = java.util.Arrays.copyOf(vout.array(), n);
    byte[] out = new byte[sc.sinkCapacity()];
    T dst = sc.destination();
    Runnable r = switch (op) {
      case "save" -> () -> Contenders.vmSave(sc, src, vout);
      case "load" -> () -> {
        sc.prepareReuse(dst);
        Contenders.vmLoad(sc, dst, wire, LoadOptions.DEFAULT);
      };
      case "loadNonTx" -> () -> {
        sc.prepareReuse(dst);
        Contenders.vmLoad(sc, dst, wire, Contenders.NON_TX);
      };
      case "handSave" -> () -> Contenders.handSave(sc, src, out);
      case "handLoad" -> () -> Contenders.handLoad(sc, dst, wire, wire.length);
      default -> throw new IllegalArgumentException(op);
    };
    long end = System.nanoTime() + (long) (seconds * 1e9);
    long ops = 0;
    long t0 = System.nanoTime();
    long last = t0;
    while (System.nanoTime() < end) {
      r.run();
      ops++;
      long now = System.nanoTime();
      if (now - last > 1_000_000_000L) {
        System.out.printf(Locale.ROOT, "%s %s: %s/op%n", sc.name, op,
            BenchTable.time((now - t0) / (double) ops));
        last = now;
      }
    }
    System.out.printf(Locale.ROOT, "%s %s: %d ops, %s/op%n", sc.name, op, ops,
        BenchTable.time((System.nanoTime() - t0) / (double) ops));
  }
}
