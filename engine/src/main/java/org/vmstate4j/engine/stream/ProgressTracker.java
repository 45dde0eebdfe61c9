package org.vmstate4j.engine.stream;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.internal.progress.ProgressOutputStream;

/** Reports progress monotonically; counting stream wrappers report every 4 MiB. */
final class ProgressTracker {
  static final long STEP = ProgressOutputStream.STEP;

  private final @Nullable Progress progress;
  private final long total;
  private long last = -1;

  ProgressTracker(@Nullable Progress progress, long total) {
    this.progress = progress;
    this.total = total;
  }

  void report(long done) {
    Progress p = progress;
    if (p == null) {
      return;
    }
    long d = Math.max(done, last);
    last = d;
    p.update(d, total);
  }

  InputStream wrap(InputStream in) {
    return progress == null ? in : new Counting(in, this);
  }

  OutputStream wrap(OutputStream out) {
    return progress == null ? out : new ProgressOutputStream(out, this::report);
  }

  private static final class Counting extends FilterInputStream {
    private final ProgressTracker t;
    private long count;
    private long next = STEP;

    Counting(InputStream in, ProgressTracker t) {
      super(in);
      this.t = t;
    }

    private void add(long n) {
      if (n > 0) {
        count += n;
        if (count >= next) {
          next = count + STEP;
          t.report(count);
        }
      }
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        add(1);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      add(n);
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long k = super.skip(n);
      add(k);
      return k;
    }
  }
}
