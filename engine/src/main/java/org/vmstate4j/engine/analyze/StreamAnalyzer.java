package org.vmstate4j.engine.analyze;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.vmstate4j.engine.VmStateException;
import org.vmstate4j.engine.VmStateLoadException;

/**
 * Decodes a real QEMU migration stream using only the JSON description (vmdesc) the stream
 * carries at its end, the way QEMU's {@code scripts/analyze-migration.py} does.
 *
 * <p>Malformed input raises {@link VmStateLoadException} naming the byte offset (and the path of
 * the section and field, where known); I/O failures raise {@link IOException}.
 */
public final class StreamAnalyzer {
  private StreamAnalyzer() {}

  /** Decodes a stream file. RAM pages are skipped, not loaded. */
  public static AnalyzedStream open(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      return guarded(() -> decode(channel));
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
        VmDescLocator.Located found = VmDescLocator.locate(channel);
        StreamDecoder.checkHeader(new StreamSource(channel, found.markerOffset()));
        return PythonJson.print(VmDescription.parse(found.json(), found.jsonOffset()).root());
      });
    }
  }

  private static AnalyzedStream decode(SeekableByteChannel channel) throws IOException {
    VmDescLocator.Located found = VmDescLocator.locate(channel);
    StreamSource in = new StreamSource(channel, found.markerOffset());
    StreamDecoder.checkHeader(in);
    VmDescription desc = VmDescription.parse(found.json(), found.jsonOffset());
    return new StreamDecoder(in, desc).decode();
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
