package org.vmstate4j.engine.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.vmstate4j.engine.testing.Fields.array;
import static org.vmstate4j.engine.testing.Fields.scalar;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.vmstate4j.engine.VmStateLoadException;
import org.vmstate4j.engine.codec.Codecs;
import org.vmstate4j.engine.io.VmInput;
import org.vmstate4j.engine.model.VmStateDescription;
import org.vmstate4j.engine.model.VmStateField;
import org.vmstate4j.engine.model.VmsFlags;
import org.vmstate4j.engine.testing.Access;

/**
 * Primitive arrays loaded in place and in bulk under a transaction: the journal records only
 * the chunks that change (old zeros by their range, other old values by copy), and a failed
 * load puts every element back, whichever chunks changed and wherever the input stops.
 */
class ArrayUndoTest {
  static final int WORDS = 20_000;
  static final int LONGS = 3_000;

  static final class Dev {
    int n;
    int[] words = new int[WORDS];
    long[] longs = new long[LONGS];
    int tail;

    Dev copy() {
      Dev d = new Dev();
      d.n = n;
      d.words = words.clone();
      d.longs = longs.clone();
      d.tail = tail;
      return d;
    }

    void assertSame(Dev o) {
      assertThat(n).isEqualTo(o.n);
      assertThat(words).isEqualTo(o.words);
      assertThat(longs).isEqualTo(o.longs);
      assertThat(tail).isEqualTo(o.tail);
    }
  }

  static final VmStateDescription DEV = VmStateDescription.builder("dev").versionId(1)
      .field(scalar(Dev.class, "n", Codecs.UINT32).build())
      .field(VmStateField.builder("words").flags(VmsFlags.VARRAY_UINT32).codec(Codecs.UINT32)
          .count(Access.member(Dev.class, "n")).size(4)
          .accessor(Access.field(Dev.class, "words")).build())
      .field(array(Dev.class, "longs", Codecs.UINT64, LONGS))
      .field(scalar(Dev.class, "tail", Codecs.UINT32).build())
      .build();

  /** The state to load: every element set. */
  static Dev source() {
    SplittableRandom r = new SplittableRandom(1);
    Dev d = new Dev();
    d.n = WORDS - 7;
    for (int i = 0; i < WORDS; i++) {
      d.words[i] = r.nextInt() | 1;
    }
    for (int i = 0; i < LONGS; i++) {
      d.longs[i] = r.nextLong() | 1;
    }
    d.tail = 5;
    return d;
  }

  /**
   * A destination that holds the source's words in some chunks, zeros in others and other
   * values in the rest (chunks are 16 KiB: 4096 ints, 2048 longs).
   */
  static Dev mixed(Dev src) {
    Dev d = new Dev();
    d.n = 3;
    System.arraycopy(src.words, 0, d.words, 0, 4096);
    // 4096..8191 stay zero
    for (int i = 8192; i < WORDS; i++) {
      d.words[i] = i % 3 == 0 ? src.words[i] : -i;
    }
    System.arraycopy(src.words, 12_288, d.words, 12_288, 4096);
    for (int i = 2048; i < LONGS; i++) {
      d.longs[i] = i;
    }
    d.tail = 9;
    return d;
  }

  static VmStateLoadException fails(Dev d, byte[] wire, int length, LoadOptions options) {
    Throwable t = catchThrowable(() ->
        VmState.load(DEV, d, VmInput.of(Arrays.copyOf(wire, length)), 1, options));
    assertThat(t).isInstanceOf(VmStateLoadException.class);
    return (VmStateLoadException) t;
  }

  @Test
  void aFailedLoadRestoresEveryChunkWhereverTheInputStops() {
    Dev src = source();
    byte[] wire = VmState.save(DEV, src);
    int words = 4 + 4 * (WORDS - 7);
    int[] cuts = {2, 4 + 4 * 100 + 2, 4 + 4 * 5000, 4 + 4 * 9000 + 1, words - 1, words,
        words + 8 * 2047 + 3, words + 8 * LONGS, wire.length - 1};
    for (int cut : cuts) {
      Dev d = mixed(src);
      Dev before = d.copy();
      VmStateLoadException e = fails(d, wire, cut, LoadOptions.DEFAULT);
      assertThat(e.getMessage()).as("cut at %d", cut).contains("end of stream");
      d.assertSame(before);
    }
  }

  @Test
  void aSuccessfulLoadKeepsTheNewStateAndTheNextFailureRestoresIt() {
    Dev src = source();
    byte[] wire = VmState.save(DEV, src);
    Dev d = mixed(src);
    VmState.load(DEV, d, VmInput.of(wire), 1);
    assertThat(Arrays.copyOf(d.words, src.n)).isEqualTo(Arrays.copyOf(src.words, src.n));
    assertThat(d.longs).isEqualTo(src.longs);
    // the snapshot arrays are reused by the next load, which must still restore exactly
    Dev other = mixed(src);
    other.n = WORDS;
    Dev loaded = d.copy();
    fails(d, VmState.save(DEV, other), 4 + 4 * WORDS + 8 * 2500, LoadOptions.DEFAULT);
    d.assertSame(loaded);
  }

  @Test
  void aFreshDestinationIsRestoredToZeros() {
    Dev src = source();
    byte[] wire = VmState.save(DEV, src);
    Dev d = new Dev();
    fails(d, wire, wire.length - 2, LoadOptions.DEFAULT);
    d.assertSame(new Dev());
  }

  @Test
  void aDryRunLeavesTheDestinationAsItWas() {
    Dev src = source();
    Dev d = mixed(src);
    Dev before = d.copy();
    VmState.load(DEV, d, VmInput.of(VmState.save(DEV, src)), 1,
        LoadOptions.DEFAULT.withDryRun(true));
    d.assertSame(before);
  }

  @Test
  void aTransactionRollbackRestoresArraysLoadedEarlier() {
    Dev src = source();
    byte[] wire = VmState.save(DEV, src);
    Dev a = mixed(src);
    Dev b = new Dev();
    Dev beforeA = a.copy();
    byte[] two = Arrays.copyOf(wire, 2 * wire.length);
    System.arraycopy(wire, 0, two, wire.length, wire.length);
    VmInput in = VmInput.of(two);
    try (LoadTransaction tx = new LoadTransaction(LoadOptions.DEFAULT)) {
      tx.load(DEV, a, in, 1);
      tx.load(DEV, b, in, 1);
      assertThat(b.longs).isEqualTo(src.longs);
    }
    a.assertSame(beforeA);
    b.assertSame(new Dev());
  }
}
