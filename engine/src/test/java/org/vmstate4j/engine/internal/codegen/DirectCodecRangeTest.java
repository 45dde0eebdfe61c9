package org.vmstate4j.engine.internal.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.invoke.MethodHandles;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vmstate4j.engine.codec.Codec;
import org.vmstate4j.engine.codec.Codecs;
import org.vmstate4j.engine.io.VmOutput;
import org.vmstate4j.engine.model.DirectCodec;
import org.vmstate4j.engine.model.VmStateDescription;
import org.vmstate4j.engine.model.VmStateField;
import org.vmstate4j.engine.model.VmsFlags;
import org.vmstate4j.engine.state.VmState;
import org.vmstate4j.engine.testing.Access;

/**
 * The generated codec's range checks: int-sized members with 8- and 16-bit codecs (one shift
 * each) and a long member with a narrower codec (the general comparisons) accept exactly the
 * values their codecs can carry, and write what the field walk writes.
 */
class DirectCodecRangeTest {
  static class Narrow {
    int u8;
    int u16;
    int s8;
    short s8s;
    char u8c;
    int s16;
    long l8;
  }

  private static final String[] NAMES = {"u8", "u16", "s8", "s8s", "u8c", "s16", "l8"};
  private static final Codec[] CODECS = {Codecs.UINT8, Codecs.UINT16, Codecs.INT8, Codecs.INT8,
      Codecs.UINT8, Codecs.INT16, Codecs.UINT8};
  /** The smallest and largest value each codec carries. */
  private static final long[][] RANGES = {{0, 255}, {0, 65535}, {-128, 127}, {-128, 127},
      {0, 255}, {-32768, 32767}, {0, 255}};

  private static VmStateDescription description() {
    VmStateDescription.Builder b = VmStateDescription.builder("narrow").versionId(1)
        .minimumVersionId(1);
    for (int i = 0; i < NAMES.length; i++) {
      b.field(VmStateField.builder(NAMES[i]).flags(VmsFlags.SINGLE).codec(CODECS[i])
          .accessor(Access.field(Narrow.class, NAMES[i])).build());
    }
    return b.build();
  }

  private static DirectCodec codec(VmStateDescription d) throws NoSuchFieldException {
    List<Field> fs = new ArrayList<>();
    for (String n : NAMES) {
      fs.add(Narrow.class.getDeclaredField(n));
    }
    return DirectCodecs.generate(d, Narrow.class, fs, MethodHandles.lookup());
  }

  private static void set(Narrow n, int field, long v) {
    switch (field) {
      case 0 -> n.u8 = (int) v;
      case 1 -> n.u16 = (int) v;
      case 2 -> n.s8 = (int) v;
      case 3 -> n.s8s = (short) v;
      case 4 -> n.u8c = (char) v;
      case 5 -> n.s16 = (int) v;
      default -> n.l8 = v;
    }
  }

  @Test
  void everyMemberAcceptsItsCodecsRangeAndRefusesOneStepOutside() throws Exception {
    VmStateDescription walk = description();
    DirectCodec codec = codec(walk);
    for (int f = 0; f < NAMES.length; f++) {
      long lo = RANGES[f][0];
      long hi = RANGES[f][1];
      for (long v : new long[] {lo, hi, (lo + hi) / 2}) {
        Narrow n = new Narrow();
        set(n, f, v);
        VmOutput out = VmOutput.inMemory();
        assertThat(codec.save(n, out)).as("%s = %d", NAMES[f], v).isTrue();
        assertThat(out.toByteArray()).as("%s = %d", NAMES[f], v)
            .isEqualTo(VmState.save(walk, n));
      }
      for (long v : new long[] {lo - 1, hi + 1, Integer.MIN_VALUE, Integer.MAX_VALUE}) {
        Narrow n = new Narrow();
        set(n, f, v);
        long stored = f == 3 ? n.s8s : f == 4 ? n.u8c : v;
        if (stored >= lo && stored <= hi) {
          continue; // the member's own type wrapped it back into range (a short or a char)
        }
        VmOutput out = VmOutput.inMemory();
        assertThat(codec.save(n, out)).as("%s = %d", NAMES[f], v).isFalse();
        assertThat(out.position()).isZero();
      }
    }
  }

  @Test
  void aRefusedSaveLeavesTheBytesBeforeItAndTheNextSaveWritesInItsPlace() throws Exception {
    VmStateDescription walk = description();
    DirectCodec codec = codec(walk);
    VmOutput out = VmOutput.inMemory(new byte[8]);
    out.writeByte(0xa5);
    out.writeShort(0x1234);
    Narrow bad = new Narrow();
    bad.u16 = 0x10000;
    assertThat(codec.save(bad, out)).isFalse();
    assertThat(out.position()).isEqualTo(3);
    assertThat(out.toByteArray()).containsExactly((byte) 0xa5, (byte) 0x12, (byte) 0x34);
    Narrow good = new Narrow();
    good.u16 = 0xffff;
    good.l8 = 7;
    assertThat(codec.save(good, out)).isTrue();
    byte[] expected = VmState.save(walk, good);
    assertThat(out.position()).isEqualTo(3 + expected.length);
    assertThat(java.util.Arrays.copyOfRange(out.toByteArray(), 3, 3 + expected.length))
        .isEqualTo(expected);
  }
}
