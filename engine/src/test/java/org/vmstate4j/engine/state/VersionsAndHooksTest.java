package org.vmstate4j.engine.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.vmstate4j.engine.testing.Fields.scalar;
import static org.vmstate4j.engine.testing.Fields.scalarV;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vmstate4j.engine.VmStateLoadException;
import org.vmstate4j.engine.VmStateSaveException;
import org.vmstate4j.engine.codec.Codec;
import org.vmstate4j.engine.codec.Codecs;
import org.vmstate4j.engine.io.VmInput;
import org.vmstate4j.engine.model.VmStateDescription;
import org.vmstate4j.engine.model.VmStateField;
import org.vmstate4j.engine.model.VmsFlags;
import org.vmstate4j.engine.testing.Access;
import org.vmstate4j.engine.testing.Fields;
import org.vmstate4j.engine.testing.Hex;
import org.vmstate4j.engine.testing.LoadHarness;
import org.vmstate4j.engine.testing.LoadHarness.Cut;

/** Version gates, existence, validation, hooks, subsections and the checking codecs. */
class VersionsAndHooksTest {

  static final class Dev {
    int a;
    int b;
    int count;
    int[] arr = new int[4];
    boolean extra;
    int x;
    List<String> events = new ArrayList<>();
  }

  private static VmStateDescription.Builder dev() {
    return VmStateDescription.builder("dev").versionId(2).minimumVersionId(1);
  }

  private static VmStateLoadException loadFails(VmStateDescription d, Object o, int v,
      String hex) {
    return LoadHarness.loadFails(d, o, v, Hex.bytes(hex));
  }

  private static void load(VmStateDescription d, Object o, int v, String hex) {
    VmInput in = VmInput.of(Hex.bytes(hex));
    VmState.load(d, o, in, v);
    assertThat(in.atEnd()).as("all bytes consumed").isTrue();
  }

  // ------------------------------------------------------------ version gates

  static final VmStateDescription VERSIONED = dev()
      .field(scalar(Dev.class, "a", Codecs.UINT32).build())
      .field(scalarV(Dev.class, "b", Codecs.UINT32, 2))
      .build();

  @Test
  void tooNew() {
    Dev o = new Dev();
    VmStateLoadException e = loadFails(VERSIONED, o, 3, "00000001 00000002");
    assertThat(e.reason()).isEqualTo("incoming version_id 3 is too new for local version_id 2");
    assertThat(e.path()).isEqualTo("dev");
    assertThat(e.offset()).isZero();
    assertThat(o.a).isZero();
  }

  @Test
  void tooOld() {
    VmStateLoadException e = loadFails(VERSIONED, new Dev(), 0, "00000001");
    assertThat(e.reason())
        .isEqualTo("incoming version_id 0 is too old for local minimum version_id 1");
  }

  @Test
  void fieldVersions() {
    Dev o = new Dev();
    o.a = 1;
    o.b = 2;
    assertThat(Hex.str(VmState.save(VERSIONED, o))).isEqualTo("00 00 00 01 00 00 00 02");
    Dev v1 = new Dev();
    v1.b = 99;
    load(VERSIONED, v1, 1, "00000007");
    assertThat(v1.a).isEqualTo(7);
    assertThat(v1.b).as("not in a v1 stream").isEqualTo(99);
    Dev v2 = new Dev();
    load(VERSIONED, v2, 2, "00000007 00000008");
    assertThat(new int[] {v2.a, v2.b}).containsExactly(7, 8);
  }

