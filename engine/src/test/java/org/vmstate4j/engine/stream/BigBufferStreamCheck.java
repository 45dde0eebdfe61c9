package org.vmstate4j.engine.stream;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.codec.Codecs;
import org.vmstate4j.engine.model.FieldAccessor;
import org.vmstate4j.engine.model.VmStateDescription;
import org.vmstate4j.engine.model.VmStateField;
import org.vmstate4j.engine.model.VmsFlags;
import org.vmstate4j.engine.state.LoadOptions;

/**
 * Saves and loads a device with one 1 GiB buffer field held in a file-mapped ByteBuffer, to show
 * that neither side needs the data on the heap. Not a unit test (too slow); run with a small
 * heap:
 *
 * <pre>
 * java -Xmx256m -cp ... org.vmstate4j.engine.stream.BigBufferStreamCheck DIR [MiB] [--no-journal]
 * </pre>
 *
 * Prints the times, the stream size, and the peak resident set size of the process.
 */
public final class BigBufferStreamCheck {
  private BigBufferStreamCheck() {}

  /** The device: a tag and one big buffer. */
  static final class Big {
    long tag;
    ByteBuffer data;

    Big(ByteBuffer data) {
      this.data = data;
    }
  }

  static VmStateDescription description(int size) {
    return VmStateDescription.builder("big").versionId(1).minimumVersionId(1)
        .field(VmStateField.builder("tag").flags(VmsFlags.SINGLE).codec(Codecs.UINT64)
            .accessor(Fields.of(Big.class, "tag")).build())
        .field(VmStateField.builder("data").flags(VmsFlags.BUFFER).codec(Codecs.BUFFER)
            .size(size).accessor(new FieldAccessor() {
              @Override
              public Class<?> type() {
                return ByteBuffer.class;
              }

              @Override
              public Object get(Object owner) {
                return ((Big) owner).data;
              }

              @Override
              public void set(Object owner, @Nullable Object value) {
                ((Big) owner).data = (ByteBuffer) value;
              }

              @Override
              public void setLong(Object owner, long value) {
                throw new UnsupportedOperationException();
              }

              @Override
              public void setDouble(Object owner, double value) {
                throw new UnsupportedOperationException();
              }
            }).build())
        .build();
  }

  static MappedByteBuffer map(Path file, int size) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE,
        StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      return ch.map(FileChannel.MapMode.READ_WRITE, 0, size);
    }
  }

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args.length > 0 ? args[0] : System.getProperty("java.io.tmpdir"));
    int mib = args.length > 1 ? Integer.parseInt(args[1]) : 1024;
    boolean journal = !(args.length > 2 && args[2].equals("--no-journal"));
    int size = mib << 20;
    Path srcFile = dir.resolve("big-src.bin");
    Path dstFile = dir.resolve("big-dst.bin");
    Path stream = dir.resolve("big.mig");
    Files.deleteIfExists(srcFile);
    Files.deleteIfExists(dstFile);
    try {
      MappedByteBuffer src = map(srcFile, size);
      for (int i = 0; i < size; i += 8) {
        src.putLong(i, i * 0x9E3779B97F4A7C15L);
      }
      Big a = new Big(src);
      a.tag = 0x1234;
      VmStateDescription d = description(size);
      Registry out = new Registry();
      out.register(d, a);

      AtomicLong calls = new AtomicLong();
      long t0 = System.nanoTime();
      SaveResult saved = MigrationStreams.save(out, stream,
          WriteOptions.DEFAULT.withProgress((done, total) -> calls.incrementAndGet()));
      long t1 = System.nanoTime();
      System.out.printf("save: %d bytes in %.2f s (%d progress calls)%n", saved.bytes(),
          (t1 - t0) / 1e9, calls.get());

      Big b = new Big(map(dstFile, size));
      Registry in = new Registry();
      in.register(d, b);
      calls.set(0);
      long t2 = System.nanoTime();
      LoadResult loaded = MigrationStreams.load(in, stream, ReadOptions.DEFAULT
          .withLoadOptions(LoadOptions.DEFAULT.withTransactional(journal))
          .withProgress((done, total) -> calls.incrementAndGet()));
      long t3 = System.nanoTime();
      System.out.printf("load (%s): %d bytes in %.2f s (%d progress calls)%n",
          journal ? "transactional" : "not transactional", loaded.bytes(), (t3 - t2) / 1e9,
          calls.get());
      int mismatch = src.mismatch(b.data);
      System.out.println("tag " + Long.toHexString(b.tag) + ", buffers "
          + (mismatch < 0 ? "equal" : "differ at " + mismatch));
      System.out.println("max heap " + (Runtime.getRuntime().maxMemory() >> 20) + " MiB");
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM") || line.startsWith("VmRSS") || line.startsWith("RssAnon")
            || line.startsWith("RssFile")) {
          System.out.println(line.replaceAll("\\s+", " "));
        }
      }
    } finally {
      Files.deleteIfExists(srcFile);
      Files.deleteIfExists(dstFile);
      Files.deleteIfExists(stream);
    }
  }
}
