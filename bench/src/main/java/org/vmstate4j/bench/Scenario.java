package org.vmstate4j.bench;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.vmstate4j.bench.hand.BufCodec;
import org.vmstate4j.bench.hand.NvmeCodec;
import org.vmstate4j.bench.hand.PitCodec;
import org.vmstate4j.bench.model.Buf;
import org.vmstate4j.bench.model.NvmeStates;
import org.vmstate4j.bench.model.Pit;
import org.vmstate4j.engine.model.VmStateDescription;
import org.vmstate4j.examples.NvmeLite;

/**
 * One benchmark scenario: the state every contender saves and loads, its description, the
 * hand-written codec and how a load destination is made.
 *
 * @param <T> the device class
 */
public abstract class Scenario<T> {
  /** nvme-lite with 1024 queue slots, half of the SQ and half of the CQ slots populated. */
  public static final Scenario<NvmeLite> NVME = nvme(NvmeStates.SLOTS);
  /** 1,000,000-word uint32 varray plus 65,536 PIT-channel structs. */
  public static final Scenario<Pit.Dev> PIT = pit(Pit.WORDS, Pit.CHANNELS);
  /** One 256 MiB buffer field. */
  public static final Scenario<Buf> BUFFER = buffer(Buf.SIZE);

  /**
   * The scenario of a JMH benchmark, by the class it runs in ({@code params.getBenchmark()}:
   * {@code org.vmstate4j.bench.NvmeBench.save_hand}); the states of all three benchmark
   * classes are the same classes, set up for it.
   */
  @SuppressWarnings("unchecked")
  static Scenario<Object> forBenchmark(String benchmark) {
    String cls = benchmark.substring(0, benchmark.lastIndexOf('.'));
    Scenario<?> sc = switch (cls.substring(cls.lastIndexOf('.') + 1)) {
      case "NvmeBench" -> NVME;
      case "PitBench" -> PIT;
      case "BufferBench" -> BUFFER;
      default -> throw new IllegalArgumentException("no scenario for " + benchmark);
    };
    return (Scenario<Object>) sc;
  }

  public final String name;
  public final Class<T> type;
  public final VmStateDescription vmsd;

  Scenario(String name, Class<T> type, VmStateDescription vmsd) {
    this.name = name;
    this.type = type;
    this.vmsd = vmsd;
  }

  private T source;

  /** The state to save (deterministic; built once per JVM and shared, never modified). */
  public final synchronized T source() {
    if (source == null) {
      source = build();
    }
    return source;
  }

  /** Builds the state to save. */
  protected abstract T build();

  /** A fresh load destination with the capacity the state needs. */
  public abstract T destination();

  /** Makes a reused destination acceptable to a vmstate4j load (AUTO_ALLOC slots are NULL). */
  public void prepareReuse(T dst) {}

  /** Writes the state's wire bytes at {@code b}'s position. */
  public abstract void handSave(T src, ByteBuffer b);

  /** Reads wire bytes from {@code b}'s position into {@code dst}. */
  public abstract void handLoad(T dst, ByteBuffer b);

  /** Whether two states hold the same wire-visible values. */
  public abstract boolean same(T a, T b);

  /** Wire bytes of the source state. */
  public abstract long wireBytes();

  /** Capacity of a reusable output able to take the state in any contender's format. */
  public int sinkCapacity() {
    long c = wireBytes() + wireBytes() / 4 + 4096;
    return (int) Math.min(c, Integer.MAX_VALUE - 64);
  }

  public static Scenario<NvmeLite> nvme(int slots) {
    return new Scenario<>("nvme-lite", NvmeLite.class, NvmeLite.VMSD) {
      @Override
      protected NvmeLite build() {
        return NvmeStates.random(slots, slots / 2, 42);
      }

      @Override
      public NvmeLite destination() {
        return new NvmeLite(slots);
      }

      @Override
      public void prepareReuse(NvmeLite dst) {
        Arrays.fill(dst.sq, null);
        Arrays.fill(dst.cq, null);
      }

      @Override
      public void handSave(NvmeLite src, ByteBuffer b) {
        NvmeCodec.save(src, b);
      }

      @Override
      public void handLoad(NvmeLite dst, ByteBuffer b) {
        NvmeCodec.load(dst, b);
      }

      @Override
      public boolean same(NvmeLite a, NvmeLite b) {
        return a.sameWireState(b);
      }

      @Override
      public long wireBytes() {
        int half = slots / 2;
        long regs = 4 + 4 + 4 + 8 + 8 + 4;
        long queues = 2L * slots + half * 24L + half * 29L;
        long sub = 1 + 1 + "nvme-lite/dbbuf".length() + 4 + 16;
        return regs + queues + sub;
      }
    };
  }

  public static Scenario<Pit.Dev> pit(int words, int chans) {
    VmStateDescription d = chans == Pit.CHANNELS ? Pit.Dev.VMSD : Pit.Dev.vmsdFor(chans);
    return new Scenario<>("pit-varray", Pit.Dev.class, d) {
      @Override
      protected Pit.Dev build() {
        return Pit.Dev.random(words, chans, 7);
      }

      @Override
      public Pit.Dev destination() {
        return Pit.Dev.allocated(words, chans);
      }

      @Override
      public void handSave(Pit.Dev src, ByteBuffer b) {
        PitCodec.save(src, b);
      }

      @Override
      public void handLoad(Pit.Dev dst, ByteBuffer b) {
        PitCodec.load(dst, b);
      }

      @Override
      public boolean same(Pit.Dev a, Pit.Dev b) {
        return a.sameState(b);
      }

      @Override
      public long wireBytes() {
        return 4 + 4L * words + 32L * chans;
      }
    };
  }

  public static Scenario<Buf> buffer(int size) {
    VmStateDescription d = size == Buf.SIZE ? Buf.VMSD : Buf.vmsdFor(size);
    return new Scenario<>("buffer-256MiB", Buf.class, d) {
      @Override
      protected Buf build() {
        return Buf.random(size, 99);
      }

      @Override
      public Buf destination() {
        return new Buf(size);
      }

      @Override
      public void handSave(Buf src, ByteBuffer b) {
        BufCodec.save(src, b);
      }

      @Override
      public void handLoad(Buf dst, ByteBuffer b) {
        BufCodec.load(dst, b);
      }

      @Override
      public boolean same(Buf a, Buf b) {
        return a.sameState(b);
      }

      @Override
      public long wireBytes() {
        return size;
      }
    };
  }
}