  @Test
  void existsPredicateGetsTheActiveVersion() {
    List<Integer> seen = new ArrayList<>();
    VmStateDescription d = dev()
        .field(scalar(Dev.class, "a", Codecs.UINT8).exists((obj, v) -> {
          seen.add(v);
          return ((Dev) obj).extra;
        }).build())
        .field(scalar(Dev.class, "b", Codecs.UINT8).build())
        .build();
    Dev o = new Dev();
    o.a = 1;
    o.b = 2;
    assertThat(Hex.str(VmState.save(d, o))).isEqualTo("02");
    o.extra = true;
    assertThat(Hex.str(VmState.save(d, o))).isEqualTo("01 02");
    Dev dst = new Dev();
    dst.extra = true;
    load(d, dst, 1, "05 06");
    assertThat(new int[] {dst.a, dst.b}).containsExactly(5, 6);
    assertThat(seen).containsExactly(2, 2, 1);
  }

  @Test
  void vstructUsesTheFieldsStructVersionStructUsesTheLocalOne() {
    final class Inner {
      int p;
      int q;
    }
    final class Outer {
      Inner in = new Inner();
    }
    VmStateDescription inner = VmStateDescription.builder("inner").versionId(2)
        .minimumVersionId(1)
        .field(scalar(Inner.class, "p", Codecs.UINT8).build())
        .field(scalarV(Inner.class, "q", Codecs.UINT8, 2))
        .build();
    VmStateDescription vstruct = VmStateDescription.builder("outer").versionId(1)
        .field(VmStateField.builder("in").flags(VmsFlags.VSTRUCT).structVersionId(1).vmsd(inner)
            .accessor(Access.field(Outer.class, "in")).build())
        .build();
    VmStateDescription struct = VmStateDescription.builder("outer").versionId(1)
        .field(Fields.struct(Outer.class, "in", inner).build())
        .build();
    Outer o = new Outer();
    o.in.p = 1;
    o.in.q = 2;
    assertThat(Hex.str(VmState.save(vstruct, o))).isEqualTo("01");
    assertThat(Hex.str(VmState.save(struct, o))).isEqualTo("01 02");
    Outer dst = new Outer();
    load(vstruct, dst, 1, "07");
    assertThat(dst.in.p).isEqualTo(7);
    load(struct, dst, 1, "08 09");
    assertThat(new int[] {dst.in.p, dst.in.q}).containsExactly(8, 9);
  }

  // ------------------------------------------------------------ MUST_EXIST and VALIDATE

  /** The hpet pattern: a VALIDATE between the count and the array it sizes. */
  static final VmStateDescription VALIDATED = dev()
      .field(scalar(Dev.class, "count", Codecs.UINT8).build())
      .field(VmStateField.builder("count in range").flags(VmsFlags.ARRAY | VmsFlags.MUST_EXIST)
          .num(0).codec(Codecs.INT32).exists((o, v) -> ((Dev) o).count <= 4).build())
      .field(VmStateField.builder("arr").flags(VmsFlags.VARRAY_UINT8).codec(Codecs.UINT8)
          .count(Access.member(Dev.class, "count")).accessor(Access.field(Dev.class, "arr"))
          .build())
      .build();

  @Test
  void validateReadsNothingWhenItHolds() {
    Dev o = new Dev();
    load(VALIDATED, o, 2, "02 0a 0b");
    assertThat(o.arr).containsExactly(10, 11, 0, 0);
    assertThat(Hex.str(VmState.save(VALIDATED, o))).isEqualTo("02 0a 0b");
  }

  @Test
  void validateFailsBeforeTheArrayIsWalked() {
    Dev o = new Dev();
    VmStateLoadException e = loadFails(VALIDATED, o, 2, "09 01 02 03 04 05 06 07 08 09");
    assertThat(e.reason()).isEqualTo("Input validation failed: version_id: 2");
    assertThat(e.path()).isEqualTo("dev/count in range");
    assertThat(e.offset()).isEqualTo(1);
    assertThat(o.count).as("count put back").isZero();
  }

  @Test
  void validateFailingOnSaveIsASaveError() {
    Dev o = new Dev();
    o.count = 5;
    Throwable t = catchThrowable(() -> VmState.save(VALIDATED, o));
    assertThat(t).isExactlyInstanceOf(VmStateSaveException.class)
        .hasMessageContaining("Output state validation failed: dev/count in range");
  }

