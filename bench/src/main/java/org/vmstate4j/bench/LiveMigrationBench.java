package org.vmstate4j.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.vmstate4j.engine.live.HostPort;
import org.vmstate4j.engine.live.Incoming;
import org.vmstate4j.engine.live.MigrationProxy;
import org.vmstate4j.engine.live.MigrationReceiver;
import org.vmstate4j.engine.live.ProxyResult;
import org.vmstate4j.engine.live.ReceiveResult;
import org.vmstate4j.qemu.Machine;
import org.vmstate4j.qemu.MigrationStatus;
import org.vmstate4j.qemu.MigrationUri;
import org.vmstate4j.qemu.QemuProcess;

/**
 * Live migration through vmstate4j against QEMU alone, with real QEMU 7.2 processes: a guest
 * with {@code --memory} MiB of RAM, {@code --image} MiB of them random pages
 * ({@code -device loader}), running its BIOS, migrated with max-bandwidth raised.
 *
 * <ul>
 *   <li>{@code direct}: QEMU to QEMU ({@code -incoming tcp:});
 *   <li>{@code proxy}: QEMU to {@link MigrationProxy} to QEMU, no edits;
 *   <li>{@code discard}: QEMU to a socket that reads and drops every byte;
 *   <li>{@code receive}: QEMU to {@link MigrationReceiver}, decoding the device sections and
 *       discarding RAM.
 * </ul>
 *
 * For each: QEMU's {@code total-time} on the source, the wall time from {@code migrate} until
 * the receiving end has everything (the destination QEMU completed; the receiver has decoded),
 * and the heap the JVM's peak use reached. Rounds run the scenarios in turn, after warm-up
 * rounds that give the JIT the receiver's and the proxy's loops (printed, not counted); the
 * medians are compared: proxy against direct, receive against discard. Run on a small heap to
 * show that it does not grow with guest RAM:
 *
 * <pre>
 * bench/live-migration.sh            # builds, then java -Xmx256m ... LiveMigrationBench
 * java -Xmx256m -cp bench/target/benchmarks.jar org.vmstate4j.bench.LiveMigrationBench \
 *     --memory 1024 --image 512 --rounds 3
 * </pre>
 */
public final class LiveMigrationBench {
  static final long IMAGE_ADDRESS = 0x1000000;
  static final Duration WAIT = Duration.ofMinutes(5);
  static final List<String> SCENARIOS = List.of("discard", "receive", "direct", "proxy");

  /** One migration's figures. */
  record Run(long qemuTotalMillis, long wallMillis, long peakHeapMiB, String note) {}

  private LiveMigrationBench() {}

