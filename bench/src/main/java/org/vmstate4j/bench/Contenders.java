package org.vmstate4j.bench;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.vmstate4j.bench.model.Buf;
import org.vmstate4j.bench.model.Pit;
import org.vmstate4j.dsl.qemu.PitChannel;
import org.vmstate4j.engine.io.VmInput;
import org.vmstate4j.examples.NvmeLite;
import org.vmstate4j.examples.NvmeLiteCq;
import org.vmstate4j.examples.NvmeLiteSq;
import org.vmstate4j.engine.io.VmOutput;
import org.vmstate4j.engine.state.LoadOptions;
import org.vmstate4j.engine.state.VmState;

/**
 * Each contender's save and load, shared by the benchmarks, the tests and the setup checks.
 * Saves go into a reusable output; loads read a byte[] produced by the same contender.
 */
public final class Contenders {
  private Contenders() {}

  /** Non-transactional vmstate4j load options. */
  public static final LoadOptions NON_TX = LoadOptions.DEFAULT.withTransactional(false);

  // ------------------------------------------------------------------ vmstate4j

  /** A reusable in-memory writer with room for the scenario's state. */
  public static VmOutput vmOutput(Scenario<?> s) {
    return VmOutput.inMemory(new byte[s.sinkCapacity()]);
  }

  /** Saves into the reusable in-memory writer {@code out} (rewound first); returns the size. */
  public static int vmSave(Scenario<?> s, Object src, VmOutput out) {
    out.reset();
    VmState.save(s.vmsd, src, out);
    return (int) out.position();
  }

  public static void vmLoad(Scenario<?> s, Object dst, byte[] wire, LoadOptions options) {
    VmInput in = VmInput.of(wire);
    VmState.load(s.vmsd, dst, in, s.vmsd.versionId(), options);
    if (!in.atEnd()) {
      throw new IllegalStateException("trailing bytes");
    }
  }

  // ------------------------------------------------------------------ hand-written

  public static <T> int handSave(Scenario<T> s, T src, byte[] out) {
    ByteBuffer b = ByteBuffer.wrap(out);
    s.handSave(src, b);
    return b.position();
  }

  public static <T> void handLoad(Scenario<T> s, T dst, byte[] wire, int len) {
    ByteBuffer b = ByteBuffer.wrap(wire, 0, len);
    s.handLoad(dst, b);
    if (b.hasRemaining()) {
      throw new IllegalStateException("trailing bytes");
    }
  }

  // ------------------------------------------------------------------ Kryo

  /** Kryo with every class of the scenarios registered (registration required). */
  public static Kryo kryo() {
    Kryo k = new Kryo();
    k.setRegistrationRequired(true);
    k.setReferences(false);
    k.register(int[].class);
    k.register(byte[].class);
    k.register(NvmeLiteSq.class);
    k.register(NvmeLiteCq.class);
    k.register(NvmeLiteSq[].class);
    k.register(NvmeLiteCq[].class);
    k.register(NvmeLite.class);
    k.register(PitChannel.class);
    k.register(PitChannel[].class);
    k.register(Pit.Dev.class);
    k.register(Buf.class);
    return k;
  }

  public static int kryoSave(Kryo k, Object src, Output out) {
    out.reset();
    k.writeObject(out, src);
    return out.position();
  }

  public static <T> T kryoLoad(Kryo k, Class<T> type, Input in, byte[] wire, int len) {
    in.setBuffer(wire, 0, len);
    return k.readObject(in, type);
  }

  // ------------------------------------------------------------------ Java serialization

  public static int javaSave(Object src, ByteSink sink) {
    sink.reset();
    try (ObjectOutputStream o = new ObjectOutputStream(sink)) {
      o.writeObject(src);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return sink.size();
  }

  public static <T> T javaLoad(Class<T> type, byte[] wire, int len) {
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(wire, 0, len))) {
      return type.cast(in.readObject());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }

  // ------------------------------------------------------------------ checks

  /** Fails unless the hand-written codec writes exactly vmstate4j's bytes for {@code src}. */
  public static <T> byte[] checkIdentical(Scenario<T> s, T src) {
    VmOutput out = vmOutput(s);
    int n = vmSave(s, src, out);
    byte[] hand = new byte[s.sinkCapacity()];
    int m = handSave(s, src, hand);
    if (n != m || !Arrays.equals(out.array(), 0, n, hand, 0, m)) {
      int at = Arrays.mismatch(out.array(), 0, n, hand, 0, m);
      throw new IllegalStateException(s.name + ": hand-written bytes differ from vmstate4j's at "
          + at + " (vmstate4j " + n + " bytes, hand-written " + m + " bytes)");
    }
    if (n != s.wireBytes()) {
      throw new IllegalStateException(s.name + ": " + n + " wire bytes, expected "
          + s.wireBytes());
    }
    return Arrays.copyOf(hand, m);
  }

  /** Fails unless {@code loaded} holds {@code src}'s state. */
  public static <T> void checkSame(Scenario<T> s, String who, T src, T loaded) {
    if (!s.same(src, loaded)) {
      throw new IllegalStateException(s.name + ": " + who + " round trip lost state");
    }
  }
}
