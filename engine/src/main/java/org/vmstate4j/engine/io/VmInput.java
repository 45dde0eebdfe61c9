package org.vmstate4j.engine.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.VmStateLoadException;

/**
 * Big-endian reader with a byte offset and look-ahead, QEMU's QEMUFile on the load side.
 * Reading past the end raises {@link VmStateLoadException} naming the offset; I/O errors too.
 * Streams are read through a fixed buffer, never held whole in memory.
 */
public final class VmInput {
  private static final int BUFFER_SIZE = 1 << 16;

  private final @Nullable InputStream in;
  private final byte[] buf;
  private int pos;
  private int lim;
  private long base; // stream offset of buf[0]
  private final long length; // total stream length, or -1
  private boolean eof;
  /** Big-endian view of {@code buf} for bulk array reads (see {@link Bulk#move}). */
  private @Nullable ByteBuffer view;

  private VmInput(@Nullable InputStream in, byte[] buf, int lim, long length) {
    this.in = in;
    this.buf = buf;
    this.lim = lim;
    this.length = length;
    this.eof = in == null;
  }

  /** Reads {@code bytes} in place. */
  public static VmInput of(byte[] bytes) {
    return new VmInput(null, bytes, bytes.length, bytes.length);
  }

  /** Reads {@code bytes[off, off+len)}; offsets count from {@code off}. */
  public static VmInput of(byte[] bytes, int off, int len) {
    return of(java.util.Arrays.copyOfRange(bytes, off, off + len));
  }

  /** Reads a stream of unknown length. */
  public static VmInput of(InputStream in) {
    return new VmInput(in, new byte[BUFFER_SIZE], 0, -1);
  }

  /** Reads a stream whose total length is known (enables early size checks). */
  public static VmInput of(InputStream in, long length) {
    return new VmInput(in, new byte[BUFFER_SIZE], 0, length);
  }

  /**
   * Reads a stream whose first byte is at stream offset {@code start}, through a buffer of
   * {@code bufferSize} bytes: offsets in errors and {@link #position()} count from the start of
   * the whole stream, and {@link #peek(int)} looks up to {@code bufferSize} bytes ahead.
   *
   * @param end stream offset just after the last byte, or -1 when unknown
   */
  public static VmInput of(InputStream in, long start, long end, int bufferSize) {
    if (bufferSize < 16 || start < 0 || (end >= 0 && end < start)) {
      throw new IllegalArgumentException("bad window: start " + start + ", end " + end
          + ", buffer " + bufferSize);
    }
    VmInput v = new VmInput(in, new byte[bufferSize], 0, end);
    v.base = start;
    return v;
  }

  /** Offset of the next byte. */
  public long position() {
    return base + pos;
  }

  /** Bytes left when the length is known, else -1. */
  public long remaining() {
    return length < 0 ? -1 : length - position();
  }

  /** Ensures {@code n} bytes are buffered if the stream has them; returns how many are. */
  private int fill(int n) {
    int avail = lim - pos;
    if (avail >= n || eof) {
      return avail;
    }
    if (pos > 0) {
      System.arraycopy(buf, pos, buf, 0, avail);
      base += pos;
      lim = avail;
      pos = 0;
    }
    while (lim < n && lim < buf.length) {
      int r = read(buf, lim, buf.length - lim);
      if (r < 0) {
        break;
      }
      lim += r;
    }
    return lim - pos;
  }

  /** One read from the stream (-1 at its end, and none without a stream). */
  private int read(byte[] b, int off, int len) {
    InputStream s = in;
    if (s == null) {
      return -1;
    }
    try {
      int r = s.read(b, off, len);
      eof |= r < 0;
      return r;
    } catch (IOException e) {
      throw new VmStateLoadException("read failed: " + e.getMessage(), position(), e);
    }
  }

  private void need(int n) {
    if (lim - pos < n && fill(n) < n) {
      throw truncated(n, lim - pos);
    }
  }

