package org.vmstate4j.engine.wire;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.VmStateLoadException;

/**
 * A large buffer over a channel with the stream offset of every byte: reads big-endian numbers
 * and counted strings, and skips RAM pages without copying them. The buffer is direct, so that
 * the kernel reads into it and a tap writes from it without a copy through the Java heap.
 * Running out of bytes is an error naming the offset and the part being read.
 */
final class WireInput {
  static final int BUFFER = 1 << 20;

  private final ReadableByteChannel channel;
  /** Absolute gets only; position and limit serve channel reads, the limit stays at capacity. */
  private final ByteBuffer buf = ByteBuffer.allocateDirect(BUFFER);
  private final Supplier<String> where;
  /** Stream offset of buf[0]. */
  private long base;
  private int pos;
  private int limit;
  private boolean eof;
  private @Nullable WireTap tap;
  /** Index in buf up to which consumed bytes went to the tap. */
  private int tapped;

  WireInput(ReadableByteChannel channel, long startOffset, Supplier<String> where) {
    this.channel = channel;
    this.base = startOffset;
    this.where = where;
  }

  /** Hands every byte consumed from now on to {@code tap} (null: none). */
  void tap(@Nullable WireTap tap) {
    this.tap = tap;
    this.tapped = pos;
  }

  /** Gives the tap the bytes consumed so far that it has not had yet. */
  void flushTap() {
    WireTap t = tap;
    if (t != null && pos > tapped) {
      t.bytes(buf.asReadOnlyBuffer().limit(pos).position(tapped), base + tapped);
      tapped = pos;
    }
  }

  long position() {
    return base + pos;
  }

  /** Whether no byte is left. */
  boolean atEnd() {
    return !fill(1);
  }

  /** Makes {@code n} (at most {@link #BUFFER}) bytes available; false at the end of the input. */
  private boolean fill(int n) {
    if (limit - pos >= n) {
      return true;
    }
    if (pos > 0) {
      flushTap();
      tapped = 0;
      buf.limit(limit).position(pos);
      buf.compact().limit(BUFFER);
      base += pos;
      limit -= pos;
      pos = 0;
    }
    while (limit < n && !eof) {
      buf.limit(BUFFER).position(limit);
      try {
        int r = channel.read(buf);
        if (r < 0) {
          eof = true;
        } else {
          limit += r;
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return limit - pos >= n;
  }

  private void need(int n) {
    if (!fill(n)) {
      throw new VmStateLoadException("unexpected end of stream in " + where.get(), base + limit,
          n + " more bytes", (limit - pos) + " bytes left");
    }
  }

  int peek(int ahead) {
    return fill(ahead + 1) ? buf.get(pos + ahead) & 0xff : -1;
  }

  int u8() {
    need(1);
    return buf.get(pos++) & 0xff;
  }

  int u16() {
    need(2);
    int v = buf.getShort(pos) & 0xffff;
    pos += 2;
    return v;
  }

  long u32() {
    need(4);
    long v = buf.getInt(pos) & 0xffffffffL;
    pos += 4;
    return v;
  }

  long u64() {
    long hi = u32();
    return (hi << 32) | u32();
  }

  String countedString() {
    int len = u8();
    need(len);
    String s = text(pos, len);
    pos += len;
    return s;
  }

  private String text(int at, int len) {
    byte[] b = new byte[len];
    buf.get(at, b);
    return new String(b, StandardCharsets.ISO_8859_1);
  }

  /** The next {@code len} bytes as ISO-8859-1 text ({@code len} at most 255). */
  String string(int len) {
    need(len);
    String s = text(pos, len);
    pos += len;
    return s;
  }

  /** The counted string {@code ahead} bytes on, without consuming it; null at the end. */
  String peekCountedString(int ahead) {
    int len = peek(ahead);
    if (len < 0 || !fill(ahead + 1 + len)) {
      return null;
    }
    return text(pos + ahead + 1, len);
  }

  void skip(long n) {
    while (n > 0) {
      if (pos == limit) {
        need(1);
      }
      int step = (int) Math.min(n, limit - pos);
      pos += step;
      n -= step;
    }
  }

  /**
   * Finds a section footer for {@code sectionId} within the next {@link #BUFFER} bytes: 0x7e,
   * be32 id, then a byte that can start the next part. Returns its distance, or -1.
   */
  int findFooter(long sectionId) {
    fill(BUFFER);
    for (int i = pos; i + 5 < limit || (i + 5 == limit && eof); i++) {
      if (buf.get(i) != 0x7e) {
        continue;
      }
      if (i + 5 > limit) {
        break;
      }
      long id = buf.getInt(i + 1) & 0xffffffffL;
      int next = i + 5 < limit ? buf.get(i + 5) & 0xff : -1;
      if (id == sectionId && (next <= 0x04 || next == 0x08)) {
        return i - pos;
      }
    }
    return -1;
  }

  /** The bytes not read yet in the buffer, for spooling. */
  ByteBuffer buffered() {
    return buf.duplicate().limit(limit).position(pos);
  }

  boolean sawEnd() {
    return eof;
  }
}
