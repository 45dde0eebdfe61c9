package org.vmstate4j.bench.model;

import static org.vmstate4j.dsl.VmsdDsl.field;
import static org.vmstate4j.dsl.VmsdDsl.vmsd;

import java.io.Serializable;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.vmstate4j.dsl.qemu.PitChannel;
import org.vmstate4j.engine.model.VmStateDescription;

/**
 * A device with a large uint32 varray and a fixed array of QEMU's PIT channels
 * ({@link PitChannel}, 32 wire bytes each).
 */
public final class Pit {
  private Pit() {}

  /** Elements of the varray in the benchmark. */
  public static final int WORDS = 1_000_000;
  /** Structs in the fixed array. */
  public static final int CHANNELS = 65_536;

  /** A channel with random values in each field's wire range. */
  static PitChannel randomChannel(SplittableRandom r) {
    PitChannel c = new PitChannel();
    c.count = r.nextInt();
    c.latchedCount = r.nextInt() & 0xffff;
    c.countLatched = r.nextInt() & 0xff;
    c.statusLatched = r.nextInt() & 0xff;
    c.status = r.nextInt() & 0xff;
    c.readState = r.nextInt() & 0xff;
    c.writeState = r.nextInt() & 0xff;
    c.writeLatch = r.nextInt() & 0xff;
    c.rwMode = r.nextInt() & 0xff;
    c.mode = r.nextInt() & 0xff;
    c.bcd = r.nextInt() & 0xff;
    c.gate = r.nextInt() & 0xff;
    c.countLoadTime = r.nextLong();
    c.nextTransitionTime = r.nextLong();
    return c;
  }

  /** Equality of the fields {@link PitChannel#VMSD} moves. */
  static boolean sameChannel(PitChannel a, PitChannel c) {
    return a.count == c.count && a.latchedCount == c.latchedCount
        && a.countLatched == c.countLatched && a.statusLatched == c.statusLatched
        && a.status == c.status && a.readState == c.readState && a.writeState == c.writeState
        && a.writeLatch == c.writeLatch && a.rwMode == c.rwMode && a.mode == c.mode
        && a.bcd == c.bcd && a.gate == c.gate && a.countLoadTime == c.countLoadTime
        && a.nextTransitionTime == c.nextTransitionTime;
  }

  /** The device: {@code n} used words of {@code words}, then {@code chans}. */
  public static final class Dev implements Serializable {
    private static final long serialVersionUID = 1L;

    public int n;
    public int[] words;
    public PitChannel[] chans;

    /** For deserializers that fill every field themselves. */
    public Dev() {}

    /** A load destination: capacity for {@code words} words and {@code chans} zeroed channels. */
    public static Dev allocated(int words, int chans) {
      Dev d = new Dev();
      d.words = new int[words];
      d.chans = new PitChannel[chans];
      for (int i = 0; i < chans; i++) {
        d.chans[i] = new PitChannel();
      }
      return d;
    }

    /** The description for a fixed array of {@code chans} channels. */
    public static VmStateDescription vmsdFor(int chans) {
      return vmsd("bench-pit", Dev.class)
          .version(1)
          .fields(
              field("n").uint32(),
              field("words").varrayUint32("n").uint32(),
              field("chans").array(chans).struct(PitChannel.VMSD))
          .build();
    }

    public static final VmStateDescription VMSD = vmsdFor(CHANNELS);

    public static Dev random(int words, int chans, long seed) {
      SplittableRandom r = new SplittableRandom(seed);
      Dev d = allocated(words, 0);
      d.n = words;
      for (int i = 0; i < words; i++) {
        d.words[i] = r.nextInt();
      }
      d.chans = new PitChannel[chans];
      for (int i = 0; i < chans; i++) {
        d.chans[i] = randomChannel(r);
      }
      return d;
    }

    /** Equality of everything that travels on the wire. */
    public boolean sameState(Dev d) {
      return n == d.n && Arrays.equals(words, 0, n, d.words, 0, n)
          && Arrays.equals(chans, d.chans, (a, b) -> sameChannel(a, b) ? 0 : 1);
    }
  }
}