  private VmStateLoadException truncated(long wanted, long had) {
    return new VmStateLoadException(
        "unexpected end of stream", position(), wanted + " more bytes", had + " bytes");
  }

  /** Whether the stream has no more bytes. */
  public boolean atEnd() {
    return fill(1) < 1;
  }

  /** The byte {@code ahead} positions ahead (0 = next) without consuming it, or -1 at the end. */
  public int peek(int ahead) {
    if (in != null && ahead >= buf.length) {
      throw new IllegalArgumentException("look-ahead beyond " + buf.length + " bytes");
    }
    if (fill(ahead + 1) <= ahead) {
      return -1;
    }
    return buf[pos + ahead] & 0xff;
  }

  /** Up to {@code n} bytes from {@code ahead} positions ahead, without consuming them. */
  public byte[] peekBytes(int ahead, int n) {
    int avail = fill(ahead + n) - ahead;
    int k = Math.max(0, Math.min(n, avail));
    byte[] r = new byte[k];
    System.arraycopy(buf, pos + ahead, r, 0, k);
    return r;
  }

  /**
   * Whether {@code n} bytes from {@code ahead} positions ahead are in the stream and start with
   * {@code prefix} (at most {@code n} bytes), without consuming or copying them: what
   * {@link #peekBytes(int, int)} would answer, without its array.
   */
  public boolean peekStartsWith(int ahead, int n, byte[] prefix) {
    int m = Math.min(prefix.length, n);
    // fill first: it may move the buffered bytes
    return fill(ahead + n) - ahead >= n
        && java.util.Arrays.equals(buf, pos + ahead, pos + ahead + m, prefix, 0, m);
  }

  public int readU8() {
    return readByte() & 0xff;
  }

  public byte readByte() {
    need(1);
    return buf[pos++];
  }

  public short readShort() {
    need(2);
    pos += 2;
    return (short) BigEndian.SHORT.get(buf, pos - 2);
  }

  public int readU16() {
    return readShort() & 0xffff;
  }

  public int readInt() {
    need(4);
    pos += 4;
    return (int) BigEndian.INT.get(buf, pos - 4);
  }

  public long readU32() {
    return readInt() & 0xffffffffL;
  }

  public long readLong() {
    need(8);
    pos += 8;
    return (long) BigEndian.LONG.get(buf, pos - 8);
  }

  /** Reads exactly {@code len} bytes into {@code b} from {@code off}. */
  public void readFully(byte[] b, int off, int len) {
    long start = position();
    while (len > 0) {
      int avail = lim - pos;
      if (avail == 0) {
        if (len >= buf.length && !eof) {
          // a read that would fill the buffer goes straight into the destination
          int r = read(b, off, len);
          if (r > 0) {
            base += r;
            off += r;
            len -= r;
            continue;
          }
        }
        avail = fillOrEnd(start, len);
      }
      int n = Math.min(avail, len);
      System.arraycopy(buf, pos, b, off, n);
      pos += n;
      off += n;
      len -= n;
    }
  }

  /**
   * Ensures at least one byte of the {@code left} still wanted by a read that began at stream
   * offset {@code start} is buffered, or fails naming the whole read; how many are buffered.
   */
  private int fillOrEnd(long start, long left) {
    int avail = fill((int) Math.min(left, buf.length));
    if (avail == 0) {
      throw new VmStateLoadException("unexpected end of stream", start,
          (position() - start + left) + " bytes", (position() - start) + " bytes");
    }
    return avail;
  }

  /** Reads {@code n} bytes into a new array, checking the length first where it is known. */
  public byte[] readBytes(int n) {
    if (n < 0) {
      throw new VmStateLoadException("negative length", position(), ">= 0", Integer.toString(n));
    }
    long rem = remaining();
    if (rem >= 0 && n > rem) {
      throw truncated(n, rem);
    }
    if (lim - pos >= n) {
      // a copy of buffered bytes: no zeroing of the new array
      byte[] b = java.util.Arrays.copyOfRange(buf, pos, pos + n);
      pos += n;
      return b;
    }
    byte[] b = new byte[n];
    readFully(b, 0, n);
    return b;
  }