  @Test
  void mustExistFieldOfANewerVersion() {
    VmStateDescription d = dev()
        .field(scalar(Dev.class, "a", Codecs.UINT8).versionId(2).addFlags(VmsFlags.MUST_EXIST)
            .build())
        .build();
    VmStateLoadException e = loadFails(d, new Dev(), 1, "01");
    assertThat(e.reason()).isEqualTo("Input validation failed: version_id: 2");
  }

  // ------------------------------------------------------------ hooks

  private static VmStateDescription.Builder hooked(Dev events) {
    return dev()
        .preLoad(o -> ((Dev) o).events.add("pre_load"))
        .postLoad((o, v) -> ((Dev) o).events.add("post_load v" + v))
        .preSave(o -> ((Dev) o).events.add("pre_save"))
        .postSave(o -> ((Dev) o).events.add("post_save"))
        .field(scalar(Dev.class, "a", Codecs.UINT8).build());
  }

  @Test
  void hooksRunInQemuOrderAndPostLoadGetsTheIncomingVersion() {
    Dev o = new Dev();
    VmStateDescription d = hooked(o).build();
    o.a = 3;
    assertThat(VmState.save(d, o)).containsExactly(3);
    load(d, o, 1, "04");
    assertThat(o.a).isEqualTo(4);
    assertThat(o.events).containsExactly("pre_save", "post_save", "pre_load", "post_load v1");
  }

  @Test
  void failingPreLoad() {
    VmStateDescription d = dev()
        .preLoad(o -> {
          throw new IllegalStateException("not ready");
        })
        .field(scalar(Dev.class, "a", Codecs.UINT8).build())
        .build();
    Dev o = new Dev();
    VmStateLoadException e = loadFails(d, o, 2, "04");
    assertThat(e.reason())
        .startsWith("pre load hook failed for: 'dev', version_id: 2, minimum version_id: 1: ")
        .contains("not ready");
    assertThat(e.offset()).isZero();
    assertThat(o.a).isZero();
  }

  @Test
  void failingPostLoadUndoesTheFields() {
    VmStateDescription d = dev()
        .postLoad((o, v) -> {
          throw new IllegalArgumentException("a must be even");
        })
        .field(scalar(Dev.class, "a", Codecs.UINT8).build())
        .build();
    Dev o = new Dev();
    o.a = 2;
    VmStateLoadException e = loadFails(d, o, 2, "05");
    assertThat(e.reason())
        .startsWith("post load hook failed for: dev, version_id: 2, minimum_version: 1: ")
        .contains("a must be even");
    assertThat(o.a).isEqualTo(2);
  }

  @Test
  void failingPreSaveSkipsPostSave() {
    Dev o = new Dev();
    VmStateDescription d = dev()
        .preSave(obj -> {
          throw new IllegalStateException("busy");
        })
        .postSave(obj -> ((Dev) obj).events.add("post_save"))
        .field(scalar(Dev.class, "a", Codecs.UINT8).build())
        .build();
    Throwable t = catchThrowable(() -> VmState.save(d, o));
    assertThat(t).isExactlyInstanceOf(VmStateSaveException.class)
        .hasMessageContaining("pre-save for dev failed: ").hasMessageContaining("busy");
    assertThat(o.events).isEmpty();
  }

  @Test
  void postSaveRunsAfterAFailingField() {
    Dev o = new Dev();
    o.a = 300;
    VmStateDescription d = dev()
        .postSave(obj -> ((Dev) obj).events.add("post_save"))
        .field(scalar(Dev.class, "a", Codecs.UINT8).build())
        .build();
    Throwable t = catchThrowable(() -> VmState.save(d, o));
    assertThat(t).isExactlyInstanceOf(VmStateSaveException.class);
    assertThat(((VmStateSaveException) t).path()).isEqualTo("dev/a");
    assertThat(o.events).containsExactly("post_save");
  }

