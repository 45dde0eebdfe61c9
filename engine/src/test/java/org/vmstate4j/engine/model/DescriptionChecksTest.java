package org.vmstate4j.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.vmstate4j.engine.DescriptionException;
import org.vmstate4j.engine.codec.Codecs;
import org.vmstate4j.engine.testing.Access;

/**
 * QEMU's vmstate_check rules (spec §10) and the engine's storage rules, applied by
 * {@link VmStateDescription.Builder#build()}: each broken rule is a {@link DescriptionException}
 * naming the description and the field.
 */
class DescriptionChecksTest {

  static final class Elem {
    int i;
  }

  static final class Owner {
    int count;
    short shortCount;
    String text;
    short s;
    byte by;
    int i;
    long l;
    Elem e;
    Elem[] elems = new Elem[4];
    int[] ints = new int[4];
    byte[] bytes = new byte[4];
    Integer[] boxed = new Integer[4];
    List<Elem> list = new ArrayList<>();
  }

  static final VmStateDescription ELEM = VmStateDescription.builder("elem").versionId(1)
      .field(VmStateField.builder("i").codec(Codecs.INT32).accessor(Access.field(Elem.class, "i"))
          .build())
      .build();

  private static VmStateField.Builder field(String member) {
    return VmStateField.builder(member).accessor(Access.field(Owner.class, member));
  }

  /** Builds description "dev" with one field and returns the failure. */
  private static DescriptionException fails(VmStateField.Builder f) {
    Throwable t = catchThrowable(() -> VmStateDescription.builder("dev").versionId(1)
        .field(f.build()).build());
    assertThat(t).isExactlyInstanceOf(DescriptionException.class);
    assertThat(t.getMessage()).startsWith("description 'dev', field '" + f.name() + "': ");
    return (DescriptionException) t;
  }

  private static void builds(VmStateField.Builder f) {
    assertThatCode(() -> VmStateDescription.builder("dev").versionId(1).field(f.build()).build())
        .doesNotThrowAnyException();
  }

  private static final int AOP_STRUCT = VmsFlags.ARRAY_OF_POINTER | VmsFlags.STRUCT;

  // ------------------------------------------------------------ QEMU's vmstate_check

  @Test
  void autoAllocWithoutArrayOfPointer() {
    assertThat(fails(field("elems").flags(VmsFlags.ARRAY | VmsFlags.STRUCT
        | VmsFlags.ARRAY_OF_POINTER_AUTO_ALLOC).num(4).vmsd(ELEM).factory(o -> new Elem()))
        .getMessage()).endsWith("ARRAY_OF_POINTER_AUTO_ALLOC needs ARRAY_OF_POINTER");
  }

  @Test
  void arrayOfPointerWithoutArrayOrVarray() {
    assertThat(fails(field("elems").flags(AOP_STRUCT).vmsd(ELEM)).getMessage())
        .endsWith("ARRAY_OF_POINTER needs ARRAY or a VARRAY flag");
  }

  @Test
  void arrayOfPointerWithSizeButNoAutoAlloc() {
    assertThat(fails(field("elems").flags(VmsFlags.ARRAY | AOP_STRUCT).num(4).vmsd(ELEM).size(8))
        .getMessage()).endsWith("ARRAY_OF_POINTER without AUTO_ALLOC must not set a size");
    assertThat(fails(field("elems").flags(VmsFlags.ARRAY | AOP_STRUCT).num(4).vmsd(ELEM)
        .sizeMember(Access.member(Owner.class, "count"))).getMessage())
        .endsWith("ARRAY_OF_POINTER without AUTO_ALLOC must not set a size");
    builds(field("elems").flags(VmsFlags.ARRAY | AOP_STRUCT).num(4).vmsd(ELEM));
  }

  @Test
  void autoAllocNeedsAFactory() {
    int flags = VmsFlags.ARRAY | AOP_STRUCT | VmsFlags.ARRAY_OF_POINTER_AUTO_ALLOC;
    assertThat(fails(field("elems").flags(flags).num(4).vmsd(ELEM)).getMessage())
        .endsWith("ARRAY_OF_POINTER_AUTO_ALLOC needs an element factory");
    // QEMU's size alone allocates in C; in Java it could never load a 0x31 element
    assertThat(fails(field("elems").flags(flags).num(4).vmsd(ELEM).size(4)).getMessage())
        .endsWith("ARRAY_OF_POINTER_AUTO_ALLOC needs an element factory");
    builds(field("elems").flags(flags).num(4).vmsd(ELEM).factory(o -> new Elem()));
    builds(field("elems").flags(flags).num(4).vmsd(ELEM).size(4).factory(o -> new Elem()));
  }

