package org.vmstate4j.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.vmstate4j.dsl.VmsdDsl.field;
import static org.vmstate4j.dsl.VmsdDsl.validate;
import static org.vmstate4j.dsl.VmsdDsl.vmsd;

import org.junit.jupiter.api.Test;
import org.vmstate4j.engine.DescriptionException;
import org.vmstate4j.engine.VmStateLoadException;
import org.vmstate4j.engine.VmStateSaveException;
import org.vmstate4j.engine.model.VmStateDescription;
import org.vmstate4j.engine.state.VmState;

/**
 * Subsections, exists tests and hooks written for another class than the description's: build()
 * rejects what it can know; an erased lambda that only fails when it runs is reported at its
 * field with the offset and both classes, not as a bare ClassCastException of the description.
 */
class ClassMismatchTest {
  static class Base {
    boolean extra;
  }

  static final class Dev extends Base {
    int a = 1;
    int c = 2;
    int x = 3;
    boolean skip;
  }

  static final class E {
    boolean skip;
    int x;
  }

  static final String DEV = Dev.class.getName();
  static final String E_NAME = E.class.getName();

  @Test
  void aSubsectionBuiltForAnotherClassIsRejected() {
    VmStateDescription sub = vmsd("dev/sub", E.class).needed(e -> !e.skip)
        .fields(field("x").uint32()).build();
    assertThatThrownBy(() -> vmsd("dev", Dev.class).fields(field("a").uint32())
            .subsections(sub).build())
        .isInstanceOf(DescriptionException.class)
        .hasMessageStartingWith("description 'dev', subsection 'dev/sub': built for " + E_NAME)
        .hasMessageContaining("parent's object")
        .hasMessageContaining("'dev' describes " + DEV)
        .hasMessageContaining("vmsd(\"dev/sub\", Dev.class)");
  }

  @Test
  void aSubsectionOfASuperclassIsAccepted() {
    VmStateDescription sub = vmsd("dev/extra", Base.class).needed(b -> b.extra)
        .fields(field("extra").bool()).build();
    VmStateDescription d = vmsd("dev", Dev.class).fields(field("a").uint32())
        .subsections(sub).build();
    Dev src = new Dev();
    src.extra = true;
    Dev dst = new Dev();
    VmState.load(d, dst, VmState.save(d, src));
    assertThat(dst.extra).isTrue();
  }

  @Test
  void aTypedExistsTestForAnotherClassIsRejected() {
    assertThatThrownBy(() -> vmsd("dev", Dev.class)
            .fields(field("a").uint32(), field("c").uint32().existsIf(E.class, (e, v) -> !e.skip))
            .build())
        .isInstanceOf(DescriptionException.class)
        .hasMessage("description 'dev', field 'c': the existsIf test is written for " + E_NAME
            + ", but description 'dev' describes " + DEV);
    // the description's class or a superclass of it is fine
    VmStateDescription d = vmsd("dev", Dev.class)
        .fields(field("a").uint32(), field("c").uint32().existsIf(Dev.class, (e, v) -> !e.skip),
            field("x").uint32().existsIf(Base.class, (b, v) -> b.extra))
        .build();
    assertThat(VmState.save(d, new Dev())).hasSize(8);
  }

  @Test
  void aTypedValidateTestForAnotherClassIsRejected() {
    assertThatThrownBy(() -> vmsd("dev", Dev.class)
            .fields(field("a").uint32(), validate("sane", E.class, e -> !e.skip)).build())
        .isInstanceOf(DescriptionException.class)
        .hasMessage("description 'dev', field 'sane': the validate test is written for " + E_NAME
            + ", but description 'dev' describes " + DEV);
    VmStateDescription d = vmsd("dev", Dev.class)
        .fields(field("a").uint32(), validate("sane", Dev.class, e -> e.a < 10)).build();
    Dev dst = new Dev();
    VmState.load(d, dst, new byte[] {0, 0, 0, 9});
    assertThat(dst.a).isEqualTo(9);
  }

  /** The lambda's parameter type is erased: nothing to check at build(), the run names it all. */
  @Test
  void anErasedExistsTestForAnotherClassFailsAtItsFieldWithBothClasses() {
    VmStateDescription d = vmsd("dev", Dev.class)
        .fields(field("a").uint32(), field("c").uint32().existsIf((E e, int v) -> !e.skip))
        .build();
    VmStateSaveException s = catchThrowableOfType(VmStateSaveException.class,
        () -> VmState.save(d, new Dev()));
    assertThat(s.path()).isEqualTo("dev/c");
    assertThat(s.offset()).isEqualTo(4);
    assertThat(s.getMessage()).startsWith("dev/c @4 (0x4): field_exists test failed on a " + DEV
        + " (written for another class?): ClassCastException: ").contains(E_NAME);

    VmStateLoadException l = catchThrowableOfType(VmStateLoadException.class,
        () -> VmState.load(d, new Dev(), new byte[8]));
    assertThat(l.path()).isEqualTo("dev/c");
    assertThat(l.offset()).isEqualTo(4);
    assertThat(l.getMessage()).contains(DEV).contains(E_NAME);
  }

  @Test
  void anErasedValidateTestForAnotherClassFailsAtItsField() {
    VmStateDescription d = vmsd("dev", Dev.class)
        .fields(field("a").uint32(), validate("sane", (E e) -> !e.skip)).build();
    VmStateLoadException l = catchThrowableOfType(VmStateLoadException.class,
        () -> VmState.load(d, new Dev(), new byte[4]));
    assertThat(l.path()).isEqualTo("dev/sane");
    assertThat(l.offset()).isEqualTo(4);
    assertThat(l.getMessage()).contains(DEV).contains(E_NAME);
  }

  @Test
  void anUncheckedNeededOrPostSaveFailsAtItsSubsectionOrDescription() {
    // an engine-level subsection has no class to check at build(); its needed() casts
    VmStateDescription sub = VmStateDescription.builder("dev/sub").versionId(1)
        .needed(o -> !((E) o).skip)
        .build();
    VmStateDescription d = vmsd("dev", Dev.class).fields(field("a").uint32())
        .subsections(sub).build();
    VmStateSaveException s = catchThrowableOfType(VmStateSaveException.class,
        () -> VmState.save(d, new Dev()));
    assertThat(s.path()).isEqualTo("dev/sub");
    assertThat(s.offset()).isEqualTo(4);
    assertThat(s.getMessage()).contains("needed test of dev/sub failed on a " + DEV)
        .contains(E_NAME);

    VmStateDescription p = VmStateDescription.builder("dev").versionId(1)
        .postSave(o -> ((E) o).skip = true)
        .build();
    VmStateSaveException ps = catchThrowableOfType(VmStateSaveException.class,
        () -> VmState.save(p, new Dev()));
    assertThat(ps.path()).isEqualTo("dev");
    assertThat(ps.getMessage()).contains("post-save for dev failed on a " + DEV)
        .contains(E_NAME);
  }
}
