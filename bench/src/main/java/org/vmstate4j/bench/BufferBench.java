package org.vmstate4j.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.vmstate4j.bench.model.Buf;
import org.vmstate4j.engine.state.LoadOptions;

/**
 * One 256 MiB buffer field; System.arraycopy of the same bytes is the bandwidth floor. No
 * fresh-destination loads here: allocating 256 MiB per operation measures the allocator.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class BufferBench {
  @State(Scope.Benchmark)
  public static class Vm extends States.Vm<Buf> {
    public Vm() {
      super(Scenario.BUFFER);
    }
  }

  @State(Scope.Benchmark)
  public static class Hand extends States.Hand<Buf> {
    public Hand() {
      super(Scenario.BUFFER);
    }
  }

  @State(Scope.Benchmark)
  public static class Kryos extends States.Kryos<Buf> {
    public Kryos() {
      super(Scenario.BUFFER);
    }
  }

  @State(Scope.Benchmark)
  public static class Java extends States.Java<Buf> {
    public Java() {
      super(Scenario.BUFFER);
    }
  }

  /** The same bytes copied with System.arraycopy: the memory-bandwidth floor. */
  @State(Scope.Benchmark)
  public static class Copy {
    public byte[] src;
    public byte[] out;
    public byte[] wire;
    public byte[] dst;

    @Setup(Level.Trial)
    public void setup() {
      src = Scenario.BUFFER.source().data;
      out = new byte[src.length];
      wire = src.clone();
      dst = new byte[src.length];
    }
  }

  @Benchmark
  public byte[] save_arraycopy(Copy s) {
    System.arraycopy(s.src, 0, s.out, 0, s.src.length);
    return s.out;
  }

  @Benchmark
  public byte[] load_arraycopy(Copy s) {
    System.arraycopy(s.wire, 0, s.dst, 0, s.wire.length);
    return s.dst;
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
  public int save_hand(Hand s) {
    return Contenders.handSave(s.sc, s.src, s.out);
  }

  @Benchmark
  public Object load_hand(Hand s) {
    Contenders.handLoad(s.sc, s.dst, s.wire, s.len);
    return s.dst;
  }

  @Benchmark
  public int save_kryo(Kryos s) {
    return Contenders.kryoSave(s.kryo, s.src, s.out);
  }

  @Benchmark
  public Object load_kryo(Kryos s) {
    return Contenders.kryoLoad(s.kryo, Buf.class, s.in, s.wire, s.wire.length);
  }

  @Benchmark
  public int save_java(Java s) {
    return Contenders.javaSave(s.src, s.sink);
  }

  @Benchmark
  public Object load_java(Java s) {
    return Contenders.javaLoad(Buf.class, s.wire, s.wire.length);
  }
}
