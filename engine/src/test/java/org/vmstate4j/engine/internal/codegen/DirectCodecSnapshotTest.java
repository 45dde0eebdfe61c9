package org.vmstate4j.engine.internal.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.lang.invoke.MethodHandles;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.vmstate4j.engine.VmStateLoadException;
import org.vmstate4j.engine.codec.Codec;
import org.vmstate4j.engine.codec.Codecs;
import org.vmstate4j.engine.io.VmInput;
import org.vmstate4j.engine.io.VmOutput;
import org.vmstate4j.engine.model.DirectCodec;
import org.vmstate4j.engine.model.VmStateDescription;
import org.vmstate4j.engine.model.VmStateField;
import org.vmstate4j.engine.model.VmsFlags;
import org.vmstate4j.engine.state.LoadOptions;
import org.vmstate4j.engine.state.VmState;
import org.vmstate4j.engine.testing.Access;

/**
 * The undo record of a generated codec (snapshot and restore of raw members) and its in-place
 * load, alone and in transactional loads of struct arrays that fail in the middle of the array,
 * after it, or not at all (a dry run).
 */
class DirectCodecSnapshotTest {
  static class Wide {
    boolean flag;
    byte b8;
    short s16;
    char c16;
    int i32;
    long i64;
    // members wider than their codec: they can hold what the save refuses
    int wideU8;
    short wideI8;
    long wideU32;
    char wideChar;
  }

  private static final String[] NAMES = {"flag", "b8", "s16", "c16", "i32", "i64", "wideU8",
      "wideI8", "wideU32", "wideChar"};
  private static final Codec[] CODECS = {Codecs.BOOL, Codecs.INT8, Codecs.INT16, Codecs.UINT16,
      Codecs.INT32, Codecs.INT64, Codecs.UINT8, Codecs.INT8, Codecs.UINT32, Codecs.UINT8};
  /** Wire bytes of one Wide. */
  private static final int WIRE = 1 + 1 + 2 + 2 + 4 + 8 + 1 + 1 + 4 + 1;
  private static final int N = 6;

  static class Dev {
    Wide[] items = new Wide[N];
    int tail;
  }

  private static final DirectCodec CODEC = codec();
  private static final VmStateDescription WIDE = wide().directCodec(CODEC).build();
  private static final VmStateDescription DEV = VmStateDescription.builder("test/dev")
      .versionId(1).minimumVersionId(1)
      .field(VmStateField.builder("items").flags(VmsFlags.ARRAY | VmsFlags.STRUCT).num(N)
          .vmsd(WIDE).accessor(Access.field(Dev.class, "items")).build())
      // an _equal check: a stream whose tail differs from the destination's fails after the
      // array
      .field(VmStateField.builder("tail").flags(VmsFlags.SINGLE).codec(Codecs.INT32_EQUAL)
          .accessor(Access.field(Dev.class, "tail")).build())
      .build();

  private static VmStateDescription.Builder wide() {
    VmStateDescription.Builder b = VmStateDescription.builder("test/wide").versionId(1)
        .minimumVersionId(1);
    for (int i = 0; i < NAMES.length; i++) {
      b.field(VmStateField.builder(NAMES[i]).flags(VmsFlags.SINGLE).codec(CODECS[i])
          .accessor(Access.field(Wide.class, NAMES[i])).build());
    }
    return b;
  }

  private static DirectCodec codec() {
    try {
      List<Field> fs = new ArrayList<>();
      for (String n : NAMES) {
        fs.add(Wide.class.getDeclaredField(n));
      }
      DirectCodec c = DirectCodecs.generate(wide().build(), Wide.class, fs,
          MethodHandles.lookup());
      if (c == null) {
        throw new AssertionError("no codec for a flat description");
      }
      return c;
    } catch (NoSuchFieldException e) {
      throw new AssertionError(e);
    }
  }

  /** Every member, as the bits it holds. */
  private static List<Long> members(Wide w) {
    return List.of(w.flag ? 1L : 0L, (long) w.b8, (long) w.s16, (long) w.c16, (long) w.i32,
        w.i64, (long) w.wideU8, (long) w.wideI8, w.wideU32, (long) w.wideChar);
  }

