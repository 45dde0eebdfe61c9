package org.vmstate4j.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.vmstate4j.engine.edit.Assignment;
import org.vmstate4j.engine.edit.StreamEdit;
import org.vmstate4j.qemu.Guests;
import org.vmstate4j.qemu.Machine;
import org.vmstate4j.qemu.MigrationStatus;
import org.vmstate4j.qemu.QemuProcess;

/**
 * Time of a one-edit rewrite of a large real QEMU stream, next to {@code cat} of the same file.
 * QEMU 7.2 makes the stream: a {@code -m 1024} guest whose RAM holds a file of random bytes
 * ({@code -device loader,...,force-raw=on}), migrated with max-bandwidth raised. The rewrite sets
 * COM1's scratch register ({@code serial/state/scr=0x5a}); it runs on the heap the JVM was given
 * (run with {@code -Xmx256m}) and its output is checked: one byte differs, and a destination
 * QEMU loads it and shows the edit.
 *
 * <pre>
 * bench/qemu-rewrite.sh            # builds, then runs this with -Xmx256m
 * java -Xmx256m -cp bench/target/benchmarks.jar org.vmstate4j.bench.QemuRewriteCheck \
 *     [--dir DIR] [--ram-mib 1024] [--fill-mib 512] [--runs 3] [--no-load] [--keep]
 * </pre>
 */
public final class QemuRewriteCheck {
  private QemuRewriteCheck() {}

  public static void main(String[] args) throws Exception {
    Path dir = null;
    int ramMib = 1024;
    int fillMib = 512;
    int runs = 3;
    boolean load = true;
    boolean keep = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--dir" -> dir = Paths.get(args[++i]);
        case "--ram-mib" -> ramMib = Integer.parseInt(args[++i]);
        case "--fill-mib" -> fillMib = Integer.parseInt(args[++i]);
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--no-load" -> load = false;
        case "--keep" -> keep = true;
        default -> {
          System.err.println("usage: QemuRewriteCheck [--dir DIR] [--ram-mib N] [--fill-mib N]"
              + " [--runs N] [--no-load] [--keep]");
          System.exit(2);
        }
      }
    }
    if (fillMib + 16 > ramMib) {
      throw new IllegalArgumentException("the fill (loaded at 16 MiB) must fit in the RAM");
    }
    if (dir == null) {
      dir = Files.createTempDirectory("vmstate4j-qemu-rewrite-");
    }
    Files.createDirectories(dir);
    Path random = dir.resolve("random.bin");
    Path stream = dir.resolve("big.mig");
    Path out = dir.resolve("big-edited.mig");
    Path copy = dir.resolve("big-copy.mig");
    Machine machine = Machine.pc().withSerial().memory(ramMib).withLoader(random, 0x1000000);
    try {
      RandomFile.write(random, (long) fillMib << 20);
      long t0 = System.nanoTime();
      try (QemuProcess src = Guests.fresh(machine)) {
        src.qmp().setMaxBandwidth(100_000_000_000L);
        MigrationStatus s = src.migrateToFile(stream, Duration.ofMinutes(10));
        System.out.printf(Locale.ROOT, "QEMU %s: %s -> %s%n", src.qmp().version(), machine, s);
      }
      long size = Files.size(stream);
      System.out.printf(Locale.ROOT, "stream: %,d bytes (%.0f MiB), made in %.1f s%n", size,
          size / 1048576.0, (System.nanoTime() - t0) / 1e9);

      double bestCat = Double.MAX_VALUE;
      double bestCopy = Double.MAX_VALUE;
      double bestEdit = Double.MAX_VALUE;
      run("cat", stream.toString());
      for (int r = 0; r < runs; r++) {
        double cat = seconds(() -> run("cat", stream.toString()));
        double cp = seconds(() -> run("sh", "-c", "cat \"$0\" > \"$1\"", stream.toString(),
            copy.toString()));
        double edit = seconds(() -> StreamEdit.of(stream)
            .set(Assignment.parse("serial/state/scr=0x5a")).writeTo(out));
        System.out.printf(Locale.ROOT,
            "run %d: cat FILE > /dev/null %.3f s, cat FILE > COPY %.3f s, rewrite with one"
                + " edit %.3f s%n", r + 1, cat, cp, edit);
        bestCat = Math.min(bestCat, cat);
        bestCopy = Math.min(bestCopy, cp);
        bestEdit = Math.min(bestEdit, edit);
      }
      long differing = differences(stream, out);
      if (differing != 1) {
        throw new AssertionError("expected 1 differing byte, found " + differing);
      }
      System.out.printf(Locale.ROOT, "best of %d: cat > /dev/null %.3f s (%.0f MiB/s),"
          + " cat > copy %.3f s, rewrite %.3f s (%.0f MiB/s) = %.1fx cat, %.1fx copy%n",
          runs, bestCat, size / 1048576.0 / bestCat, bestCopy, bestEdit,
          size / 1048576.0 / bestEdit, bestEdit / bestCat, bestEdit / bestCopy);
      System.out.printf(Locale.ROOT, "heap: max %d MiB, peak used %d MiB; output differs from"
          + " the input in 1 byte%n", Runtime.getRuntime().maxMemory() >> 20,
          HeapPeak.bytes() >> 20);
      if (load) {
        try (QemuProcess dst = QemuProcess.loadFile(machine, out, Map.of(),
            Duration.ofMinutes(10))) {
          MigrationStatus s = dst.lastIncoming();
          int scr = s.completed() ? dst.hmp().inb(0x3ff) : -1;
          System.out.printf(Locale.ROOT, "destination QEMU: %s, i /b 0x3ff = 0x%02x%n", s, scr);
          if (scr != 0x5a) {
            throw new AssertionError("the destination did not show the edit");
          }
        }
      }
    } finally {
      if (!keep) {
        for (Path p : new Path[] {random, stream, out, copy}) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  private interface Work {
    void run() throws Exception;
  }

  private static double seconds(Work w) throws Exception {
    long t = System.nanoTime();
    w.run();
    return (System.nanoTime() - t) / 1e9;
  }

  private static void run(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    if (p.waitFor() != 0) {
      throw new IOException(String.join(" ", cmd) + " failed");
    }
  }

  private static long differences(Path a, Path b) throws IOException {
    if (Files.size(a) != Files.size(b)) {
      return -1;
    }
    long n = 0;
    byte[] x = new byte[1 << 20];
    byte[] y = new byte[1 << 20];
    try (InputStream ia = Files.newInputStream(a); InputStream ib = Files.newInputStream(b)) {
      int r;
      while ((r = ia.readNBytes(x, 0, x.length)) > 0) {
        ib.readNBytes(y, 0, r);
        for (int i = 0; i < r; i++) {
          if (x[i] != y[i]) {
            n++;
          }
        }
      }
    }
    return n;
  }
}
