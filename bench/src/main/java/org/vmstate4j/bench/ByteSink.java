package org.vmstate4j.bench;

import java.io.OutputStream;
import java.util.Arrays;

/** A reusable in-memory output: {@link #reset()} rewinds without freeing the array. */
public final class ByteSink extends OutputStream {
  private byte[] buf;
  private int pos;

  public ByteSink(int capacity) {
    buf = new byte[capacity];
  }

  public void reset() {
    pos = 0;
  }

  public int size() {
    return pos;
  }

  public byte[] array() {
    return buf;
  }

  public byte[] toByteArray() {
    return Arrays.copyOf(buf, pos);
  }

  private void ensure(int n) {
    if (buf.length - pos < n) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
    }
  }

  @Override
  public void write(int b) {
    ensure(1);
    buf[pos++] = (byte) b;
  }

  @Override
  public void write(byte[] b, int off, int len) {
    ensure(len);
    System.arraycopy(b, off, buf, pos, len);
    pos += len;
  }
}