  /** Values in every member's wire range. */
  private static Wide inRange(SplittableRandom r) {
    Wide w = new Wide();
    w.flag = r.nextBoolean();
    w.b8 = (byte) r.nextInt();
    w.s16 = (short) r.nextInt();
    w.c16 = (char) r.nextInt();
    w.i32 = r.nextInt();
    w.i64 = r.nextLong();
    w.wideU8 = r.nextInt(256);
    w.wideI8 = (short) (r.nextInt(256) - 128);
    w.wideU32 = r.nextLong(1L << 32);
    w.wideChar = (char) r.nextInt(256);
    return w;
  }

  /** Extremes of every member's Java type, the wide ones outside what their codec saves. */
  private static Wide outOfRange(int k) {
    Wide w = new Wide();
    w.flag = true;
    w.b8 = Byte.MIN_VALUE;
    w.s16 = Short.MIN_VALUE;
    w.c16 = Character.MAX_VALUE;
    w.i32 = Integer.MIN_VALUE + k;
    w.i64 = Long.MIN_VALUE + k;
    w.wideU8 = k % 2 == 0 ? -1 : 256 + k;
    w.wideI8 = (short) (k % 2 == 0 ? -129 : 1000 + k);
    w.wideU32 = k % 2 == 0 ? -5L : (1L << 32) + k;
    w.wideChar = (char) (0x100 + k);
    return w;
  }

  @Test
  void snapshotsRestoreEveryMemberExactlyEvenValuesTheSaveRefuses() {
    // one int a member, two for the long ones
    assertThat(CODEC.snapshotInts()).isEqualTo(NAMES.length + 2);
    SplittableRandom r = new SplittableRandom(11);
    for (Wide w : List.of(inRange(r), inRange(r), outOfRange(0), outOfRange(1), new Wide())) {
      List<Long> before = members(w);
      int[] snap = new int[CODEC.snapshotInts() + 3];
      Arrays.fill(snap, 0x5a5a5a5a);
      assertThat(CODEC.snapshot(w, snap, 2)).isTrue();
      // nothing outside its ints
      assertThat(snap[0]).isEqualTo(0x5a5a5a5a);
      assertThat(snap[1]).isEqualTo(0x5a5a5a5a);
      assertThat(snap[snap.length - 1]).isEqualTo(0x5a5a5a5a);
      Wide other = inRange(r);
      CODEC.restore(other, snap, 2);
      assertThat(members(other)).isEqualTo(before);
      assertThat(members(w)).isEqualTo(before);
    }
    assertThat(CODEC.save(outOfRange(0), VmOutput.inMemory())).isFalse();
    int[] untouched = new int[CODEC.snapshotInts()];
    assertThat(CODEC.snapshot(new Object(), untouched, 0)).isFalse();
    assertThat(CODEC.snapshot(null, untouched, 0)).isFalse();
    assertThat(untouched).containsOnly(0);
  }

  @Test
  void theInPlaceLoadReadsWhatTheStreamLoadReads() {
    SplittableRandom r = new SplittableRandom(12);
    Wide w = inRange(r);
    VmOutput out = VmOutput.inMemory();
    out.writeByte(0x77);
    assertThat(CODEC.save(w, out)).isTrue();
    byte[] bytes = out.toByteArray();
    assertThat(bytes).hasSize(1 + WIRE);
    Wide a = new Wide();
    Wide b = new Wide();
    assertThat(CODEC.load(a, bytes, 1)).isTrue();
    assertThat(CODEC.load(b, VmInput.of(bytes, 1, WIRE))).isTrue();
    assertThat(members(a)).isEqualTo(members(b)).isEqualTo(members(w));
    assertThat(CODEC.load(new Object(), bytes, 1)).isFalse();
  }

  /** A destination whose elements hold values the save would refuse. */
  private static Dev destination() {
    Dev d = new Dev();
    for (int i = 0; i < N; i++) {
      d.items[i] = outOfRange(i);
    }
    d.tail = 7;
    return d;
  }

  private static byte[] stream(int tail) {
    SplittableRandom r = new SplittableRandom(13);
    Dev src = new Dev();
    for (int i = 0; i < N; i++) {
      src.items[i] = inRange(r);
    }
    src.tail = tail;
    byte[] bytes = VmState.save(DEV, src);
    assertThat(bytes).hasSize(N * WIRE + 4);
    return bytes;
  }

