package org.vmstate4j.engine.wire;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * The bytes {@code [start, end)} of a file as an InputStream, read with positional reads (so
 * other readers of the same channel are not disturbed); skip moves without reading.
 */
final class ChannelInput extends InputStream {
  private final FileChannel channel;
  private final long end;
  private long pos;

  ChannelInput(FileChannel channel, long start, long end) {
    this.channel = channel;
    this.pos = start;
    this.end = end;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (pos >= end) {
      return -1;
    }
    int n = (int) Math.min(len, end - pos);
    int r = channel.read(ByteBuffer.wrap(b, off, n), pos);
    if (r > 0) {
      pos += r;
    }
    return r;
  }

  @Override
  public long skip(long n) {
    long k = Math.max(0, Math.min(n, end - pos));
    pos += k;
    return k;
  }

  @Override
  public int available() {
    return (int) Math.min(Integer.MAX_VALUE, end - pos);
  }
}
