package org.vmstate4j.engine.internal.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.invoke.MethodHandles;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.vmstate4j.engine.codec.Codec;
import org.vmstate4j.engine.codec.Codecs;
import org.vmstate4j.engine.io.VmInput;
import org.vmstate4j.engine.io.VmOutput;
import org.vmstate4j.engine.model.DirectCodec;
import org.vmstate4j.engine.model.VmStateDescription;
import org.vmstate4j.engine.model.VmStateField;
import org.vmstate4j.engine.model.VmsFlags;
import org.vmstate4j.engine.state.VmState;
import org.vmstate4j.engine.testing.Access;

/** The one rule for whole-description codecs, and the codec against the field walk. */
class DirectCodecsTest {
  static class Regs {
    int a;
    short b;
    boolean c;
    long d;
    Integer boxed = 0;
  }

  private static final String[] NAMES = {"a", "b", "c", "d"};
  private static final Codec[] CODECS = {Codecs.UINT32, Codecs.INT16, Codecs.BOOL, Codecs.UINT8};

  private static VmStateField.Builder field(int i) {
    return VmStateField.builder(NAMES[i]).flags(VmsFlags.SINGLE).codec(CODECS[i])
        .accessor(Access.field(Regs.class, NAMES[i]));
  }

  /** The flat description, with {@code change} applied to field {@code at} (-1: none). */
  private static VmStateDescription.Builder regs(int at, UnaryOperator<VmStateField.Builder> change) {
    VmStateDescription.Builder b = VmStateDescription.builder("regs").versionId(2)
        .minimumVersionId(1);
    for (int i = 0; i < NAMES.length; i++) {
      b.field(i == at ? change.apply(field(i)).build() : field(i).build());
    }
    return b;
  }

  private static List<Field> members() throws NoSuchFieldException {
    List<Field> fs = new ArrayList<>();
    for (String n : NAMES) {
      fs.add(Regs.class.getDeclaredField(n));
    }
    return fs;
  }

  private static DirectCodec generate(VmStateDescription d) throws NoSuchFieldException {
    return DirectCodecs.generate(d, Regs.class, members(), MethodHandles.lookup());
  }

  private static Regs sample() {
    Regs r = new Regs();
    r.a = 0xdeadbeef;
    r.b = -2;
    r.c = true;
    r.d = 0xfe;
    return r;
  }

  @Test
  void aFlatDescriptionGetsAGeneratedCodecThatWritesWhatTheWalkWrites() throws Exception {
    VmStateDescription walk = regs(-1, f -> f).build();
    assertThat(DirectCodecs.applies(walk)).isTrue();
    DirectCodec codec = generate(walk);
    assertThat(codec).isNotNull();
    assertThat(codec.getClass().isHidden()).isTrue();
    assertThat(codec.wireBytes()).isEqualTo(4 + 2 + 1 + 1);

    Regs r = sample();
    VmOutput out = VmOutput.inMemory();
    assertThat(codec.save(r, out)).isTrue();
    byte[] walked = VmState.save(walk, r);
    assertThat(out.toByteArray()).isEqualTo(walked)
        .containsExactly(0xde, 0xad, 0xbe, 0xef, 0xff, 0xfe, 1, 0xfe);
    VmStateDescription direct = regs(-1, f -> f).directCodec(codec).build();
    assertThat(VmState.save(direct, r)).isEqualTo(walked);

    Regs back = new Regs();
    assertThat(codec.load(back, VmInput.of(walked))).isTrue();
    assertThat(VmState.save(walk, back)).isEqualTo(walked);
    assertThat(back.d).isEqualTo(0xfe);

    // a value that does not fit its narrower codec: nothing written, the walk reports it
    r.d = 256;
    VmOutput refused = VmOutput.inMemory();
    assertThat(codec.save(r, refused)).isFalse();
    assertThat(refused.position()).isZero();
    assertThat(codec.save(new Object(), refused)).isFalse();
  }

  @Test
  void descriptionsThatAreNotFlatGetNoCodec() throws Exception {
    List<VmStateDescription> notFlat = List.of(
        regs(-1, f -> f).preSave(o -> { }).build(),
        regs(-1, f -> f).postLoad((o, v) -> { }).build(),
        regs(-1, f -> f).subsection(VmStateDescription.builder("regs/sub").versionId(1)
            .minimumVersionId(1).field(field(0).build()).build()).build(),
        regs(0, f -> f.addFlags(VmsFlags.MUST_EXIST)).build(),
        regs(0, f -> f.exists((o, v) -> true)).build(),
        regs(0, f -> f.versionId(3)).build(),
        regs(0, f -> f.codec(Codecs.INT32_EQUAL)).build(),
        regs(0, f -> f.accessor(Access.field(Regs.class, "boxed"))).build());
    for (VmStateDescription d : notFlat) {
      assertThat(DirectCodecs.applies(d)).as(d.toString()).isFalse();
      assertThat(generate(d)).as(d.toString()).isNull();
    }
    // flat, but a member the codec could not write
    VmStateDescription flat = regs(-1, f -> f).build();
    List<Field> wrong = new ArrayList<>(members());
    wrong.set(0, null);
    assertThat(DirectCodecs.generate(flat, Regs.class, wrong, MethodHandles.lookup())).isNull();
    assertThat(DirectCodecs.generate(flat, Regs.class, members().subList(0, 3),
        MethodHandles.lookup())).isNull();
  }

  @Test
  void aCodecAttachedToADescriptionThatIsNotFlatIsNeverUsed() throws Exception {
    DirectCodec codec = generate(regs(-1, f -> f).build());
    int[] calls = new int[2]; // saves, loads
    DirectCodec counting = new DirectCodec() {
      @Override
      public int wireBytes() {
        return codec.wireBytes();
      }

      @Override
      public boolean save(Object obj, VmOutput out) {
        calls[0]++;
        return codec.save(obj, out);
      }

      @Override
      public boolean load(Object obj, VmInput in) {
        calls[1]++;
        return codec.load(obj, in);
      }
    };
    VmStateDescription hooked = regs(-1, f -> f).preSave(o -> { }).directCodec(counting).build();
    Regs r = sample();
    byte[] bytes = VmState.save(hooked, r);
    VmState.load(hooked, new Regs(), bytes);
    assertThat(calls).containsExactly(0, 0);
    VmStateDescription flat = regs(-1, f -> f).directCodec(counting).build();
    assertThat(VmState.save(flat, r)).isEqualTo(bytes);
    assertThat(calls).containsExactly(1, 0);
    Regs back = new Regs();
    VmState.load(flat, back, bytes);
    assertThat(calls[1]).isEqualTo(1);
    assertThat(VmState.save(hooked, back)).isEqualTo(bytes);
  }
}
