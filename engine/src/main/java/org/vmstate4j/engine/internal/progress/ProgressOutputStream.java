package org.vmstate4j.engine.internal.progress;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.function.LongConsumer;

/** Counts the bytes written and calls back with the count about every {@link #STEP} bytes. */
public final class ProgressOutputStream extends FilterOutputStream {
  /** 4 MiB: often enough for a progress bar, rare enough to cost nothing. */
  public static final long STEP = 4L << 20;

  private final LongConsumer onStep;
  private long count;
  private long next = STEP;

  public ProgressOutputStream(OutputStream out, LongConsumer onStep) {
    super(out);
    this.onStep = onStep;
  }

  /** Bytes written so far. */
  public long count() {
    return count;
  }

  private void add(long n) {
    count += n;
    if (count >= next) {
      next = count + STEP;
      onStep.accept(count);
    }
  }

  @Override
  public void write(int b) throws IOException {
    out.write(b);
    add(1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    out.write(b, off, len);
    add(len);
  }
}
