package org.vmstate4j.engine.wire;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.wire.VmDescription.Found;

/**
 * Where the JSON description sits at the end of a stream: the last 0x06 whose be32 length runs
 * exactly to the end, with a <code>'&#123;'</code> after it; failing that, where QEMU's
 * analyze-migration.py looks (the first <code>'&#123;'</code> after the last NUL of the end,
 * preceded by 0x06 and a length that fits).
 */
final class DescriptionFinder {
  /** How far from the end of a file the description may start. */
  private static final int TAIL = 16 << 20;
  private static final int FIRST_LOOK = 1 << 20;

  private DescriptionFinder() {}

  static @Nullable Found find(FileChannel channel) throws IOException {
    long size = channel.size();
    // a description is usually well under 1 MiB: look there first, then in the whole tail
    for (int n = (int) Math.min(size, FIRST_LOOK); ; n = (int) Math.min(size, TAIL)) {
      long tailStart = size - n;
      byte[] tail = new byte[n];
      readFully(channel, ByteBuffer.wrap(tail), tailStart);
      Found f = exact(tail, tailStart);
      if (f != null) {
        return f;
      }
      if (n == Math.min(size, TAIL)) {
        return scriptGuess(channel, tail, tailStart);
      }
    }
  }

  /** {@link #find(FileChannel)} on a stream in memory. */
  static @Nullable Found find(byte[] stream) {
    int n = Math.min(stream.length, TAIL);
    int tailStart = stream.length - n;
    byte[] tail = tailStart == 0 ? stream : Arrays.copyOfRange(stream, tailStart, stream.length);
    Found f = exact(tail, tailStart);
    if (f != null) {
      return f;
    }
    try {
      return scriptGuess(null, tail, tailStart);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static @Nullable Found exact(byte[] tail, long tailStart) {
    for (int p = tail.length - 6; p >= 0; p--) {
      if (tail[p] != WireFormat.VMDESCRIPTION || tail[p + 5] != '{') {
        continue;
      }
      long len = be32(tail, p + 1);
      if (len == tail.length - (p + 5L)) {
        return new Found(tailStart + p, Arrays.copyOfRange(tail, p + 5, tail.length));
      }
    }
    return null;
  }

  private static @Nullable Found scriptGuess(@Nullable FileChannel channel, byte[] tail,
      long tailStart) throws IOException {
    int nul = -1;
    for (int i = tail.length - 1; i >= 0; i--) {
      if (tail[i] == 0) {
        nul = i;
        break;
      }
    }
    if (nul < 0) {
      return null;
    }
    int brace = -1;
    for (int i = nul; i < tail.length; i++) {
      if (tail[i] == '{') {
        brace = i;
        break;
      }
    }
    long marker = tailStart + brace - 5;
    if (brace < 0 || marker < 0) {
      return null;
    }
    byte[] header = new byte[5];
    if (brace >= 5) {
      System.arraycopy(tail, brace - 5, header, 0, 5);
    } else if (channel != null) {
      readFully(channel, ByteBuffer.wrap(header), marker);
    } else {
      return null;
    }
    long len = be32(header, 1);
    if (header[0] != WireFormat.VMDESCRIPTION || brace + len > tail.length) {
      return null;
    }
    return new Found(marker, Arrays.copyOfRange(tail, brace, brace + (int) len));
  }

  private static long be32(byte[] b, int i) {
    return ((b[i] & 0xffL) << 24) | ((b[i + 1] & 0xff) << 16) | ((b[i + 2] & 0xff) << 8)
        | (b[i + 3] & 0xff);
  }

  private static void readFully(FileChannel ch, ByteBuffer b, long at) throws IOException {
    while (b.hasRemaining()) {
      if (ch.read(b, at + b.position()) < 0) {
        throw new IOException("file shrank while reading its end");
      }
    }
  }
}
