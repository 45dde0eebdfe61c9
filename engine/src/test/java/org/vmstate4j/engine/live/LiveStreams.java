package org.vmstate4j.engine.live;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.codec.Codecs;
import org.vmstate4j.engine.model.FieldAccessor;
import org.vmstate4j.engine.model.VmStateDescription;
import org.vmstate4j.engine.model.VmStateField;
import org.vmstate4j.engine.model.VmsFlags;
import org.vmstate4j.engine.wire.PartKind;
import org.vmstate4j.engine.wire.StreamWalker;
import org.vmstate4j.engine.wire.WirePart;

/** Sample streams and a fake QEMU source that plays them over loopback. */
final class LiveStreams {
  private LiveStreams() {}

  /** QEMU's port92: one uint8. */
  static final class Port92 {
    long outport = -1;
  }

  static final VmStateDescription PORT92 = VmStateDescription.builder("port92").versionId(1)
      .minimumVersionId(1).field(VmStateField.builder("outport").flags(VmsFlags.SINGLE)
          .codec(Codecs.UINT8).accessor(new FieldAccessor() {
            @Override
            public Class<?> type() {
              return long.class;
            }

            @Override
            public Object get(Object owner) {
              return ((Port92) owner).outport;
            }

            @Override
            public void set(Object owner, @Nullable Object value) {
              ((Port92) owner).outport = (Long) value;
            }

            @Override
            public void setLong(Object owner, long value) {
              ((Port92) owner).outport = value;
            }

            @Override
            public void setDouble(Object owner, double value) {
              throw new UnsupportedOperationException();
            }
          }).build()).build();

  static Path sample(String name) {
    try {
      return Path.of(LiveStreams.class.getResource("/qemu-samples/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<WirePart> parts(Path file) throws IOException {
    List<WirePart> parts = new ArrayList<>();
    StreamWalker.walk(file, parts::add);
    return parts;
  }

  static WirePart first(List<WirePart> parts, PartKind kind) {
    return parts.stream().filter(p -> p.kind() == kind).findFirst().orElseThrow();
  }

  /**
   * pc-min.mig with {@code passes} extra RAM PART sections of {@code pages} random whole pages
   * each, inserted before its first PART: a stream as a running guest makes, RAM in several
   * iterations, and big enough for progress reports.
   */
  static byte[] withRamPasses(int passes, int pages) throws IOException {
    byte[] base = Files.readAllBytes(sample("pc-min.mig"));
    List<WirePart> parts = parts(sample("pc-min.mig"));
    WirePart part = first(parts, PartKind.SECTION_PART);
    int at = (int) part.offset();
    ByteArrayOutputStream out = new ByteArrayOutputStream(passes * pages * 4110 + base.length);
    out.write(base, 0, at);
    Random random = new Random(42);
    byte[] page = new byte[4096];
    ByteBuffer b = ByteBuffer.allocate(16);
    for (int p = 0; p < passes; p++) {
      out.write(0x02);
      out.write(b.clear().putInt((int) part.sectionId()).array(), 0, 4);
      for (int i = 0; i < pages; i++) {
        long addr = (long) ((p * pages + i) % 4096) << 12;
        boolean first = i == 0;
        out.write(b.clear().putLong(addr | 0x08 | (first ? 0 : 0x20)).array(), 0, 8);
        if (first) {
          out.write(6);
          out.write("pc.ram".getBytes(StandardCharsets.ISO_8859_1), 0, 6);
        }
        random.nextBytes(page);
        out.write(page, 0, page.length);
      }
      out.write(b.clear().putLong(0x10).array(), 0, 8);
      out.write(0x7e);
      out.write(b.clear().putInt((int) part.sectionId()).array(), 0, 4);
    }
    out.write(base, at, base.length - at);
    return out.toByteArray();
  }

  /**
   * Connects to {@code to} and writes {@code data} in uneven pieces, up to {@code cut} bytes,
   * then closes; returns what the peer sent back meanwhile.
   */
  static CompletableFuture<byte[]> play(byte[] data, InetSocketAddress to, int cut) {
    CompletableFuture<byte[]> done = new CompletableFuture<>();
    Thread t = new Thread(() -> {
      try (SocketChannel ch = SocketChannel.open(to)) {
        Random random = new Random(7);
        int at = 0;
        while (at < cut) {
          int n = Math.min(cut - at, 1 + random.nextInt(200_000));
          ByteBuffer b = ByteBuffer.wrap(data, at, n);
          while (b.hasRemaining()) {
            ch.write(b);
          }
          at += n;
        }
        ch.shutdownOutput();
        ch.socket().setSoTimeout(20_000);
        done.complete(ch.socket().getInputStream().readAllBytes());
      } catch (IOException e) {
        done.completeExceptionally(e);
      }
    }, "test-source");
    t.setDaemon(true);
    t.start();
    return done;
  }

  static CompletableFuture<byte[]> play(byte[] data, InetSocketAddress to) {
    return play(data, to, data.length);
  }

  static <T> T get(CompletableFuture<T> f) {
    try {
      return f.get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
