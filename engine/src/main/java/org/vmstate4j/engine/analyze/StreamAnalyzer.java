package org.vmstate4j.engine.analyze;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.vmstate4j.engine.VmStateException;
import org.vmstate4j.engine.VmStateLoadException;
import org.vmstate4j.engine.wire.PartKind;
import org.vmstate4j.engine.wire.StreamWalker;
import org.vmstate4j.engine.wire.VmDescription;
import org.vmstate4j.engine.wire.WireOptions;

/**
 * Decodes a real QEMU migration stream using only the JSON description (vmdesc) the stream
 * carries at its end, the way QEMU's {@code scripts/analyze-migration.py} does.
 *
 * <p>Malformed input raises {@link VmStateLoadException} naming the byte offset (and the path of
 * the section and field, where known); I/O failures raise {@link IOException}.
 */
public final class StreamAnalyzer {
  private StreamAnalyzer() {}

  /** How far from the end analyze-migration.py looks for the description. */
  private static final long TAIL = 10L << 20;

  /** Decodes a stream file. RAM pages are skipped, not loaded. */
  public static AnalyzedStream open(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      return guarded(() -> decode(file, channel));
    }
  }

  /**
   * Decodes a stream read to its end from {@code in}. The vmdesc sits at the end, so the bytes go
   * to a temporary file first, which is deleted before returning.
   */
  public static AnalyzedStream read(InputStream in) throws IOException {
    Path spool = Files.createTempFile("vmstate4j-analyze-", ".mig");
    try {
      Files.copy(in, spool, StandardCopyOption.REPLACE_EXISTING);
      return open(spool);
    } finally {
      Files.deleteIfExists(spool);
    }
  }

  /**
   * What {@code analyze-migration.py -f FILE --dump desc} prints: it checks magic, version and the
   * device list but, like the script, does not decode the sections.
   */
  public static String describe(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      return guarded(() -> {
        VmDescription.Found found = find(channel);
        checkHeader(channel);
        VmDescription desc = found.parse();
        desc.requireDeviceFields();
        return PythonJson.print(desc.root());
      });
    }
  }

  private static VmDescription.Found find(FileChannel channel) throws IOException {
    VmDescription.Found found = VmDescription.find(channel);
    if (found == null) {
      throw new VmStateLoadException("No Debug Migration device found",
          Math.max(0, channel.size() - TAIL), "0x06 + be32 length + JSON at the end of the file",
          "none");
    }
    return found;
  }

  /** Stops a walk once the header is read. */
  private static final class HeaderRead extends RuntimeException {
    private static final long serialVersionUID = 1L;

    HeaderRead() {
      super(null, null, false, false);
    }
  }

  /** Magic and version, checked by the walker. */
  private static void checkHeader(FileChannel channel) throws IOException {
    byte[] head = new byte[(int) Math.min(8, channel.size())];
    channel.read(ByteBuffer.wrap(head), 0);
    try {
      StreamWalker.walk(head, WireOptions.DEFAULT.withLocate(false), p -> {
        if (p.kind() == PartKind.HEADER) {
          throw new HeaderRead();
        }
      });
    } catch (HeaderRead done) {
      // magic and version are fine
    }
  }

  private static AnalyzedStream decode(Path file, FileChannel channel) throws IOException {
    VmDescription.Found found = find(channel);
    checkHeader(channel);
    VmDescription desc = found.parse();
    desc.requireDeviceFields();
    long pageSize = desc.requirePageSize();
    StreamDecoder decoder = new StreamDecoder(desc, (offset, length) -> {
      ByteBuffer b = ByteBuffer.allocate(length);
      try {
        while (b.hasRemaining()) {
          if (channel.read(b, offset + b.position()) < 0) {
            throw new VmStateLoadException("file shorter than expected", offset + b.position());
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return b.array();
    });
    WireOptions options = WireOptions.DEFAULT.withDescription(desc)
        .withPageSize(pageSize < (1 << 30) && Long.bitCount(pageSize) == 1 ? (int) pageSize : 0);
    try {
      StreamWalker.walk(file, options, decoder);
    } catch (VmStateLoadException e) {
      throw decoder.located(e);
    }
    return decoder.finish();
  }

  private interface Work<T> {
    T run() throws IOException;
  }

  /**
   * Lets only our exceptions and I/O failures out. Anything else from malformed input is a gap in
   * validation; it is still reported as a load error rather than as an unrelated type.
   */
  private static <T> T guarded(Work<T> work) throws IOException {
    try {
      return work.run();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    } catch (VmStateException e) {
      throw e;
    } catch (RuntimeException | StackOverflowError e) {
      throw new VmStateLoadException("malformed stream: " + e, -1, e);
    }
  }
}
