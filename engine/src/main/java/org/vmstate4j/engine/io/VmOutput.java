package org.vmstate4j.engine.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Big-endian writer with a byte position, QEMU's QEMUFile on the save side. Writes either to an
 * {@link OutputStream} through a fixed buffer, or to a growing array ({@link #inMemory()}).
 */
public final class VmOutput implements AutoCloseable {
  private static final int BUFFER_SIZE = 1 << 16;

  private final @Nullable OutputStream out;
  private byte[] buf;
  private int pos;
  private long flushed;
  /** Big-endian view of {@code buf} for bulk array writes (see {@link Bulk#move}). */
  private @Nullable ByteBuffer view;

  private VmOutput(@Nullable OutputStream out, byte[] buf) {
    this.out = out;
    this.buf = buf;
  }

  /** A writer into {@code out}; {@link #flush()} or {@link #close()} pushes the bytes. */
  public static VmOutput to(OutputStream out) {
    return new VmOutput(out, new byte[BUFFER_SIZE]);
  }

  /**
   * A writer into {@code out} through the caller's {@code buffer} (at least 16 bytes), which
   * it uses as its only buffer: repeated saves allocate nothing.
   */
  public static VmOutput to(OutputStream out, byte[] buffer) {
    if (buffer.length < 16) {
      throw new IllegalArgumentException("buffer shorter than 16 bytes");
    }
    return new VmOutput(out, buffer);
  }

  /** A writer into memory; see {@link #toByteArray()}. */
  public static VmOutput inMemory() {
    return new VmOutput(null, new byte[256]);
  }

  /**
   * A writer into memory that starts in the caller's {@code buffer} and moves to a larger copy
   * only when the bytes do not fit. With {@link #reset()} one writer serves many saves; the
   * bytes are {@code array()[0, position())}.
   */
  public static VmOutput inMemory(byte[] buffer) {
    return new VmOutput(null, buffer.length == 0 ? new byte[256] : buffer);
  }

  /** Rewinds an in-memory writer to position 0, keeping its array. */
  public VmOutput reset() {
    memory();
    pos = 0;
    return this;
  }

  /**
   * The array an in-memory writer writes into: its bytes are {@code [0, position())}. No copy;
   * a later write may move to a new array.
   */
  public byte[] array() {
    return memory();
  }

  /** The array of an in-memory writer. */
  private byte[] memory() {
    if (out != null) {
      throw new IllegalStateException("not an in-memory writer");
    }
    return buf;
  }

  /** See {@link org.vmstate4j.engine.internal.io.RawBuffers#claim}. */
  int claim(int n) {
    if (buf.length - pos < n) {
      ensure(n);
      if (buf.length - pos < n) {
        throw new IllegalArgumentException(n + " bytes exceed the buffer");
      }
    }
    int at = pos;
    pos += n;
    return at;
  }

  /** Gives back the last {@code n} bytes claimed, unwritten: nothing was claimed after them. */
  void unclaim(int n) {
    pos -= n;
  }

  byte[] buffer() {
    return buf;
  }

  /** Stores {@code v}'s low 16 bits big-endian at {@code b[i]}. */
  public static void putShort(byte[] b, int i, int v) {
    BigEndian.SHORT.set(b, i, (short) v);
  }

  /** Stores {@code v} big-endian at {@code b[i]}. */
  public static void putInt(byte[] b, int i, int v) {
    BigEndian.INT.set(b, i, v);
  }

  /** Stores {@code v} big-endian at {@code b[i]}. */
  public static void putLong(byte[] b, int i, long v) {
    BigEndian.LONG.set(b, i, v);
  }

  /** Bytes that can be written before the buffer drains or grows. */
  public int bufferSpace() {
    return buf.length - pos;
  }

  /** Bytes written so far. */
  public long position() {
    return flushed + pos;
  }

  private void ensure(int n) {
    if (buf.length - pos >= n) {
      return;
    }
    if (out == null) {
      long want = Math.max((long) buf.length * 2, (long) pos + n);
      if (want > Integer.MAX_VALUE - 16) {
        throw new IllegalStateException("in-memory output larger than 2 GiB; write to a stream");
      }
      buf = Arrays.copyOf(buf, (int) want);
    } else {
      drain();
    }
  }

  private void drain() {
    if (out == null || pos == 0) {
      return;
    }
    onStream(s -> s.write(buf, 0, pos));
    flushed += pos;
    pos = 0;
  }

  public VmOutput writeByte(int v) {
    ensure(1);
    buf[pos++] = (byte) v;
    return this;
  }

  public VmOutput writeShort(int v) {
    ensure(2);
    BigEndian.SHORT.set(buf, pos, (short) v);
    pos += 2;
    return this;
  }

  public VmOutput writeInt(int v) {
    ensure(4);
    BigEndian.INT.set(buf, pos, v);
    pos += 4;
    return this;
  }

  public VmOutput writeLong(long v) {
    ensure(8);
    BigEndian.LONG.set(buf, pos, v);
    pos += 8;
    return this;
  }

  /** Writes {@code len} bytes of {@code b} from {@code off}. */
  public VmOutput write(byte[] b, int off, int len) {
    if (out != null && len > buf.length) {
      return writeThrough(b, off, len);
    }
    while (len > 0) {
      ensure(Math.min(len, buf.length));
      int n = Math.min(len, buf.length - pos);
      System.arraycopy(b, off, buf, pos, n);
      pos += n;
      off += n;
      len -= n;
    }
    return this;
  }

  /** Writes {@code b[off, off+len)} straight to the stream, after the buffered bytes. */
  private VmOutput writeThrough(byte[] b, int off, int len) {
    drain();
    onStream(s -> s.write(b, off, len));
    flushed += len;
    return this;
  }

  /** Writes all of {@code b}. */
  public VmOutput write(byte[] b) {
    return write(b, 0, b.length);
  }

  /** Writes {@code len} bytes of {@code src} from absolute index {@code index}. */
  public VmOutput write(ByteBuffer src, int index, int len) {
    if (src.hasArray()) {
      return write(src.array(), src.arrayOffset() + index, len);
    }
    while (len > 0) {
      ensure(Math.min(len, buf.length));
      int n = Math.min(len, buf.length - pos);
      src.get(index, buf, pos, n);
      pos += n;
      index += n;
      len -= n;
    }
    return this;
  }

  /** Writes {@code n} zero bytes. */
  public VmOutput writeZeros(long n) {
    while (n > 0) {
      ensure((int) Math.min(n, buf.length));
      int k = (int) Math.min(n, buf.length - pos);
      Arrays.fill(buf, pos, pos + k, (byte) 0);
      pos += k;
      n -= k;
    }
    return this;
  }

  /**
   * Writes {@code len} bytes of {@code a} from {@code off}, buffered exactly as that many
   * {@link #writeByte} calls ({@link #write(byte[], int, int)} may bypass the buffer).
   */
  public VmOutput writeBytes(byte[] a, int off, int len) {
    return writeBulk(a, a.length, off, len, 1);
  }

  /** Writes {@code len} ints of {@code a} from {@code off}, big-endian. */
  public VmOutput writeInts(int[] a, int off, int len) {
    return writeBulk(a, a.length, off, len, Integer.BYTES);
  }

  /** Writes {@code len} longs of {@code a} from {@code off}, big-endian. */
  public VmOutput writeLongs(long[] a, int off, int len) {
    return writeBulk(a, a.length, off, len, Long.BYTES);
  }

  /** Writes {@code len} shorts of {@code a} from {@code off}, big-endian. */
  public VmOutput writeShorts(short[] a, int off, int len) {
    return writeBulk(a, a.length, off, len, Short.BYTES);
  }

  /** Writes {@code len} chars of {@code a} from {@code off} as big-endian 16-bit values. */
  public VmOutput writeChars(char[] a, int off, int len) {
    return writeBulk(a, a.length, off, len, Character.BYTES);
  }

  /**
   * The writes of the array methods: elements of {@code width} bytes move into the buffer in
   * runs of what fits, and it drains or grows only when not even one element does (what
   * single-element writes would do).
   */
  private VmOutput writeBulk(Object a, int length, int off, int len, int width) {
    java.util.Objects.checkFromIndexSize(off, len, length);
    while (len > 0) {
      ensure(width);
      int n = Math.min(len, (buf.length - pos) / width);
      view = Bulk.move(view, buf, pos, a, off, n, false);
      pos += n * width;
      off += n;
      len -= n;
    }
    return this;
  }

  /** Writes {@code s} as QEMU's counted string: u8 length then the bytes (at most 255). */
  public VmOutput writeCountedString(String s) {
    byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    if (b.length > 255) {
      throw new IllegalArgumentException("counted string longer than 255 bytes: " + s);
    }
    writeByte(b.length);
    return write(b);
  }

  /** Pushes buffered bytes to the stream. */
  public void flush() {
    drain();
    onStream(OutputStream::flush);
  }

  /** The bytes written, for an in-memory writer. */
  public byte[] toByteArray() {
    return Arrays.copyOf(memory(), pos);
  }

  /** Flushes; closes the stream of a stream writer. */
  @Override
  public void close() {
    flush();
    onStream(OutputStream::close);
  }

  /** What is done to the stream of a stream writer. */
  private interface StreamOp {
    void run(OutputStream s) throws IOException;
  }

  /** Runs {@code op} on the stream of a stream writer (none in memory), I/O errors unchecked. */
  private void onStream(StreamOp op) {
    OutputStream s = out;
    if (s != null) {
      try {
        op.run(s);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
