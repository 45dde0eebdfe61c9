package org.vmstate4j.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.vmstate4j.engine.state.LoadOptions;
import org.vmstate4j.examples.NvmeLite;

/** nvme-lite, 1024 slots, half populated (AUTO_ALLOC pointer arrays plus a subsection). */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class NvmeBench {
  @State(Scope.Benchmark)
  public static class Vm extends States.Vm<NvmeLite> {
    public Vm() {
      super(Scenario.NVME);
    }
  }

  @State(Scope.Benchmark)
  public static class Hand extends States.Hand<NvmeLite> {
    public Hand() {
      super(Scenario.NVME);
    }
  }

  @State(Scope.Benchmark)
  public static class Kryos extends States.Kryos<NvmeLite> {
    public Kryos() {
      super(Scenario.NVME);
    }
  }

  @State(Scope.Benchmark)
  public static class Java extends States.Java<NvmeLite> {
    public Java() {
      super(Scenario.NVME);
    }
  }

  @Benchmark
  public int save_vmstate4j(Vm s) {
    return Contenders.vmSave(s.sc, s.src, s.out);
  }

  @Benchmark
  public Object load_vmstate4j(Vm s) {
    s.sc.prepareReuse(s.dst);
    Contenders.vmLoad(s.sc, s.dst, s.wire, LoadOptions.DEFAULT);
    return s.dst;
  }

  @Benchmark
  public Object load_vmstate4jNonTx(Vm s) {
    s.sc.prepareReuse(s.dst);
    Contenders.vmLoad(s.sc, s.dst, s.wire, Contenders.NON_TX);
    return s.dst;
  }

  @Benchmark
  public Object loadFresh_vmstate4j(Vm s) {
    NvmeLite d = s.sc.destination();
    Contenders.vmLoad(s.sc, d, s.wire, LoadOptions.DEFAULT);
    return d;
  }

  /** A fresh graph has nothing to restore when a load fails: the load need not record. */
  @Benchmark
  public Object loadFresh_vmstate4jNonTx(Vm s) {
    NvmeLite d = s.sc.destination();
    Contenders.vmLoad(s.sc, d, s.wire, Contenders.NON_TX);
    return d;
  }

  @Benchmark
  public int save_hand(Hand s) {
    return Contenders.handSave(s.sc, s.src, s.out);
  }

  @Benchmark
  public Object load_hand(Hand s) {
    Contenders.handLoad(s.sc, s.dst, s.wire, s.len);
    return s.dst;
  }

  @Benchmark
  public Object loadFresh_hand(Hand s) {
    NvmeLite d = s.sc.destination();
    Contenders.handLoad(s.sc, d, s.wire, s.len);
    return d;
  }

  @Benchmark
  public int save_kryo(Kryos s) {
    return Contenders.kryoSave(s.kryo, s.src, s.out);
  }

  @Benchmark
  public Object load_kryo(Kryos s) {
    return Contenders.kryoLoad(s.kryo, NvmeLite.class, s.in, s.wire, s.wire.length);
  }

  @Benchmark
  public int save_java(Java s) {
    return Contenders.javaSave(s.src, s.sink);
  }

  @Benchmark
  public Object load_java(Java s) {
    return Contenders.javaLoad(NvmeLite.class, s.wire, s.wire.length);
  }
}