  @Test
  void subsectionNameMustStartWithTheParentName() {
    VmStateDescription sub = VmStateDescription.builder("other/sub").versionId(1)
        .field(field("i").codec(Codecs.INT32).build()).build();
    Throwable t = catchThrowable(() -> VmStateDescription.builder("dev").versionId(1)
        .subsection(sub).build());
    assertThat(t).isExactlyInstanceOf(DescriptionException.class)
        .hasMessage("description 'dev': subsection 'other/sub' must start with the parent name");
  }

  @Test
  void subsectionNamesAreUnique() {
    VmStateDescription sub = VmStateDescription.builder("dev/sub").versionId(1)
        .field(field("i").codec(Codecs.INT32).build()).build();
    Throwable t = catchThrowable(() -> VmStateDescription.builder("dev").versionId(1)
        .subsection(sub).subsection(sub).build());
    assertThat(t).isExactlyInstanceOf(DescriptionException.class)
        .hasMessage("description 'dev': subsection 'dev/sub' appears twice");
  }

  @Test
  void endIsNotAFieldFlag() {
    assertThat(fails(field("i").codec(Codecs.INT32).flags(VmsFlags.END)).getMessage())
        .endsWith("VMS_END is not a field flag");
  }

  // ------------------------------------------------------------ counts, sizes, flags

  @Test
  void varrayRules() {
    assertThat(fails(field("ints").codec(Codecs.INT32).flags(VmsFlags.VARRAY_UINT32))
        .getMessage()).endsWith("a VARRAY field needs a count member");
    assertThat(fails(field("ints").codec(Codecs.INT32)
        .flags(VmsFlags.VARRAY_UINT32 | VmsFlags.VARRAY_UINT8)
        .count(Access.member(Owner.class, "count"))).getMessage())
        .contains("more than one VARRAY flag: VARRAY_UINT8|VARRAY_UINT32");
    assertThat(fails(field("ints").codec(Codecs.INT32)
        .flags(VmsFlags.VARRAY_UINT32 | VmsFlags.ARRAY).num(4)
        .count(Access.member(Owner.class, "count"))).getMessage())
        .endsWith("ARRAY and VARRAY exclude each other");
    assertThat(fails(field("ints").codec(Codecs.INT32).flags(VmsFlags.ARRAY).num(-1))
        .getMessage()).endsWith("negative element count -1");
  }

  @Test
  void countMemberMustHoldTheCountWidth() {
    assertThat(fails(field("ints").codec(Codecs.INT32).flags(VmsFlags.VARRAY_UINT32)
        .count(Access.member(Owner.class, "shortCount"))).getMessage())
        .endsWith("count member 'shortCount' of type short cannot hold a uint32 count");
    assertThat(fails(field("ints").codec(Codecs.INT32).flags(VmsFlags.VARRAY_UINT8)
        .count(Access.member(Owner.class, "text"))).getMessage())
        .endsWith("count member 'text' must be an integer, not java.lang.String");
    builds(field("ints").codec(Codecs.INT32).flags(VmsFlags.VARRAY_UINT16)
        .count(Access.member(Owner.class, "shortCount")));
  }

  @Test
  void bufferAndAllocFlagRules() {
    assertThat(fails(field("bytes").codec(Codecs.BUFFER).flags(VmsFlags.VBUFFER)).getMessage())
        .endsWith("VBUFFER needs a size member");
    assertThat(fails(field("bytes").codec(Codecs.BUFFER).flags(VmsFlags.MULTIPLY).size(2))
        .getMessage()).endsWith("MULTIPLY needs VBUFFER");
    assertThat(fails(field("ints").codec(Codecs.INT32).flags(VmsFlags.ARRAY | VmsFlags.ALLOC)
        .num(4)).getMessage()).endsWith("ALLOC needs POINTER");
  }

