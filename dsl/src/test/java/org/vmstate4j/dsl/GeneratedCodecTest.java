package org.vmstate4j.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.vmstate4j.dsl.VmsdDsl.field;
import static org.vmstate4j.dsl.VmsdDsl.vmsd;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.vmstate4j.engine.io.VmInput;
import org.vmstate4j.engine.io.VmOutput;
import org.vmstate4j.engine.json.VmDescWriter;
import org.vmstate4j.engine.model.VmStateDescription;
import org.vmstate4j.engine.state.LoadObserver;
import org.vmstate4j.engine.state.LoadOptions;
import org.vmstate4j.engine.state.VmState;

/**
 * Generated codecs and accessors against the field walk: a save with a JSON description and a
 * load with an observer always walk the fields, so both paths are compared in one JVM.
 */
class GeneratedCodecTest {
  static class Mixed {
    byte b8;
    byte u8;
    short s16;
    short u16;
    char c16;
    int i32;
    int u32;
    long i64;
    long u64;
    boolean flag;
    int wideU8;
    long wideU32;
    short wideI8;
    char wideChar;
    long wideI16;
    private int secret;
  }

  static final VmStateDescription MIXED = vmsd("mixed", Mixed.class)
      .version(3)
      .fields(
          field("b8").int8(),
          field("u8").uint8(),
          field("s16").int16(),
          field("u16").uint16(),
          field("c16").uint16(),
          field("i32").int32(),
          field("u32").uint32(),
          field("i64").int64(),
          field("u64").uint64(),
          field("flag").bool(),
          field("wideU8").uint8(),
          field("wideU32").uint32(),
          field("wideI8").int8(),
          field("wideChar").uint8(),
          field("wideI16").int16(),
          field("secret").int32())
      .build();

  static class Holder {
    Mixed[] items = new Mixed[8];
    Mixed[] ptrs = new Mixed[8];
  }

  static final VmStateDescription HOLDER = vmsd("holder", Holder.class)
      .fields(
          field("items").array(8).struct(MIXED),
          field("ptrs").array(8).ofPointers().autoAlloc(MIXED))
      .build();

  private static Mixed random(SplittableRandom r) {
    Mixed m = new Mixed();
    m.b8 = (byte) r.nextInt();
    m.u8 = (byte) r.nextInt();
    m.s16 = (short) r.nextInt();
    m.u16 = (short) r.nextInt();
    m.c16 = (char) r.nextInt();
    m.i32 = r.nextInt();
    m.u32 = r.nextInt();
    m.i64 = r.nextLong();
    m.u64 = r.nextLong();
    m.flag = r.nextBoolean();
    m.wideU8 = r.nextInt(256);
    m.wideU32 = r.nextLong(1L << 32);
    m.wideI8 = (short) (r.nextInt(256) - 128);
    m.wideChar = (char) r.nextInt(256);
    m.wideI16 = r.nextInt(65536) - 32768;
    m.secret = r.nextInt();
    return m;
  }

  private static byte[] walkSave(VmStateDescription d, Object o) {
    VmOutput out = VmOutput.inMemory();
    VmDescWriter json = VmDescWriter.inMemory();
    json.beginObject();
    VmState.save(d, o, out, json);
    return out.toByteArray();
  }

  private static void walkLoad(VmStateDescription d, Object o, byte[] b, LoadOptions opts) {
    VmState.load(d, o, VmInput.of(b), d.versionId(), opts, new LoadObserver() {});
  }

  private static String state(Object o) {
    return Arrays.toString(VmState.save(MIXED, o));
  }

  @Test
  void flatDescriptionsGetACodecAndAccessorsAreGenerated() {
    assertThat(MIXED.directCodec()).isNotNull();
    assertThat(MIXED.fields().get(0).accessor().getClass().isHidden()).isTrue();
    assertThat(HOLDER.directCodec()).isNull();
  }

