package org.vmstate4j.bench;

import static org.vmstate4j.dsl.VmsdDsl.field;
import static org.vmstate4j.dsl.VmsdDsl.vmsd;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import org.vmstate4j.engine.io.VmInput;
import org.vmstate4j.engine.io.VmOutput;
import org.vmstate4j.engine.model.VmStateDescription;
import org.vmstate4j.engine.state.LoadOptions;
import org.vmstate4j.engine.state.VmState;

/**
 * Memory check: saves a device whose only field is a 1 GiB ByteBuffer (file-mapped, or direct
 * with {@code --direct}) to a file and loads it back into another such buffer, on a small heap,
 * then compares the two buffers. Loads run non-transactionally and transactionally (the undo
 * copy of a large ByteBuffer goes to a temporary file).
 *
 * <pre>
 * java -Xmx256m -cp bench/target/benchmarks.jar org.vmstate4j.bench.BigStreamCheck
 * java -Xmx256m -XX:MaxDirectMemorySize=2300m -cp bench/target/benchmarks.jar \
 *     org.vmstate4j.bench.BigStreamCheck --direct
 * </pre>
 *
 * <p>Options: {@code --dir DIR} (scratch files, default the temporary directory), {@code
 * --mib N} (buffer size, default 1024), {@code --direct}, {@code --no-tx}.
 */
public final class BigStreamCheck {
  /** The device: one large buffer. */
  public static final class Big {
    public ByteBuffer data;

    static VmStateDescription vmsdFor(int size) {
      return vmsd("bench-big-buffer", Big.class)
          .version(1)
          .fields(field("data").buffer(size))
          .build();
    }
  }

  private BigStreamCheck() {}

  public static void main(String[] args) throws IOException {
    Path dir = Paths.get(System.getProperty("java.io.tmpdir"));
    long mib = 1024;
    boolean direct = false;
    boolean tx = true;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--dir" -> dir = Paths.get(args[++i]);
        case "--mib" -> mib = Long.parseLong(args[++i]);
        case "--direct" -> direct = true;
        case "--no-tx" -> tx = false;
        default -> {
          System.err.println("usage: BigStreamCheck [--dir DIR] [--mib N] [--direct] [--no-tx]");
          System.exit(2);
        }
      }
    }
    if (mib << 20 > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("a buffer field holds at most 2 GiB - 1");
    }
    int size = (int) (mib << 20);
    Files.createDirectories(dir);
    Path srcFile = dir.resolve("vmstate4j-big-src.bin");
    Path dstFile = dir.resolve("vmstate4j-big-dst.bin");
    Path stream = dir.resolve("vmstate4j-big-stream.bin");
    VmStateDescription d = Big.vmsdFor(size);
    System.out.printf(Locale.ROOT, "max heap %d MiB; buffer %d MiB (%s)%n",
        Runtime.getRuntime().maxMemory() >> 20, mib, direct ? "direct" : "file-mapped");
    try {
      Big src = new Big();
      src.data = buffer(srcFile, size, direct);
      long t = System.nanoTime();
      fill(src.data, size);
      report("fill source", size, t);

      t = System.nanoTime();
      try (OutputStream os = Files.newOutputStream(stream);
          VmOutput out = VmOutput.to(os)) {
        VmState.save(d, src, out);
      }
      report("save to file", size, t);
      long len = Files.size(stream);
      if (len != size) {
        throw new IllegalStateException("stream is " + len + " bytes, expected " + size);
      }

      Big dst = new Big();
      dst.data = buffer(dstFile, size, direct);
      t = System.nanoTime();
      load(d, dst, stream, len, Contenders.NON_TX);
      report("load from file (non-tx)", size, t);
      check(src.data, dst.data, size);
      if (tx) {
        clear(dst.data, size);
        t = System.nanoTime();
        load(d, dst, stream, len, LoadOptions.DEFAULT);
        report("load from file (transactional)", size, t);
        check(src.data, dst.data, size);
      }
      System.out.printf(Locale.ROOT, "peak heap used %d MiB of %d MiB: OK%n",
          HeapPeak.bytes() >> 20, Runtime.getRuntime().maxMemory() >> 20);
    } finally {
      Files.deleteIfExists(srcFile);
      Files.deleteIfExists(dstFile);
      Files.deleteIfExists(stream);
    }
  }

  private static void load(VmStateDescription d, Big dst, Path stream, long len,
      LoadOptions options) throws IOException {
    try (InputStream is = new BufferedInputStream(Files.newInputStream(stream), 1 << 16)) {
      VmInput in = VmInput.of(is, len);
      VmState.load(d, dst, in, d.versionId(), options);
      if (!in.atEnd()) {
        throw new IllegalStateException("trailing bytes");
      }
    }
  }

  private static ByteBuffer buffer(Path file, int size, boolean direct) throws IOException {
    if (direct) {
      return ByteBuffer.allocateDirect(size);
    }
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.READ,
        StandardOpenOption.WRITE)) {
      MappedByteBuffer m = ch.map(FileChannel.MapMode.READ_WRITE, 0, size);
      return m;
    }
  }

  private static void fill(ByteBuffer b, int size) {
    long x = 0x9E3779B97F4A7C15L;
    for (int i = 0; i + 8 <= size; i += 8) {
      x ^= x << 13;
      x ^= x >>> 7;
      x ^= x << 17;
      b.putLong(i, x);
    }
  }

  private static void clear(ByteBuffer b, int size) {
    for (int i = 0; i + 8 <= size; i += 8) {
      b.putLong(i, 0);
    }
  }

  private static void check(ByteBuffer a, ByteBuffer b, int size) {
    int m = a.slice(0, size).mismatch(b.slice(0, size));
    if (m >= 0) {
      throw new IllegalStateException("loaded buffer differs at byte " + m);
    }
  }

  private static void report(String what, long bytes, long t0) {
    double s = (System.nanoTime() - t0) / 1e9;
    System.out.printf(Locale.ROOT, "%-32s %8.2f s %9.0f MB/s   heap used %4d MiB%n", what, s,
        bytes / s / 1e6, used() >> 20);
  }

  private static long used() {
    Runtime r = Runtime.getRuntime();
    return r.totalMemory() - r.freeMemory();
  }
}
