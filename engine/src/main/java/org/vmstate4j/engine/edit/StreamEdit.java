package org.vmstate4j.engine.edit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.analyze.StreamAnalyzer;

/**
 * Rewrites a QEMU migration stream with generic edits: every byte not edited passes through
 * unchanged (RAM, sections of any kind, commands, footers, EOF, the JSON description), so with no
 * edit the output equals the input. An edit overwrites a field's bytes in place, found with the
 * stream's own JSON description by the path {@code analyze} shows:
 *
 * <pre>{@code
 * StreamEdit.of(in).set("mc146818rtc/cmos_data[14]", 0xa5).writeTo(out);
 * }</pre>
 *
 * <p>Edits are resolved and checked when added ({@link StreamEditException} names the path and
 * what exists there). RAM is copied through a fixed buffer, never held.
 */
public final class StreamEdit implements AutoCloseable {
  private static final int COPY_BUFFER = 1 << 20;

  private final Path file;
  private final boolean spooled;
  private @Nullable FieldResolver resolver;
  private final List<FieldEdit> edits = new ArrayList<>();

  private StreamEdit(Path file, boolean spooled) {
    this.file = file;
    this.spooled = spooled;
  }

  /** Edits a stream file. */
  public static StreamEdit of(Path file) {
    return new StreamEdit(Objects.requireNonNull(file, "file"), false);
  }

  /**
   * Edits a stream read to its end from {@code in}: the bytes go to a temporary file (the JSON
   * description comes last), deleted by {@link #close()}.
   */
  public static StreamEdit of(InputStream in) throws IOException {
    Path spool = Files.createTempFile("vmstate4j-edit-", ".mig");
    try {
      Files.copy(in, spool, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      Files.deleteIfExists(spool);
      throw e;
    }
    return new StreamEdit(spool, true);
  }

  /** Sets the field at {@code path} to {@code value}. */
  public StreamEdit set(String path, long value) {
    return set(new Assignment(path, BigInteger.valueOf(value)));
  }

  /** Sets the field at {@code path} to {@code value}. */
  public StreamEdit set(String path, BigInteger value) {
    return set(new Assignment(path, value));
  }

  /** Applies one edit, e.g. {@code Assignment.parse("serial/state/scr=0x5a")}. */
  public StreamEdit set(Assignment assignment) {
    FieldEdit edit = resolver().resolve(assignment);
    edits.removeIf(e -> e.offset() == edit.offset());
    edits.add(edit);
    return this;
  }

  /** The edits resolved so far, in the order they were added. */
  public List<FieldEdit> edits() {
    return List.copyOf(edits);
  }

  /** Writes the edited stream to {@code out} (created or replaced); returns the bytes written. */
  public long writeTo(Path out) throws IOException {
    try (FileChannel target = FileChannel.open(out, StandardOpenOption.CREATE,
        StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      return copy(target);
    }
  }

  /** Writes the edited stream to {@code out} (not closed); returns the bytes written. */
  public long writeTo(OutputStream out) throws IOException {
    long n = copy(Channels.newChannel(out));
    out.flush();
    return n;
  }

  private long copy(WritableByteChannel target) throws IOException {
    List<FieldEdit> sorted = new ArrayList<>(edits);
    sorted.sort(Comparator.comparingLong(FieldEdit::offset));
    ByteBuffer buf = ByteBuffer.allocateDirect(COPY_BUFFER);
    long pos = 0;
    int next = 0;
    try (FileChannel source = FileChannel.open(file, StandardOpenOption.READ)) {
      while (true) {
        buf.clear();
        int n = source.read(buf, pos);
        if (n < 0) {
          break;
        }
        buf.flip();
        long end = pos + n;
        for (int i = next; i < sorted.size() && sorted.get(i).offset() < end; i++) {
          FieldEdit e = sorted.get(i);
          byte[] after = e.after();
          for (int j = 0; j < after.length; j++) {
            long at = e.offset() + j;
            if (at >= pos && at < end) {
              buf.put((int) (at - pos), after[j]);
            }
          }
          if (e.offset() + after.length <= end) {
            next = i + 1;
          }
        }
        while (buf.hasRemaining()) {
          target.write(buf);
        }
        pos = end;
      }
    }
    return pos;
  }

  private FieldResolver resolver() {
    if (resolver == null) {
      try {
        resolver = new FieldResolver(StreamAnalyzer.open(file).state());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return resolver;
  }

  /** Deletes the temporary copy of a stream read from an InputStream. */
  @Override
  public void close() throws IOException {
    if (spooled) {
      Files.deleteIfExists(file);
    }
  }
}