  @Test
  void theSameFieldsWithAHookGetNoCodecAndTheSameBytes() {
    // a no-op preSave makes the description not flat: the engine walks its fields
    VmStateDescription hooked = vmsd("mixed", Mixed.class)
        .version(3)
        .fields(MIXED.fields().stream().map(f -> field(f.name()).codec(f.codec()))
            .toArray(FieldSpec[]::new))
        .preSave(m -> { })
        .build();
    assertThat(MIXED.directCodec()).isNotNull();
    assertThat(hooked.directCodec()).isNull();
    SplittableRandom r = new SplittableRandom(7);
    for (int k = 0; k < 50; k++) {
      Mixed m = random(r);
      byte[] fast = VmState.save(MIXED, m);
      assertThat(fast).isEqualTo(VmState.save(hooked, m));
      Mixed a = new Mixed();
      Mixed b = new Mixed();
      VmState.load(MIXED, a, fast);
      VmState.load(hooked, b, fast);
      assertThat(VmState.save(hooked, a)).isEqualTo(VmState.save(hooked, b)).isEqualTo(fast);
    }
  }

  @Test
  void codecWritesAndReadsWhatTheWalkDoes() {
    SplittableRandom r = new SplittableRandom(1);
    for (int k = 0; k < 200; k++) {
      Mixed m = random(r);
      byte[] fast = VmState.save(MIXED, m);
      assertThat(fast).isEqualTo(walkSave(MIXED, m));
      // arbitrary bytes: both paths read them the same way
      byte[] noise = new byte[fast.length];
      r.nextBytes(noise);
      Mixed a = new Mixed();
      Mixed b = new Mixed();
      VmState.load(MIXED, a, noise);
      walkLoad(MIXED, b, noise, LoadOptions.DEFAULT);
      assertThat(walkSave(MIXED, a)).isEqualTo(walkSave(MIXED, b));
      assertThat(a.wideU8).isEqualTo(b.wideU8);
      assertThat(a.wideU32).isEqualTo(b.wideU32);
      assertThat(a.wideI8).isEqualTo(b.wideI8);
      assertThat(a.wideChar).isEqualTo(b.wideChar);
      assertThat(a.flag).isEqualTo(b.flag);
    }
  }

  @Test
  void aValueThatDoesNotFitFailsAsInTheWalk() {
    Mixed m = random(new SplittableRandom(2));
    m.wideU32 = -1;
    Throwable fast = catchThrowable(() -> VmState.save(MIXED, m));
    Throwable walk = catchThrowable(() -> walkSave(MIXED, m));
    assertThat(fast).isNotNull();
    assertThat(fast.getMessage()).isEqualTo(walk.getMessage());
    assertThat(fast.getMessage()).contains("wideU32");

    Holder h = new Holder();
    for (int i = 0; i < 8; i++) {
      h.items[i] = random(new SplittableRandom(i));
    }
    h.items[5].wideU8 = 300;
    Throwable inArray = catchThrowable(() -> VmState.save(HOLDER, h));
    assertThat(inArray.getMessage()).isEqualTo(
        catchThrowable(() -> walkSave(HOLDER, h)).getMessage());
    assertThat(inArray.getMessage()).contains("items[5]/wideU8");
  }

  @Test
  void structArraysAndPointersRoundTripAndRollBack() {
    SplittableRandom r = new SplittableRandom(3);
    Holder src = new Holder();
    for (int i = 0; i < 8; i++) {
      src.items[i] = random(r);
      src.ptrs[i] = i % 3 == 0 ? null : random(r);
    }
    byte[] bytes = VmState.save(HOLDER, src);
    assertThat(bytes).isEqualTo(walkSave(HOLDER, src));

    Holder dst = new Holder();
    for (int i = 0; i < 8; i++) {
      dst.items[i] = random(r);
    }
    String[] before = new String[8];
    Mixed[] identity = dst.items.clone();
    for (int i = 0; i < 8; i++) {
      before[i] = state(dst.items[i]);
    }
    // truncated: the transactional load fails and puts every element back, in place
    Throwable t = catchThrowable(
        () -> VmState.load(HOLDER, dst, Arrays.copyOf(bytes, bytes.length - 3)));
    assertThat(t).isNotNull();
    for (int i = 0; i < 8; i++) {
      assertThat(dst.items[i]).isSameAs(identity[i]);
      assertThat(state(dst.items[i])).isEqualTo(before[i]);
      assertThat(dst.ptrs[i]).isNull();
    }
    Holder walkDst = new Holder();
    for (int i = 0; i < 8; i++) {
      walkDst.items[i] = new Mixed();
    }
    Throwable tw = catchThrowable(() -> walkLoad(HOLDER, walkDst,
        Arrays.copyOf(bytes, bytes.length - 3), LoadOptions.DEFAULT));
    assertThat(t.getMessage()).isEqualTo(tw.getMessage());

    VmState.load(HOLDER, dst, bytes);
    assertThat(VmState.save(HOLDER, dst)).isEqualTo(bytes);
    for (int i = 0; i < 8; i++) {
      assertThat(dst.items[i]).isSameAs(identity[i]);
    }
  }

