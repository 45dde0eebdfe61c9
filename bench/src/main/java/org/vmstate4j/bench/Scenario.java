package org.vmstate4j.bench;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.BiConsumer;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import java.util.function.Supplier;
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
public final class Scenario<T> {
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
  private final Supplier<T> build;
  private final Supplier<T> destination;
  private final BiConsumer<T, ByteBuffer> handSave;
  private final BiConsumer<T, ByteBuffer> handLoad;
  private final BiPredicate<T, T> same;
  private final long wireBytes;
  private Consumer<T> prepareReuse = dst -> {};

  /**
   * A scenario: {@code build} makes the state to save, {@code destination} a fresh load
   * destination; the hand-written codec's save and load; {@code same} compares the
   * wire-visible values of two states; {@code wireBytes} is the size of the source's wire bytes.
   */
  Scenario(String name, Class<T> type, VmStateDescription vmsd, Supplier<T> build,
      Supplier<T> destination, BiConsumer<T, ByteBuffer> handSave,
      BiConsumer<T, ByteBuffer> handLoad, BiPredicate<T, T> same, long wireBytes) {
    this.name = name;
    this.type = type;
    this.vmsd = vmsd;
    this.build = build;
    this.destination = destination;
    this.handSave = handSave;
    this.handLoad = handLoad;
    this.same = same;
    this.wireBytes = wireBytes;
  }

  private T source;

  /** The state to save (deterministic; built once per JVM and shared, never modified). */
  public synchronized T source() {
    if (source == null) {
      source = build.get();
    }
    return source;
  }

  /** A fresh load destination with the capacity the state needs. */
  public T destination() {
    return destination.get();
  }

  /** Makes a reused destination acceptable to a vmstate4j load (AUTO_ALLOC slots are NULL). */
  public void prepareReuse(T dst) {
    prepareReuse.accept(dst);
  }

  /** Writes the state's wire bytes at {@code b}'s position. */
  public void handSave(T src, ByteBuffer b) {
    handSave.accept(src, b);
  }

  /** Reads wire bytes from {@code b}'s position into {@code dst}. */
  public void handLoad(T dst, ByteBuffer b) {
    handLoad.accept(dst, b);
  }

  /** Whether two states hold the same wire-visible values. */
  public boolean same(T a, T b) {
    return same.test(a, b);
  }

  /** Wire bytes of the source state. */
  public long wireBytes() {
    return wireBytes;
  }

  /** Capacity of a reusable output able to take the state in any contender's format. */
  public int sinkCapacity() {
    long c = wireBytes() + wireBytes() / 4 + 4096;
    return (int) Math.min(c, Integer.MAX_VALUE - 64);
  }

  public static Scenario<NvmeLite> nvme(int slots) {
    int half = slots / 2;
    long regs = 4 + 4 + 4 + 8 + 8 + 4;
    long queues = 2L * slots + half * 24L + half * 29L;
    long sub = 1 + 1 + "nvme-lite/dbbuf".length() + 4 + 16;
    Scenario<NvmeLite> sc = new Scenario<>("nvme-lite", NvmeLite.class, NvmeLite.VMSD,
        () -> NvmeStates.random(slots, half, 42), () -> new NvmeLite(slots),
        NvmeCodec::save, NvmeCodec::load, NvmeLite::sameWireState, regs + queues + sub);
    sc.prepareReuse = dst -> {
      Arrays.fill(dst.sq, null);
      Arrays.fill(dst.cq, null);
    };
    return sc;
  }

  public static Scenario<Pit.Dev> pit(int words, int chans) {
    VmStateDescription d = chans == Pit.CHANNELS ? Pit.Dev.VMSD : Pit.Dev.vmsdFor(chans);
    return new Scenario<>("pit-varray", Pit.Dev.class, d, () -> Pit.Dev.random(words, chans, 7),
        () -> Pit.Dev.allocated(words, chans), PitCodec::save, PitCodec::load,
        Pit.Dev::sameState, 4 + 4L * words + 32L * chans);
  }

  public static Scenario<Buf> buffer(int size) {
    VmStateDescription d = size == Buf.SIZE ? Buf.VMSD : Buf.vmsdFor(size);
    return new Scenario<>("buffer-256MiB", Buf.class, d, () -> Buf.random(size, 99),
        () -> new Buf(size), BufCodec::save, BufCodec::load, Buf::sameState, size);
  }
}
