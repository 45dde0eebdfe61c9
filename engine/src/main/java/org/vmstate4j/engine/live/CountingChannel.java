package org.vmstate4j.engine.live;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import org.vmstate4j.engine.internal.progress.ProgressOutputStream;

/** Counts the bytes read from a channel and calls back about every {@link #STEP} bytes. */
final class CountingChannel implements ReadableByteChannel {
  static final long STEP = ProgressOutputStream.STEP;

  private final ReadableByteChannel in;
  private final Runnable onStep;
  private volatile long count;
  private long next = STEP;

  CountingChannel(ReadableByteChannel in, Runnable onStep) {
    this.in = in;
    this.onStep = onStep;
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    int n = in.read(dst);
    if (n > 0) {
      long c = count + n;
      count = c;
      if (c >= next) {
        next = c + STEP;
        onStep.run();
      }
    }
    return n;
  }

  /** Bytes read so far. */
  long count() {
    return count;
  }

  @Override
  public boolean isOpen() {
    return in.isOpen();
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