  // ------------------------------------------------------------ subsections

  static final VmStateDescription SUB = VmStateDescription.builder("dev/sub").versionId(1)
      .minimumVersionId(1).needed(o -> ((Dev) o).extra)
      .field(scalar(Dev.class, "x", Codecs.UINT16).build())
      .build();

  static final VmStateDescription WITH_SUB = dev()
      .field(scalar(Dev.class, "a", Codecs.UINT8).build())
      .subsection(SUB)
      .build();

  private static String sub(String name, String version, String data) {
    byte[] n = name.getBytes(StandardCharsets.US_ASCII);
    return "05 " + String.format("%02x ", n.length) + Hex.str(n) + " " + version + " " + data;
  }

  @Test
  void subsectionWire() {
    Dev o = new Dev();
    o.a = 1;
    o.x = 0x1234;
    assertThat(Hex.str(VmState.save(WITH_SUB, o))).isEqualTo("01");
    o.extra = true;
    assertThat(Hex.str(VmState.save(WITH_SUB, o)))
        .isEqualTo(Hex.norm("01" + sub("dev/sub", "00000001", "12 34")));
    // QEMU's subsection loader stops, successfully, when the name cannot be peeked whole (first
    // half: 01 05 07 "dev/s") or the next byte is not 0x05 (second half: "ub" 00 00 00 01 12 34
    // loads a = 0x75 and stops), so both halves are valid states
    Dev dst = LoadHarness.loadVector(WITH_SUB, Dev::new, 2, VmState.save(WITH_SUB, o),
        EnumSet.of(Cut.FIRST_HALF, Cut.SECOND_HALF));
    assertThat(dst.x).isEqualTo(0x1234);
  }

  @Test
  void unknownSubsectionIsNamed() {
    Dev o = new Dev();
    VmStateLoadException e = loadFails(WITH_SUB, o, 2, "01" + sub("dev/zzz", "00000001", "00"));
    assertThat(e.reason()).isEqualTo("VM subsection 'dev/zzz' in 'dev' does not exist");
    assertThat(e.path()).isEqualTo("dev");
    assertThat(e.offset()).isEqualTo(1);
    assertThat(o.a).isZero();
  }

  @Test
  void subsectionNotOfThisParentEndsTheDescription() {
    // a name without the parent's prefix, or shorter than "dev" + 1: not ours, stop there
    for (String rest : new String[] {sub("other/sub", "00000001", ""), "05 03 64 65 76"}) {
      Dev o = new Dev();
      VmInput in = VmInput.of(Hex.bytes("07 " + rest));
      VmState.load(WITH_SUB, o, in, 2);
      assertThat(o.a).isEqualTo(7);
      assertThat(in.position()).isEqualTo(1);
      assertThat(in.peek(0)).isEqualTo(5);
    }
  }

  @Test
  void subsectionVersionIsReadAsU8() {
    Dev o = new Dev();
    load(WITH_SUB, o, 2, "01" + sub("dev/sub", "00000101", "ab cd"));
    assertThat(o.x).isEqualTo(0xabcd);
    VmStateLoadException e = loadFails(WITH_SUB, new Dev(), 2,
        "01" + sub("dev/sub", "00000102", "ab cd"));
    assertThat(e.reason())
        .isEqualTo("incoming version_id 2 is too new for local version_id 1");
    assertThat(e.path()).isEqualTo("dev/sub");
  }

  @Test
  void failureInsideASubsectionHasItsPath() {
    Dev o = new Dev();
    VmStateLoadException e = loadFails(WITH_SUB, o, 2, "01" + sub("dev/sub", "00000001", "ab"));
    assertThat(e.path()).isEqualTo("dev/sub/x");
    assertThat(e.offset()).isEqualTo(1 + 2 + 7 + 4);
    assertThat(o.a).isZero();
  }