  @Test
  void structRules() {
    assertThat(fails(field("e").flags(VmsFlags.STRUCT)).getMessage())
        .endsWith("a struct field needs a nested description");
    assertThat(fails(field("e").flags(VmsFlags.STRUCT | VmsFlags.VSTRUCT).vmsd(ELEM))
        .getMessage()).endsWith("STRUCT and VSTRUCT exclude each other");
    assertThat(fails(field("e")).getMessage())
        .endsWith("a field needs a codec or a nested description");
    assertThat(fails(field("i").flags(VmsFlags.STRUCT).vmsd(ELEM)).getMessage())
        .endsWith("a struct field must be a reference, not int");
  }

  @Test
  void engineOnlyCodecsAndNestedCodecs() {
    assertThat(fails(field("i").codec(Codecs.PTR_MARKER)).getMessage())
        .endsWith("ptr-marker is written by the engine, not declared");
    assertThat(fails(field("list").codec(Codecs.QTAILQ).factory(o -> new Elem())).getMessage())
        .endsWith("qtailq needs a nested description");
    assertThat(fails(field("list").codec(Codecs.QLIST).vmsd(ELEM)).getMessage())
        .endsWith("qlist needs a factory for its objects");
  }

  // ------------------------------------------------------------ storage rules

  @Test
  void uint32IntoAShortMember() {
    assertThat(fails(field("s").codec(Codecs.UINT32)).getMessage())
        .endsWith("member type short cannot hold uint32");
    assertThat(fails(field("by").codec(Codecs.INT16)).getMessage())
        .endsWith("member type byte cannot hold int16");
    assertThat(fails(field("i").codec(Codecs.UINT64)).getMessage())
        .endsWith("member type int cannot hold uint64");
    assertThat(fails(field("i").codec(Codecs.BOOL)).getMessage())
        .endsWith("member type int cannot hold bool");
    builds(field("s").codec(Codecs.UINT16));
    builds(field("l").codec(Codecs.UINT32));
  }

  @Test
  void arrayElementRules() {
    assertThat(fails(field("bytes").codec(Codecs.UINT16).flags(VmsFlags.ARRAY).num(4))
        .getMessage()).endsWith("element type byte cannot hold uint16");
    assertThat(fails(field("i").codec(Codecs.INT32).flags(VmsFlags.ARRAY).num(4)).getMessage())
        .endsWith("an array field needs an array or List member, not int");
    assertThat(fails(field("ints").codec(Codecs.INT32)
        .flags(VmsFlags.ARRAY | VmsFlags.ARRAY_OF_POINTER).num(4)).getMessage())
        .endsWith("elements of an array of pointers must be references, not int");
    builds(field("boxed").codec(Codecs.INT32).flags(VmsFlags.ARRAY | VmsFlags.ARRAY_OF_POINTER)
        .num(4));
  }

  @Test
  void fieldsNeedAnAccessorExceptValidationsAndUnusedBuffers() {
    assertThat(fails(VmStateField.builder("x").codec(Codecs.INT32)).getMessage())
        .endsWith("no accessor: the field is not bound to a member");
    builds(VmStateField.builder("unused").codec(Codecs.UNUSED_BUFFER).flags(VmsFlags.BUFFER)
        .size(4));
    builds(VmStateField.builder("check").codec(Codecs.INT32)
        .flags(VmsFlags.ARRAY | VmsFlags.MUST_EXIST).num(0).exists((o, v) -> true));
  }

  // ------------------------------------------------------------ description rules

  @Test
  void descriptionRules() {
    assertThat(catchThrowable(() -> VmStateDescription.builder("").build()))
        .isExactlyInstanceOf(DescriptionException.class)
        .hasMessage("a description needs a name");
    assertThat(catchThrowable(() -> VmStateDescription.builder("x".repeat(256)).build()))
        .isExactlyInstanceOf(DescriptionException.class)
        .hasMessageEndingWith("name longer than 255 bytes");
    assertThat(catchThrowable(() -> VmStateDescription.builder("dev").versionId(1)
        .minimumVersionId(2).build()))
        .isExactlyInstanceOf(DescriptionException.class)
        .hasMessage("description 'dev': minimum version 2 is above version 1");
    assertThat(catchThrowable(() -> VmStateDescription.builder("dev").versionId(-1).build()))
        .isExactlyInstanceOf(DescriptionException.class)
        .hasMessage("description 'dev': negative version");
    UnaryOperator<VmStateField.Builder> noName = b -> b;
    assertThat(fails(noName.apply(VmStateField.builder("").codec(Codecs.INT32)
        .accessor(Access.field(Owner.class, "i")))).getMessage())
        .endsWith("a field needs a name");
  }
}
