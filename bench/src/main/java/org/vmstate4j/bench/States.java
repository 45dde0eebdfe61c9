package org.vmstate4j.bench;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.util.Arrays;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.vmstate4j.engine.io.VmOutput;
import org.vmstate4j.engine.state.LoadOptions;
import org.vmstate4j.engine.state.VmState;

/**
 * Per-contender benchmark state, built once per trial for the scenario of the benchmark's
 * class: the source state, the contender's own wire bytes, a reusable output and a reusable
 * load destination. Each setup also checks that the contender round-trips the state (and the
 * hand-written codec that its bytes are vmstate4j's).
 */
public final class States {
  private States() {}

  /** What every contender's state holds: the scenario, its source state and the wire bytes. */
  public abstract static class Contender {
    public Scenario<Object> sc;
    public Object src;
    public byte[] wire;

    @Setup(Level.Trial)
    public void setup(BenchmarkParams params) {
      sc = Scenario.forBenchmark(params.getBenchmark());
      src = sc.source();
      prepare();
    }

    /** The contender's own part of the setup, after {@link #sc} and {@link #src} are set. */
    protected abstract void prepare();
  }

  /** vmstate4j: description compiled in setup, saves into a reusable in-memory VmOutput. */
  @State(Scope.Benchmark)
  public static class Vm extends Contender {
    public Object dst;
    public VmOutput out;

    @Override
    protected void prepare() {
      VmState.prepare(sc.vmsd);
      out = Contenders.vmOutput(sc);
      int n = Contenders.vmSave(sc, src, out);
      wire = Arrays.copyOf(out.array(), n);
      dst = sc.destination();
      Contenders.vmLoad(sc, dst, wire, LoadOptions.DEFAULT);
      Contenders.checkSame(sc, "vmstate4j", src, dst);
      sc.prepareReuse(dst);
      Contenders.vmLoad(sc, dst, wire, Contenders.NON_TX);
      Contenders.checkSame(sc, "vmstate4j (non-transactional)", src, dst);
    }
  }

  /** Hand-written ByteBuffer codec; asserts byte identity with vmstate4j once. */
  @State(Scope.Benchmark)
  public static class Hand extends Contender {
    public Object dst;
    public byte[] out;
    public int len;

    @Override
    protected void prepare() {
      wire = Contenders.checkIdentical(sc, src);
      len = wire.length;
      out = new byte[sc.sinkCapacity()];
      dst = sc.destination();
      Contenders.handLoad(sc, dst, wire, len);
      Contenders.checkSame(sc, "hand-written", src, dst);
    }
  }

  /** Kryo 5 with registered classes; reusable Output and Input. */
  @State(Scope.Benchmark)
  public static class Kryos extends Contender {
    public Kryo kryo;
    public Output out;
    public Input in;

    @Override
    protected void prepare() {
      kryo = Contenders.kryo();
      out = new Output(sc.sinkCapacity(), -1);
      int n = Contenders.kryoSave(kryo, src, out);
      wire = Arrays.copyOf(out.getBuffer(), n);
      in = new Input();
      Object back = Contenders.kryoLoad(kryo, sc.type, in, wire, wire.length);
      Contenders.checkSame(sc, "Kryo", src, back);
    }
  }

  /** Java serialization into a reusable sink. */
  @State(Scope.Benchmark)
  public static class Java extends Contender {
    public ByteSink sink;

    @Override
    protected void prepare() {
      sink = new ByteSink(sc.sinkCapacity());
      Contenders.javaSave(src, sink);
      wire = sink.toByteArray();
      Object back = Contenders.javaLoad(sc.type, wire, wire.length);
      Contenders.checkSame(sc, "Java serialization", src, back);
    }
  }
}