  // ------------------------------------------------------------ int32 le and *_equal

  static final class Checked {
    int v;
    long w;
  }

  private static VmStateDescription checked(Codec codec, String member) {
    return VmStateDescription.builder("chk").versionId(1)
        .field(scalar(Checked.class, member, codec).build())
        .build();
  }

  @Test
  void int32LeAcceptsZeroUpToTheCurrentValue() {
    VmStateDescription d = checked(Codecs.INT32_LE, "v");
    Checked c = new Checked();
    c.v = 4;
    load(d, c, 1, "00000003");
    assertThat(c.v).isEqualTo(3);
    c.v = 4;
    load(d, c, 1, "00000004");
    assertThat(c.v).isEqualTo(4);
    assertThat(loadFails(d, c, 1, "00000005").reason())
        .isEqualTo("Invalid value 5 expecting positive value <= 4");
    assertThat(loadFails(d, c, 1, "ffffffff").reason())
        .isEqualTo("Invalid value -1 expecting positive value <= 4");
    assertThat(c.v).isEqualTo(4);
  }

  @Test
  void equalChecksUseQemusHexText() {
    Checked c = new Checked();
    c.v = 4;
    VmStateLoadException e = loadFails(checked(Codecs.UINT32_EQUAL, "v"), c, 1, "00000005");
    assertThat(e.reason()).isEqualTo("4 != 5");
    assertThat(e.path()).isEqualTo("chk/v");
    assertThat(e.expected()).isEqualTo("4");
    assertThat(e.found()).isEqualTo("5");

    c.v = -1;
    assertThat(loadFails(checked(Codecs.INT32_EQUAL, "v"), c, 1, "0000001a").reason())
        .isEqualTo("ffffffff != 1a");
    c.v = 0x10;
    assertThat(loadFails(checked(Codecs.UINT8_EQUAL, "v"), c, 1, "2f").reason())
        .isEqualTo("10 != 2f");
    c.v = 0xbeef;
    assertThat(loadFails(checked(Codecs.UINT16_EQUAL, "v"), c, 1, "beee").reason())
        .isEqualTo("beef != beee");
    c.w = -1;
    VmStateDescription u64 = checked(Codecs.UINT64_EQUAL, "w");
    assertThat(u64.fields().get(0).typeName()).isEqualTo("int64 equal");
    assertThat(loadFails(u64, c, 1, "00000000 00000000").reason())
        .isEqualTo("ffffffffffffffff != 0");

    c.v = 7;
    load(checked(Codecs.UINT32_EQUAL, "v"), c, 1, "00000007");
    assertThat(c.v).isEqualTo(7);
    assertThat(Hex.str(VmState.save(checked(Codecs.UINT32_EQUAL, "v"), c)))
        .isEqualTo("00 00 00 07");
  }

  @Test
  void queueFieldVersionIsCheckedAgainstTheElement() {
    final class E {
      int b;
    }
    final class Q {
      List<E> q = new ArrayList<>();
    }
    VmStateDescription elem = VmStateDescription.builder("elem").versionId(1).minimumVersionId(1)
        .field(scalar(E.class, "b", Codecs.UINT8).build())
        .build();
    VmStateDescription d = VmStateDescription.builder("q").versionId(2)
        .field(VmStateField.builder("q").codec(Codecs.QTAILQ).vmsd(elem).versionId(2)
            .factory(o -> new E()).accessor(Access.field(Q.class, "q")).build())
        .build();
    Q v1 = new Q();
    load(d, v1, 1, "");
    assertThat(v1.q).as("a field of version 2 is not in a v1 stream").isEmpty();
    VmStateLoadException e = loadFails(d, new Q(), 2, "01 05 00");
    assertThat(e.reason()).isEqualTo("elem too new");
    assertThat(e.path()).isEqualTo("q/q");
  }
}