  public static void main(String[] args) throws Exception {
    int memory = 1024;
    int image = 512;
    int rounds = 3;
    int warmups = 1;
    Path dir = Paths.get(System.getProperty("java.io.tmpdir"));
    List<String> only = SCENARIOS;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--memory" -> memory = Integer.parseInt(args[++i]);
        case "--image" -> image = Integer.parseInt(args[++i]);
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--warmup" -> warmups = Integer.parseInt(args[++i]);
        case "--dir" -> dir = Paths.get(args[++i]);
        case "--only" -> only = List.of(args[++i].split(","));
        default -> throw new IllegalArgumentException("unknown option " + args[i]
            + " (--memory MIB, --image MIB, --rounds N, --warmup N, --dir DIR, --only a,b)");
      }
    }
    Path imageFile = Files.createTempFile(dir, "vmstate4j-bench-image-", ".bin");
    try {
      RandomFile.write(imageFile, (long) image << 20);
      Machine m = Machine.pc().memory(memory).withLoader(imageFile, IMAGE_ADDRESS);
      System.out.printf(Locale.ROOT, "QEMU %s, -m %d with %d MiB of random pages, max heap %d"
          + " MiB, %d warm-up and %d measured round(s)%n", m, memory, image,
          Runtime.getRuntime().maxMemory() >> 20, warmups, rounds);
      Map<String, List<Run>> runs = new LinkedHashMap<>();
      for (int r = -warmups; r < rounds; r++) {
        for (String s : only) {
          Run run = run(s, m);
          if (r >= 0) {
            runs.computeIfAbsent(s, k -> new ArrayList<>()).add(run);
          }
          System.out.printf(Locale.ROOT, "%-8s %-8s QEMU total-time %6d ms, until received"
              + " %6d ms, peak heap %4d MiB  %s%n", r < 0 ? "warm-up" : "round " + (r + 1), s,
              run.qemuTotalMillis(), run.wallMillis(), run.peakHeapMiB(), run.note());
        }
      }
      report(runs);
    } finally {
      Files.deleteIfExists(imageFile);
    }
  }

  static Run run(String scenario, Machine m) throws Exception {
    resetPeakHeap();
    return switch (scenario) {
      case "direct" -> direct(m);
      case "proxy" -> proxy(m);
      case "discard" -> discard(m);
      case "receive" -> receive(m);
      default -> throw new IllegalArgumentException("unknown scenario " + scenario);
    };
  }

  /** A running guest whose BIOS has started, with QEMU's bandwidth limit lifted. */
  static QemuProcess source(Machine m) {
    QemuProcess src = QemuProcess.running(m);
    try {
      Thread.sleep(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    src.qmp().setMaxBandwidth(100_000_000_000L);
    return src;
  }

  static MigrationStatus migrate(QemuProcess src, String uri) {
    MigrationStatus s = src.migrate(uri, WAIT);
    if (!s.completed()) {
      throw new IllegalStateException("migration " + s + "\n" + src.log());
    }
    return s;
  }

  static Run direct(Machine m) {
    int port = MigrationUri.freeLoopbackPort();
    try (QemuProcess dst = QemuProcess.incoming(m, MigrationUri.tcp(port));
        QemuProcess src = source(m)) {
      long t = System.nanoTime();
      MigrationStatus s = migrate(src, MigrationUri.tcp(port));
      MigrationStatus d = dst.awaitIncoming(WAIT);
      long wall = millisSince(t);
      check(d, dst);
      return new Run(s.totalTimeMillis(), wall, peakHeapMiB(), "");
    }
  }

  static Run proxy(Machine m) throws IOException {
    int port = MigrationUri.freeLoopbackPort();
    try (QemuProcess dst = QemuProcess.incoming(m, MigrationUri.tcp(port));
        QemuProcess src = source(m);
        Incoming<ProxyResult> proxy = MigrationProxy.builder(
            new InetSocketAddress(MigrationUri.LOOPBACK, port)).build()
            .listen(HostPort.parse("127.0.0.1:0"))) {
      long t = System.nanoTime();
      MigrationStatus s = migrate(src, MigrationUri.tcp(proxy.port()));
      ProxyResult p = proxy.await(WAIT);
      MigrationStatus d = dst.awaitIncoming(WAIT);
      long wall = millisSince(t);
      check(d, dst);
      return new Run(s.totalTimeMillis(), wall, peakHeapMiB(),
          p.ramPasses() + " RAM sections");
    }
  }

  static Run discard(Machine m) throws Exception {
    try (ServerSocketChannel server = ServerSocketChannel.open()) {
      server.bind(new InetSocketAddress(MigrationUri.LOOPBACK, 0));
      CompletableFuture<Long> sink = CompletableFuture.supplyAsync(() -> {
        try (SocketChannel c = server.accept()) {
          ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20);
          long n = 0;
          int r;
          while ((r = c.read(buf.clear())) >= 0) {
            n += r;
          }
          return n;
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
      int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
      try (QemuProcess src = source(m)) {
        long t = System.nanoTime();
        MigrationStatus s = migrate(src, MigrationUri.tcp(port));
        long n = sink.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        return new Run(s.totalTimeMillis(), millisSince(t), peakHeapMiB(), n + " bytes");
      }
    }
  }

  static Run receive(Machine m) throws IOException {
    try (QemuProcess src = source(m);
        Incoming<ReceiveResult> port = MigrationReceiver.builder().build()
            .listen(HostPort.parse("127.0.0.1:0"))) {
      long t = System.nanoTime();
      MigrationStatus s = migrate(src, MigrationUri.tcp(port.port()));
      ReceiveResult r = port.await(WAIT);
      long wall = millisSince(t);
      return new Run(s.totalTimeMillis(), wall, peakHeapMiB(), r.bytes() + " bytes, "
          + r.devices().size() + " sections decoded, decode " + r.timings().decode().toMillis()
          + " ms");
    }
  }

  static void check(MigrationStatus d, QemuProcess dst) {
    if (!d.completed()) {
      throw new IllegalStateException("destination " + d + "\n" + dst.log());
    }
  }

  static long millisSince(long t) {
    return (System.nanoTime() - t) / 1_000_000;
  }

  static void resetPeakHeap() {
    System.gc();
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        p.resetPeakUsage();
      }
    }
  }

  static long peakHeapMiB() {
    long sum = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        sum += p.getPeakUsage().getUsed();
      }
    }
    return sum >> 20;
  }

  static String spread(List<Run> runs, boolean qemu) {
    long[] v = runs.stream().mapToLong(r -> qemu ? r.qemuTotalMillis() : r.wallMillis())
        .sorted().toArray();
    return "(" + v[0] + "-" + v[v.length - 1] + " ms)";
  }

  static long median(List<Run> runs, boolean qemu) {
    long[] v = runs.stream().mapToLong(r -> qemu ? r.qemuTotalMillis() : r.wallMillis())
        .sorted().toArray();
    return v[v.length / 2];
  }

  static void report(Map<String, List<Run>> runs) {
    System.out.println();
    System.out.println("scenario  QEMU total-time (range)     until received (range)      peak"
        + " heap  (medians)");
    for (Map.Entry<String, List<Run>> e : runs.entrySet()) {
      long heap = e.getValue().stream().mapToLong(Run::peakHeapMiB).max().orElse(0);
      System.out.printf(Locale.ROOT, "%-8s  %6d ms %-17s  %6d ms %-17s  %4d MiB%n",
          e.getKey(), median(e.getValue(), true), spread(e.getValue(), true),
          median(e.getValue(), false), spread(e.getValue(), false), heap);
    }
    ratio(runs, "proxy", "direct", "target: at most 1.10");
    ratio(runs, "receive", "discard", "target: at most 1.25");
  }

  static void ratio(Map<String, List<Run>> runs, String a, String b, String target) {
    if (runs.containsKey(a) && runs.containsKey(b)) {
      System.out.printf(Locale.ROOT, "%s / %s: QEMU total-time %.2f, until received %.2f (%s)%n",
          a, b, (double) median(runs.get(a), true) / median(runs.get(b), true),
          (double) median(runs.get(a), false) / median(runs.get(b), false), target);
    }
  }
}
