package org.vmstate4j.bench.model;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.vmstate4j.examples.NvmeLite;
import org.vmstate4j.examples.NvmeLiteCq;
import org.vmstate4j.examples.NvmeLiteSq;

/** Benchmark states of the examples' nvme-lite controller. */
public final class NvmeStates {
  private NvmeStates() {}

  /** Queue slots of the benchmark's controller. */
  public static final int SLOTS = 1024;

  /**
   * A controller with {@code n} slots of which {@code populated} SQ and {@code populated} CQ
   * slots (chosen at random with {@code seed}) hold a queue; the doorbell buffer is on.
   */
  public static NvmeLite random(int n, int populated, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    NvmeLite c = NvmeLite.enabled(n);
    c.dbbufEnabled = true;
    c.dbbufDbs = 0x7ff0000L;
    c.dbbufEis = 0x7ff1000L;
    for (int i : pick(r, n, populated)) {
      c.sq[i] = NvmeLiteSq.of(i, r.nextInt(n), r.nextInt(4096), r.nextInt(4096),
          1 + r.nextInt(4096), r.nextLong() & 0xffff_ffff_f000L);
    }
    for (int i : pick(r, n, populated)) {
      c.cq[i] = NvmeLiteCq.of(r.nextInt(2), i, r.nextInt(2), r.nextInt(4096), r.nextInt(4096),
          r.nextInt(2048), 1 + r.nextInt(4096), r.nextLong() & 0xffff_ffff_f000L);
    }
    return c;
  }

  private static int[] pick(SplittableRandom r, int n, int k) {
    int[] idx = new int[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    for (int i = 0; i < k; i++) {
      int j = i + r.nextInt(n - i);
      int t = idx[i];
      idx[i] = idx[j];
      idx[j] = t;
    }
    int[] out = Arrays.copyOf(idx, k);
    Arrays.sort(out);
    return out;
  }
}
