package org.vmstate4j.engine.wire;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.io.VmInput;

/**
 * The walker's reads over a file, through one direct buffer (the kernel copies each byte once,
 * straight into it): bytes that are skipped beyond the buffer (RAM pages nobody looks at) are
 * never read. Stream offset {@code o} is file offset {@code o - shift} (a spool file holds the
 * stream from where spooling began).
 */
final class FileSource extends WireSource {
  private static final int BODY_BUFFER = 1 << 16;

  private final FileChannel channel;
  private final long shift;
  private final long end;
  private final ByteBuffer buf = ByteBuffer.allocateDirect(LOOKAHEAD).order(ByteOrder.BIG_ENDIAN);
  /** What {@link #take} returns: one view of the buffer, valid until the next read. */
  private final ByteBuffer view = buf.duplicate();
  /** Stream offset of buf[0]. */
  private long base;
  private int pos;
  private int lim;

  /**
   * @param start stream offset to start at
   * @param end stream offset where the input ends
   * @param shift stream offset of the file's first byte
   */
  FileSource(FileChannel channel, long start, long end, long shift) {
    this.channel = channel;
    this.base = start;
    this.end = end;
    this.shift = shift;
  }

  @Override
  long position() {
    return base + pos;
  }

  @Override
  long remaining() {
    return end - position();
  }

  @Override
  long knownEnd() {
    return end;
  }

  /** Makes {@code n} bytes available if the input has them; returns how many are. */
  private int fill(int n) {
    int avail = lim - pos;
    if (avail >= n) {
      return avail;
    }
    if (pos > 0) {
      if (avail > 0) {
        ByteBuffer rest = buf.duplicate();
        rest.limit(lim).position(pos);
        ByteBuffer dst = buf.duplicate();
        dst.clear();
        dst.put(rest);
      }
      base += pos;
      lim = avail;
      pos = 0;
    }
    long left = end - (base + lim);
    int want = (int) Math.min(buf.capacity() - lim, left);
    if (want > 0) {
      ByteBuffer dst = buf.duplicate();
      dst.limit(lim + want).position(lim);
      try {
        while (dst.hasRemaining()) {
          int r = channel.read(dst, base - shift + dst.position());
          if (r < 0) {
            break;
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      lim = dst.position();
    }
    return lim - pos;
  }

  private int need(int n) {
    if (lim - pos < n && fill(n) < n) {
      throw truncated(position(), n, lim - pos);
    }
    int at = pos;
    pos += n;
    return at;
  }

  @Override
  boolean atEnd() {
    return fill(1) < 1;
  }

  @Override
  int peek(int ahead) {
    return fill(ahead + 1) > ahead ? buf.get(pos + ahead) & 0xff : -1;
  }

  @Override
  byte @Nullable [] peekBytes(int ahead, int n) {
    if (fill(ahead + n) < ahead + n) {
      return null;
    }
    byte[] b = new byte[n];
    buf.get(pos + ahead, b);
    return b;
  }

  @Override
  int u8() {
    return buf.get(need(1)) & 0xff;
  }

  @Override
  int u16() {
    return buf.getShort(need(2)) & 0xffff;
  }

  @Override
  int s32() {
    return buf.getInt(need(4));
  }

  @Override
  long u64() {
    return buf.getLong(need(8));
  }

  @Override
  String countedString() {
    int len = u8();
    return new String(bytes(len), StandardCharsets.ISO_8859_1);
  }

  @Override
  byte[] bytes(int n) {
    if (n > LOOKAHEAD) {
      long at = position();
      if (n > remaining()) {
        throw truncated(at, n, remaining());
      }
      byte[] b = new byte[n];
      ByteBuffer dst = ByteBuffer.wrap(b);
      try {
        while (dst.hasRemaining()) {
          if (channel.read(dst, at - shift + dst.position()) < 0) {
            throw truncated(at, n, dst.position());
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      skip(n);
      return b;
    }
    byte[] b = new byte[n];
    buf.get(need(n), b);
    return b;
  }

  @Override
  void skip(long n) {
    if (n <= lim - pos) {
      pos += (int) n;
      return;
    }
    long at = position();
    if (n > end - at) {
      throw new org.vmstate4j.engine.VmStateLoadException("unexpected end of stream", at,
          n + " bytes", (end - at) + " bytes");
    }
    // what is skipped past the buffer is never read
    base = at + n;
    pos = 0;
    lim = 0;
  }

  @Override
  ByteBuffer take(int n) {
    int at = need(n);
    view.limit(at + n).position(at);
    return view;
  }

  @Override
  int findFooter(long sectionId) {
    int avail = fill(LOOKAHEAD);
    for (int i = pos; i + 5 <= pos + avail; i++) {
      if (buf.get(i) != WireFormat.SECTION_FOOTER) {
        continue;
      }
      long id = buf.getInt(i + 1) & 0xffffffffL;
      int next = i + 5 < pos + avail ? buf.get(i + 5) & 0xff : -1;
      if (footerAt(id, sectionId, next)) {
        return i - pos;
      }
    }
    return -1;
  }

  @Override
  long drain() {
    long n = end - position();
    base = end;
    pos = 0;
    lim = 0;
    return n;
  }

  @Override
  byte @Nullable [] readAvailable(long n) {
    if (n > remaining()) {
      drain();
      return null;
    }
    return bytes((int) n);
  }

  @Override
  VmInput body() {
    long at = position();
    return VmInput.of(new ChannelInput(channel, at - shift, end - shift), at, end,
        (int) Math.max(16, Math.min(BODY_BUFFER, end - at)));
  }

  @Override
  void bodyDone(VmInput read) {
    long to = read.position();
    long at = position();
    if (to < at) {
      throw new IllegalStateException("a body reader moved back from " + at + " to " + to);
    }
    skip(to - at);
  }
}