  @Test
  void nonTransactionalTruncatedLoadsStopWhereTheWalkStops() {
    SplittableRandom r = new SplittableRandom(4);
    Holder src = new Holder();
    for (int i = 0; i < 8; i++) {
      src.items[i] = random(r);
    }
    byte[] bytes = VmState.save(HOLDER, src);
    LoadOptions nonTx = LoadOptions.DEFAULT.withTransactional(false);
    for (int cut : new int[] {0, 1, 30, 37, 200, bytes.length - 1}) {
      byte[] part = Arrays.copyOf(bytes, cut);
      Holder a = new Holder();
      Holder b = new Holder();
      for (int i = 0; i < 8; i++) {
        a.items[i] = new Mixed();
        b.items[i] = new Mixed();
      }
      Throwable fa = catchThrowable(
          () -> VmState.load(HOLDER, a, VmInput.of(part), 1, nonTx));
      Throwable fb = catchThrowable(() -> walkLoad(HOLDER, b, part, nonTx));
      assertThat(fa.getMessage()).isEqualTo(fb.getMessage());
      for (int i = 0; i < 8; i++) {
        assertThat(state(a.items[i])).isEqualTo(state(b.items[i]));
      }
    }
  }

  @Test
  void subsectionsInTheStreamAreRefusedAsByTheWalk() {
    VmStateDescription sub = vmsd("mixed/extra", Mixed.class)
        .fields(field("secret").int32())
        .build();
    VmStateDescription withSub = vmsd("mixed", Mixed.class)
        .version(3)
        .fields(MIXED.fields().stream().map(f -> field(f.name()).codec(f.codec()))
            .toArray(FieldSpec[]::new))
        .subsections(sub)
        .build();
    byte[] bytes = VmState.save(withSub, random(new SplittableRandom(5)));
    Throwable fast = catchThrowable(() -> VmState.load(MIXED, new Mixed(), bytes));
    Throwable walk = catchThrowable(
        () -> walkLoad(MIXED, new Mixed(), bytes, LoadOptions.DEFAULT));
    assertThat(fast).isNotNull();
    assertThat(fast.getMessage()).isEqualTo(walk.getMessage())
        .contains("VM subsection 'mixed/extra' in 'mixed' does not exist");
  }

  @Test
  void everyMutatedByteLoadsOrFailsAsInTheWalk() {
    SplittableRandom r = new SplittableRandom(6);
    Holder src = new Holder();
    for (int i = 0; i < 8; i++) {
      src.items[i] = random(r);
      src.ptrs[i] = i % 3 == 1 ? null : random(r);
    }
    byte[] bytes = VmState.save(HOLDER, src);
    LoadOptions nonTx = LoadOptions.DEFAULT.withTransactional(false);
    for (int at = 0; at < bytes.length; at++) {
      for (int v : new int[] {0x30, 0x31, 0x32, 0x05}) {
        byte[] m = bytes.clone();
        m[at] = (byte) v;
        Holder a = new Holder();
        Holder b = new Holder();
        for (int i = 0; i < 8; i++) {
          a.items[i] = new Mixed();
          b.items[i] = new Mixed();
        }
        Throwable fa = catchThrowable(() -> VmState.load(HOLDER, a, VmInput.of(m), 1, nonTx));
        Throwable fb = catchThrowable(() -> walkLoad(HOLDER, b, m, nonTx));
        assertThat(fa == null ? null : fa.getMessage()).as("byte %d = %d", at, v)
            .isEqualTo(fb == null ? null : fb.getMessage());
        for (int i = 0; i < 8; i++) {
          assertThat(state(a.items[i])).isEqualTo(state(b.items[i]));
          assertThat(a.ptrs[i] == null).isEqualTo(b.ptrs[i] == null);
          if (a.ptrs[i] != null) {
            assertThat(state(a.ptrs[i])).isEqualTo(state(b.ptrs[i]));
          }
        }
      }
    }
  }
}
