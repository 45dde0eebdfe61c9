package org.vmstate4j.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.vmstate4j.engine.state.LoadOptions;

/**
 * {@link ContenderBench} plus loads into a fresh destination each time, for the scenarios
 * whose destination is cheap to make (not the 256 MiB buffer, which would measure the
 * allocator).
 */
public abstract class FreshLoadBench extends ContenderBench {
  @Benchmark
  public Object loadFresh_vmstate4j(States.Vm s) {
    return loadFresh(s, LoadOptions.DEFAULT);
  }

  /** A fresh graph has nothing to restore when a load fails: the load need not record. */
  @Benchmark
  public Object loadFresh_vmstate4jNonTx(States.Vm s) {
    return loadFresh(s, Contenders.NON_TX);
  }

  private static Object loadFresh(States.Vm s, LoadOptions options) {
    Object d = s.sc.destination();
    Contenders.vmLoad(s.sc, d, s.wire, options);
    return d;
  }

  @Benchmark
  public Object loadFresh_hand(States.Hand s) {
    Object d = s.sc.destination();
    Contenders.handLoad(s.sc, d, s.wire, s.len);
    return d;
  }
}
