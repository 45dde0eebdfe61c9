package org.vmstate4j.engine.wire;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.vmstate4j.engine.VmStateLoadException;

/**
 * A large buffer over a channel with the stream offset of every byte: reads big-endian numbers
 * and counted strings with plain array accesses, and skips RAM pages without copying them.
 * Running out of bytes is an error naming the offset and the part being read.
 */
final class WireInput {
  static final int BUFFER = 1 << 20;

  private final ReadableByteChannel channel;
  private final byte[] buf = new byte[BUFFER];
  private final ByteBuffer bb = ByteBuffer.wrap(buf);
  private final Supplier<String> where;
  /** Stream offset of buf[0]. */
  private long base;
  private int pos;
  private int limit;
  private boolean eof;

  WireInput(ReadableByteChannel channel, long startOffset, Supplier<String> where) {
    this.channel = channel;
    this.base = startOffset;
    this.where = where;
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
      System.arraycopy(buf, pos, buf, 0, limit - pos);
      base += pos;
      limit -= pos;
      pos = 0;
    }
    while (limit < n && !eof) {
      bb.limit(buf.length).position(limit);
      try {
        int r = channel.read(bb);
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
    return fill(ahead + 1) ? buf[pos + ahead] & 0xff : -1;
  }

  int u8() {
    need(1);
    return buf[pos++] & 0xff;
  }

  int u16() {
    need(2);
    int v = ((buf[pos] & 0xff) << 8) | (buf[pos + 1] & 0xff);
    pos += 2;
    return v;
  }

  long u32() {
    need(4);
    long v = ((buf[pos] & 0xffL) << 24) | ((buf[pos + 1] & 0xff) << 16)
        | ((buf[pos + 2] & 0xff) << 8) | (buf[pos + 3] & 0xff);
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
    String s = new String(buf, pos, len, StandardCharsets.ISO_8859_1);
    pos += len;
    return s;
  }

  /** The next {@code len} bytes as ISO-8859-1 text ({@code len} at most 255). */
  String string(int len) {
    need(len);
    String s = new String(buf, pos, len, StandardCharsets.ISO_8859_1);
    pos += len;
    return s;
  }

  /** The counted string {@code ahead} bytes on, without consuming it; null at the end. */
  String peekCountedString(int ahead) {
    int len = peek(ahead);
    if (len < 0 || !fill(ahead + 1 + len)) {
      return null;
    }
    return new String(buf, pos + ahead + 1, len, StandardCharsets.ISO_8859_1);
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
      if (buf[i] != 0x7e) {
        continue;
      }
      if (i + 5 > limit) {
        break;
      }
      long id = ((buf[i + 1] & 0xffL) << 24) | ((buf[i + 2] & 0xff) << 16)
          | ((buf[i + 3] & 0xff) << 8) | (buf[i + 4] & 0xff);
      int next = i + 5 < limit ? buf[i + 5] & 0xff : -1;
      if (id == sectionId && (next <= 0x04 || next == 0x08)) {
        return i - pos;
      }
    }
    return -1;
  }

  /** The bytes not read yet in the buffer, for spooling. */
  ByteBuffer buffered() {
    return ByteBuffer.wrap(buf, pos, limit - pos);
  }

  boolean sawEnd() {
    return eof;
  }
}