  /** Loads {@code bytes} into a fresh destination and checks it is exactly as it was. */
  private static Throwable failsAndPutsBack(byte[] bytes, LoadOptions options) {
    Dev d = destination();
    Wide[] identity = d.items.clone();
    Throwable t = catchThrowable(() -> VmState.load(DEV, d, VmInput.of(bytes), 1, options));
    Dev fresh = destination();
    for (int i = 0; i < N; i++) {
      assertThat(d.items[i]).isSameAs(identity[i]);
      assertThat(members(d.items[i])).as("element %d", i).isEqualTo(members(fresh.items[i]));
    }
    assertThat(d.tail).isEqualTo(7);
    return t;
  }

  @Test
  void aFailureAfterTheArrayPutsEveryElementBack() {
    Throwable t = failsAndPutsBack(stream(8), LoadOptions.DEFAULT);
    assertThat(t).isInstanceOf(VmStateLoadException.class);
    // the same stream with the destination's tail loads
    Dev d = destination();
    VmState.load(DEV, d, stream(7));
    assertThat(members(d.items[3])).isNotEqualTo(members(outOfRange(3)));
    assertThat(VmState.save(DEV, d)).isEqualTo(stream(7));
  }

  @Test
  void aFailureInTheMiddleOfTheArrayPutsEveryElementBack() {
    byte[] bytes = stream(7);
    // cut inside element 3: its bytes are not all there
    Throwable cut = failsAndPutsBack(Arrays.copyOf(bytes, 3 * WIRE + 5), LoadOptions.DEFAULT);
    assertThat(cut).isInstanceOf(VmStateLoadException.class);
    assertThat(((VmStateLoadException) cut).path()).contains("items[3]");
    // element 3 followed by a subsection the element description does not have
    byte[] sub = bytes.clone();
    byte[] name = "test/wide/x".getBytes(StandardCharsets.ISO_8859_1);
    sub[4 * WIRE] = 0x05;
    sub[4 * WIRE + 1] = (byte) name.length;
    System.arraycopy(name, 0, sub, 4 * WIRE + 2, name.length);
    Throwable marker = failsAndPutsBack(sub, LoadOptions.DEFAULT);
    assertThat(marker).hasMessageContaining("VM subsection 'test/wide/x' in 'test/wide'");
  }

  /** {@code bytes} as a stream that hands out at most {@code piece} bytes a read. */
  private static VmInput trickle(byte[] bytes, int piece) {
    return VmInput.of(new java.io.ByteArrayInputStream(bytes) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, piece));
      }
    });
  }

  @Test
  void aStreamLoadsAsTheBytesDoAndPutsEveryElementBackWhenCut() {
    byte[] bytes = stream(7);
    for (int piece : new int[] {1, 7, WIRE, WIRE + 1, 1000}) {
      for (boolean tx : new boolean[] {true, false}) {
        Dev d = destination();
        VmState.load(DEV, d, trickle(bytes, piece), 1,
            LoadOptions.DEFAULT.withTransactional(tx));
        assertThat(VmState.save(DEV, d)).as("%d bytes a read", piece).isEqualTo(bytes);
      }
      Dev d = destination();
      Wide[] identity = d.items.clone();
      Throwable t = catchThrowable(() -> VmState.load(DEV, d,
          trickle(Arrays.copyOf(bytes, 4 * WIRE + 3), piece), 1, LoadOptions.DEFAULT));
      assertThat(t).isInstanceOf(VmStateLoadException.class);
      assertThat(((VmStateLoadException) t).path()).contains("items[4]");
      for (int i = 0; i < N; i++) {
        assertThat(d.items[i]).isSameAs(identity[i]);
        assertThat(members(d.items[i])).isEqualTo(members(outOfRange(i)));
      }
    }
  }

  @Test
  void aDryRunLoadsEverythingAndPutsEveryElementBack() {
    Throwable t = failsAndPutsBack(stream(7), LoadOptions.DEFAULT.withDryRun(true));
    assertThat(t).isNull();
  }
}
