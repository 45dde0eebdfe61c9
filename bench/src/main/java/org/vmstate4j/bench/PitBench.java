package org.vmstate4j.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.vmstate4j.bench.model.Pit;
import org.vmstate4j.engine.state.LoadOptions;

/** 1,000,000-element uint32 varray plus 65,536 PIT-channel structs (32 bytes each). */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PitBench {
  @State(Scope.Benchmark)
  public static class Vm extends States.Vm<Pit.Dev> {
    public Vm() {
      super(Scenario.PIT);
    }
  }

  @State(Scope.Benchmark)
  public static class Hand extends States.Hand<Pit.Dev> {
    public Hand() {
      super(Scenario.PIT);
    }
  }

  @State(Scope.Benchmark)
  public static class Kryos extends States.Kryos<Pit.Dev> {
    public Kryos() {
      super(Scenario.PIT);
    }
  }

  @State(Scope.Benchmark)
  public static class Java extends States.Java<Pit.Dev> {
    public Java() {
      super(Scenario.PIT);
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
    Pit.Dev d = s.sc.destination();
    Contenders.vmLoad(s.sc, d, s.wire, LoadOptions.DEFAULT);
    return d;
  }

  /** A fresh graph has nothing to restore when a load fails: the load need not record. */
  @Benchmark
  public Object loadFresh_vmstate4jNonTx(Vm s) {
    Pit.Dev d = s.sc.destination();
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
    Pit.Dev d = s.sc.destination();
    Contenders.handLoad(s.sc, d, s.wire, s.len);
    return d;
  }

  @Benchmark
  public int save_kryo(Kryos s) {
    return Contenders.kryoSave(s.kryo, s.src, s.out);
  }

  @Benchmark
  public Object load_kryo(Kryos s) {
    return Contenders.kryoLoad(s.kryo, Pit.Dev.class, s.in, s.wire, s.wire.length);
  }

  @Benchmark
  public int save_java(Java s) {
    return Contenders.javaSave(s.src, s.sink);
  }

  @Benchmark
  public Object load_java(Java s) {
    return Contenders.javaLoad(Pit.Dev.class, s.wire, s.wire.length);
  }
}
