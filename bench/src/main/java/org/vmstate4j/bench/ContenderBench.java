package org.vmstate4j.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.vmstate4j.engine.state.LoadOptions;

/**
 * Each contender's save and load into a reused destination, the benchmarks every scenario
 * runs. JMH runs them under each subclass's name, with the states set up for that subclass's
 * scenario ({@link Scenario#forBenchmark}).
 */
public abstract class ContenderBench {
  @Benchmark
  public int save_vmstate4j(States.Vm s) {
    return Contenders.vmSave(s.sc, s.src, s.out);
  }

  @Benchmark
  public Object load_vmstate4j(States.Vm s) {
    return loadReused(s, LoadOptions.DEFAULT);
  }

  @Benchmark
  public Object load_vmstate4jNonTx(States.Vm s) {
    return loadReused(s, Contenders.NON_TX);
  }

  /** A vmstate4j load into the reused destination, made acceptable to it first. */
  private static Object loadReused(States.Vm s, LoadOptions options) {
    s.sc.prepareReuse(s.dst);
    Contenders.vmLoad(s.sc, s.dst, s.wire, options);
    return s.dst;
  }

  @Benchmark
  public int save_hand(States.Hand s) {
    return Contenders.handSave(s.sc, s.src, s.out);
  }

  @Benchmark
  public Object load_hand(States.Hand s) {
    Contenders.handLoad(s.sc, s.dst, s.wire, s.len);
    return s.dst;
  }

  @Benchmark
  public int save_kryo(States.Kryos s) {
    return Contenders.kryoSave(s.kryo, s.src, s.out);
  }

  @Benchmark
  public Object load_kryo(States.Kryos s) {
    return Contenders.kryoLoad(s.kryo, s.sc.type, s.in, s.wire, s.wire.length);
  }

  @Benchmark
  public int save_java(States.Java s) {
    return Contenders.javaSave(s.src, s.sink);
  }

  @Benchmark
  public Object load_java(States.Java s) {
    return Contenders.javaLoad(s.sc.type, s.wire, s.wire.length);
  }
}
