package org.vmstate4j.bench;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.util.Arrays;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.vmstate4j.engine.io.VmOutput;
import org.vmstate4j.engine.state.LoadOptions;
import org.vmstate4j.engine.state.VmState;

/**
 * Per-contender benchmark state, built once per trial: the source state, the contender's own
 * wire bytes, a reusable output and a reusable load destination. Each setup also checks that
 * the contender round-trips the state (and the hand-written codec that its bytes are
 * vmstate4j's).
 */
public final class States {
  private States() {}

  /** vmstate4j: description compiled in setup, saves into a reusable in-memory VmOutput. */
  public abstract static class Vm<T> {
    public final Scenario<T> sc;
    public T src;
    public T dst;
    public VmOutput out;
    public byte[] wire;

    protected Vm(Scenario<T> sc) {
      this.sc = sc;
    }

    @Setup(Level.Trial)
    public void setup() {
      VmState.prepare(sc.vmsd);
      src = sc.source();
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
  public abstract static class Hand<T> {
    public final Scenario<T> sc;
    public T src;
    public T dst;
    public byte[] out;
    public byte[] wire;
    public int len;

    protected Hand(Scenario<T> sc) {
      this.sc = sc;
    }

    @Setup(Level.Trial)
    public void setup() {
      src = sc.source();
      wire = Contenders.checkIdentical(sc, src);
      len = wire.length;
      out = new byte[sc.sinkCapacity()];
      dst = sc.destination();
      Contenders.handLoad(sc, dst, wire, len);
      Contenders.checkSame(sc, "hand-written", src, dst);
    }
  }

  /** Kryo 5 with registered classes; reusable Output and Input. */
  public abstract static class Kryos<T> {
    public final Scenario<T> sc;
    public Kryo kryo;
    public T src;
    public Output out;
    public Input in;
    public byte[] wire;

    protected Kryos(Scenario<T> sc) {
      this.sc = sc;
    }

    @Setup(Level.Trial)
    public void setup() {
      kryo = Contenders.kryo();
      src = sc.source();
      out = new Output(sc.sinkCapacity(), -1);
      int n = Contenders.kryoSave(kryo, src, out);
      wire = Arrays.copyOf(out.getBuffer(), n);
      in = new Input();
      T back = Contenders.kryoLoad(kryo, sc.type, in, wire, wire.length);
      Contenders.checkSame(sc, "Kryo", src, back);
    }
  }

  /** Java serialization into a reusable sink. */
  public abstract static class Java<T> {
    public final Scenario<T> sc;
    public T src;
    public ByteSink sink;
    public byte[] wire;

    protected Java(Scenario<T> sc) {
      this.sc = sc;
    }

    @Setup(Level.Trial)
    public void setup() {
      src = sc.source();
      sink = new ByteSink(sc.sinkCapacity());
      Contenders.javaSave(src, sink);
      wire = sink.toByteArray();
      T back = Contenders.javaLoad(sc.type, wire, wire.length);
      Contenders.checkSame(sc, "Java serialization", src, back);
    }
  }
}