  /** Reads {@code len} bytes into {@code dst} at absolute index {@code index}. */
  public void readInto(ByteBuffer dst, int index, int len) {
    if (dst.hasArray()) {
      readFully(dst.array(), dst.arrayOffset() + index, len);
      return;
    }
    long start = position();
    while (len > 0) {
      int n = Math.min(fillOrEnd(start, len), len);
      dst.put(index, buf, pos, n);
      pos += n;
      index += n;
      len -= n;
    }
  }

  /** Reads {@code len} big-endian ints into {@code a} from {@code off}. */
  public void readInts(int[] a, int off, int len) {
    int n = readAvailable(a, off, len);
    if (n < len) {
      throw truncated(4L * (len - n), lim - pos);
    }
  }

  /**
   * Reads up to {@code len} big-endian ints into {@code a} from {@code off}, stopping before
   * an element the stream does not hold whole: how many it read. Never fails at the end of
   * the stream.
   */
  public int readAvailable(int[] a, int off, int len) {
    return readBulk(a, a.length, off, len, Integer.BYTES);
  }

  /** As {@link #readAvailable(int[], int, int)} for big-endian longs. */
  public int readAvailable(long[] a, int off, int len) {
    return readBulk(a, a.length, off, len, Long.BYTES);
  }

  /** As {@link #readAvailable(int[], int, int)} for big-endian shorts. */
  public int readAvailable(short[] a, int off, int len) {
    return readBulk(a, a.length, off, len, Short.BYTES);
  }

  /** As {@link #readAvailable(int[], int, int)} for big-endian 16-bit values as chars. */
  public int readAvailable(char[] a, int off, int len) {
    return readBulk(a, a.length, off, len, Character.BYTES);
  }

  /** As {@link #readAvailable(int[], int, int)} for bytes. */
  public int readAvailable(byte[] a, int off, int len) {
    return readBulk(a, a.length, off, len, 1);
  }

  /**
   * The reads of {@code readAvailable}: elements of {@code width} bytes move from the buffer in
   * runs of what it holds, and more is read from the stream only when not even one element is
   * buffered (the reads single-element reads would make).
   */
  private int readBulk(Object a, int length, int off, int len, int width) {
    java.util.Objects.checkFromIndexSize(off, len, length);
    int done = 0;
    while (done < len) {
      int n = Math.min(len - done, fill(width) / width);
      if (n == 0) {
        break;
      }
      view = Bulk.move(view, buf, pos, a, off + done, n, true);
      pos += n * width;
      done += n;
    }
    return done;
  }

  /** See {@link org.vmstate4j.engine.internal.io.RawBuffers#take}. */
  int take(int n) {
    need(n);
    int at = pos;
    pos += n;
    return at;
  }

  byte[] buffer() {
    return buf;
  }

  /** The big-endian short at {@code b[i]}. */
  public static short getShort(byte[] b, int i) {
    return (short) BigEndian.SHORT.get(b, i);
  }

  /** The big-endian int at {@code b[i]}. */
  public static int getInt(byte[] b, int i) {
    return (int) BigEndian.INT.get(b, i);
  }

  /** The big-endian long at {@code b[i]}. */
  public static long getLong(byte[] b, int i) {
    return (long) BigEndian.LONG.get(b, i);
  }

  /** Bytes that can be read without reading from the underlying stream. */
  public int bufferedBytes() {
    return lim - pos;
  }

  /** Skips {@code n} bytes. */
  public void skip(long n) {
    long start = position();
    while (n > 0) {
      int k = (int) Math.min(fillOrEnd(start, n), n);
      pos += k;
      n -= k;
    }
  }

  /** Reads QEMU's counted string: u8 length then that many bytes. */
  public String readCountedString() {
    int len = readU8();
    byte[] b = new byte[len];
    readFully(b, 0, len);
    return new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
  }
}
