package org.vmstate4j.bench.model;

import static org.vmstate4j.dsl.VmsdDsl.field;
import static org.vmstate4j.dsl.VmsdDsl.vmsd;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;
import org.vmstate4j.engine.model.VmStateDescription;

/**
 * A device with a large uint32 varray and a fixed array of small structs shaped like QEMU's
 * PIT channel (32 wire bytes each).
 */
public final class Pit {
  private Pit() {}

  /** Elements of the varray in the benchmark. */
  public static final int WORDS = 1_000_000;
  /** Structs in the fixed array. */
  public static final int CHANNELS = 65_536;

  /** QEMU's PITChannelState fields: 32 wire bytes. */
  public static final class Chan implements Serializable {
    private static final long serialVersionUID = 1L;

    public int count;
    public short latchedCount;
    public byte countLatched;
    public byte statusLatched;
    public byte status;
    public byte readState;
    public byte writeState;
    public byte writeLatch;
    public byte rwMode;
    public byte mode;
    public byte bcd;
    public byte gate;
    public long countLoadTime;
    public long nextTransitionTime;

    public static final VmStateDescription VMSD = vmsd("pit channel", Chan.class)
        .version(2)
        .fields(
            field("count").int32(),
            field("latched_count").uint16(),
            field("count_latched").uint8(),
            field("status_latched").uint8(),
            field("status").uint8(),
            field("read_state").uint8(),
            field("write_state").uint8(),
            field("write_latch").uint8(),
            field("rw_mode").uint8(),
            field("mode").uint8(),
            field("bcd").uint8(),
            field("gate").uint8(),
            field("count_load_time").int64(),
            field("next_transition_time").int64())
        .build();

    static Chan random(SplittableRandom r) {
      Chan c = new Chan();
      c.count = r.nextInt();
      c.latchedCount = (short) r.nextInt();
      c.countLatched = (byte) r.nextInt();
      c.statusLatched = (byte) r.nextInt();
      c.status = (byte) r.nextInt();
      c.readState = (byte) r.nextInt();
      c.writeState = (byte) r.nextInt();
      c.writeLatch = (byte) r.nextInt();
      c.rwMode = (byte) r.nextInt();
      c.mode = (byte) r.nextInt();
      c.bcd = (byte) r.nextInt();
      c.gate = (byte) r.nextInt();
      c.countLoadTime = r.nextLong();
      c.nextTransitionTime = r.nextLong();
      return c;
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof Chan)) {
        return false;
      }
      Chan c = (Chan) o;
      return count == c.count && latchedCount == c.latchedCount
          && countLatched == c.countLatched && statusLatched == c.statusLatched
          && status == c.status && readState == c.readState && writeState == c.writeState
          && writeLatch == c.writeLatch && rwMode == c.rwMode && mode == c.mode && bcd == c.bcd
          && gate == c.gate && countLoadTime == c.countLoadTime
          && nextTransitionTime == c.nextTransitionTime;
    }

    @Override
    public int hashCode() {
      return Objects.hash(count, countLoadTime, nextTransitionTime);
    }
  }

  /** The device: {@code n} used words of {@code words}, then {@code chans}. */
  public static final class Dev implements Serializable {
    private static final long serialVersionUID = 1L;

    public int n;
    public int[] words;
    public Chan[] chans;

    /** For deserializers that fill every field themselves. */
    public Dev() {}

    /** A load destination: capacity for {@code words} words and {@code chans} zeroed channels. */
    public static Dev allocated(int words, int chans) {
      Dev d = new Dev();
      d.words = new int[words];
      d.chans = new Chan[chans];
      for (int i = 0; i < chans; i++) {
        d.chans[i] = new Chan();
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
              field("chans").array(chans).struct(Chan.VMSD))
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
      d.chans = new Chan[chans];
      for (int i = 0; i < chans; i++) {
        d.chans[i] = Chan.random(r);
      }
      return d;
    }

    /** Equality of everything that travels on the wire. */
    public boolean sameState(Dev d) {
      return n == d.n && Arrays.equals(words, 0, n, d.words, 0, n)
          && Arrays.equals(chans, d.chans);
    }
  }
}
