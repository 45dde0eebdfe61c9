package org.vmstate4j.engine.analyze;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.vmstate4j.engine.VmStateLoadException;

/**
 * Big-endian reader over the bytes {@code [0, limit)} of a seekable channel, with a small window
 * so that skipped data (RAM pages) is never held in memory.
 *
 * <p>Reading past {@code limit} is an error that names the offset; I/O failures surface as
 * {@link UncheckedIOException} and are turned back into {@link IOException} by the caller.
 */
final class StreamSource {
  /** Largest single field the analyzer materialises; bigger ones are malformed for our purpose. */
  static final int MAX_FIELD_BYTES = 64 * 1024 * 1024;

  private static final int WINDOW = 64 * 1024;

  private final SeekableByteChannel channel;
  private final long limit;
  private final ByteBuffer window = ByteBuffer.allocate(WINDOW);
  private long windowStart;
  private long pos;

  StreamSource(SeekableByteChannel channel, long limit) {
    this.channel = channel;
    this.limit = limit;
    window.limit(0);
  }

  long offset() {
    return pos;
  }

  long limit() {
    return limit;
  }

  long remaining() {
    return limit - pos;
  }

  void seek(long target) {
    if (target < 0 || target > limit) {
      throw new VmStateLoadException(
          "seek outside the stream", pos, "0.." + limit, Long.toString(target));
    }
    pos = target;
  }

  /** Next byte without consuming it, or -1 at the end of the stream. */
  int peek() {
    if (pos >= limit) {
      return -1;
    }
    return fill() & 0xff;
  }

  int u8() {
    require(1);
    int b = fill() & 0xff;
    pos++;
    return b;
  }

  int u16() {
    return (u8() << 8) | u8();
  }

  long u32() {
    require(4);
    return ((long) u16() << 16) | u16();
  }

  /** A be64 value; callers treat it as unsigned where QEMU does. */
  long u64() {
    require(8);
    return (u32() << 32) | u32();
  }

  byte[] bytes(long count) {
    if (count < 0 || count > MAX_FIELD_BYTES) {
      throw new VmStateLoadException(
          "field length out of range", pos, "0.." + MAX_FIELD_BYTES, Long.toString(count));
    }
    require(count);
    byte[] out = new byte[(int) count];
    int done = 0;
    while (done < out.length) {
      fill();
      int n = Math.min(out.length - done, window.limit() - (int) (pos - windowStart));
      window.get((int) (pos - windowStart), out, done, n);
      done += n;
      pos += n;
    }
    return out;
  }

  void skip(long count) {
    if (count < 0) {
      throw new VmStateLoadException("negative length", pos, ">= 0", Long.toString(count));
    }
    require(count);
    pos += count;
  }

  /** A QEMU counted string: u8 length, then that many bytes of UTF-8. */
  String countedString() {
    long at = pos;
    int len = u8();
    return utf8(bytes(len), at);
  }

  static String utf8(byte[] bytes, long at) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new VmStateLoadException("string is not valid UTF-8", at, e);
    }
  }

  /** Fails unless {@code count} more bytes exist before the limit. */
  void require(long count) {
    if (count > limit - pos) {
      throw new VmStateLoadException(
          "unexpected end of stream", pos, count + " more bytes", (limit - pos) + " bytes left");
    }
  }

  /** Makes the byte at {@code pos} available in the window and returns it. */
  private byte fill() {
    long rel = pos - windowStart;
    if (rel < 0 || rel >= window.limit()) {
      load();
      rel = 0;
    }
    return window.get((int) rel);
  }

  private void load() {
    try {
      window.clear();
      int want = (int) Math.min(WINDOW, limit - pos);
      window.limit(want);
      channel.position(pos);
      while (window.hasRemaining()) {
        if (channel.read(window) < 0) {
          throw new VmStateLoadException("file shorter than expected", pos + window.position());
        }
      }
      window.flip();
      windowStart = pos;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
