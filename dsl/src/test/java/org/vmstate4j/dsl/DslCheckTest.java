package org.vmstate4j.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.vmstate4j.dsl.VmsdDsl.field;
import static org.vmstate4j.dsl.VmsdDsl.vmsd;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.vmstate4j.dsl.qemu.PitChannel;
import org.vmstate4j.engine.DescriptionException;
import org.vmstate4j.engine.VmStateLoadException;
import org.vmstate4j.engine.VmStateSaveException;
import org.vmstate4j.engine.model.VmStateDescription;
import org.vmstate4j.engine.state.VmState;

/** Mistakes surface when a description is built; values that do not fit fail with a path. */
class DslCheckTest {
  static final class Dev {
    private int count;
    private short small;
    private long wide;
    private byte b;
    private PitChannel[] items = new PitChannel[2];
    private int[] regs = new int[4];
    private String name = "x";
  }

  @Test
  void unknownFieldNameIsReportedWithTheClassFields() {
    assertThatThrownBy(() -> vmsd("dev", Dev.class).fields(field("nope").uint32()).build())
        .isInstanceOf(DescriptionException.class)
        .hasMessageContaining("description 'dev', field 'nope'")
        .hasMessageContaining("has no field 'nope'")
        .hasMessageContaining("count");
  }

  @Test
  void javaTypeThatCannotHoldTheWireTypeIsRejected() {
    assertThatThrownBy(() -> vmsd("dev", Dev.class).fields(field("small").uint32()).build())
        .isInstanceOf(DescriptionException.class)
        .hasMessageContaining("field 'small'")
        .hasMessageContaining("cannot hold uint32");
    assertThatThrownBy(() -> vmsd("dev", Dev.class).fields(field("name").uint8()).build())
        .isInstanceOf(DescriptionException.class)
        .hasMessageContaining("java.lang.String cannot hold uint8");
    assertThatThrownBy(() -> vmsd("dev", Dev.class).fields(field("count").uint64()).build())
        .isInstanceOf(DescriptionException.class);
  }

  @Test
  void countFieldAfterItsArrayIsRejected() {
    assertThatThrownBy(() -> vmsd("dev", Dev.class)
            .fields(field("regs").varrayUint32("count").uint32(), field("count").uint32())
            .build())
        .isInstanceOf(DescriptionException.class)
        .hasMessageContaining("count field 'count' comes after its array");
  }

  @Test
  void autoAllocWithoutOfPointersIsRejected() {
    assertThatThrownBy(() -> vmsd("dev", Dev.class)
            .fields(field("items").array(2).autoAlloc(PitChannel.VMSD))
            .build())
        .isInstanceOf(DescriptionException.class)
        .hasMessageContaining("autoAlloc needs ofPointers()");
  }

  @Test
  void engineRulesApplyToo() {
    assertThatThrownBy(() -> vmsd("dev", Dev.class)
            .fields(field("items").ofPointers().struct(PitChannel.VMSD))
            .build())
        .isInstanceOf(DescriptionException.class)
        .hasMessageContaining("ARRAY_OF_POINTER needs ARRAY or a VARRAY flag");
    assertThatThrownBy(() -> vmsd("dev", Dev.class)
            .subsections(vmsd("other/sub", Dev.class).build())
            .build())
        .isInstanceOf(DescriptionException.class)
        .hasMessageContaining("must start with the parent name");
  }

  @Test
  void missingWireTypeIsRejected() {
    assertThatThrownBy(() -> vmsd("dev", Dev.class).fields(field("count")).build())
        .isInstanceOf(DescriptionException.class)
        .hasMessageContaining("no wire type");
  }

  @Test
  void narrowerWireValuesLiveInWiderFieldsAndDoNotTruncate() {
    VmStateDescription d = vmsd("dev", Dev.class)
        .fields(field("wide").uint8(), field("count").uint32(), field("b").uint8())
        .build();
    Dev dev = new Dev();
    dev.wide = 200;
    dev.count = -1; // uint32 0xffffffff in an int: the bit pattern
    dev.b = (byte) 0xff; // uint8 255 in a byte
    byte[] bytes = VmState.save(d, dev);
    assertThat(HexFormat.of().formatHex(bytes)).isEqualTo("c8" + "ffffffff" + "ff");
    Dev back = new Dev();
    VmState.load(d, back, bytes);
    assertThat(back.wide).isEqualTo(200);
    assertThat(back.count).isEqualTo(-1);
    assertThat(back.b).isEqualTo((byte) 0xff);

    dev.wide = 300;
    assertThatThrownBy(() -> VmState.save(d, dev))
        .isInstanceOf(VmStateSaveException.class)
        .hasMessageContaining("dev/wide")
        .hasMessageContaining("does not fit uint8")
        .hasMessageContaining("found 300");
    dev.wide = -1;
    assertThatThrownBy(() -> VmState.save(d, dev)).isInstanceOf(VmStateSaveException.class);
  }

  @Test
  void fixedArraysCheckTheDestinationCapacity() {
    VmStateDescription d = vmsd("dev", Dev.class)
        .fields(field("count").uint32(), field("regs").varrayUint32("count").uint32())
        .build();
    byte[] stream = HexFormat.of().parseHex("00000005" + "00000001".repeat(5));
    Dev dev = new Dev();
    assertThatThrownBy(() -> VmState.load(d, dev, stream))
        .isInstanceOf(VmStateLoadException.class)
        .hasMessageContaining("dev/regs")
        .hasMessageContaining("exceeds the destination's capacity");
    assertThat(dev.count).isZero();
  }

  @Test
  void snakeCaseNamesBindToCamelCaseFieldsAndMemberOverrides() {
    class Regs {
      long dmaAddr;
      int other;
    }
    VmStateDescription d = vmsd("regs", Regs.class)
        .fields(field("dma_addr").uint64(), field("renamed").member("other").uint32())
        .build();
    Regs r = new Regs();
    r.dmaAddr = 5;
    r.other = 6;
    assertThat(HexFormat.of().formatHex(VmState.save(d, r)))
        .isEqualTo("0000000000000005" + "00000006");
  }

  static final class Chan {
    int count;
    long irqDisabled;
  }

  static final class Timer3 {
    Chan[] chans = {new Chan(), new Chan()};
    int other;
  }

  @Test
  void membersOfNestedObjectsBindThroughAPathAndRollBack() {
    VmStateDescription d = vmsd("t3", Timer3.class)
        .fields(field("chans[1].irq_disabled").uint32(), field("other").uint32())
        .build();
    Timer3 t = new Timer3();
    t.chans[1].irqDisabled = 9;
    assertThat(HexFormat.of().formatHex(VmState.save(d, t))).isEqualTo("00000009" + "00000000");
    Timer3 back = new Timer3();
    VmState.load(d, back, HexFormat.of().parseHex("00000007" + "00000001"));
    assertThat(back.chans[1].irqDisabled).isEqualTo(7);
    assertThat(back.chans[0].irqDisabled).isZero();
    // a failure after the path member loaded puts it back
    assertThatThrownBy(() -> VmState.load(d, back, HexFormat.of().parseHex("00000005" + "0000")))
        .isInstanceOf(VmStateLoadException.class);
    assertThat(back.chans[1].irqDisabled).isEqualTo(7);
    assertThatThrownBy(() -> vmsd("t3", Timer3.class).fields(field("chans[1].nope").uint32()).build())
        .isInstanceOf(DescriptionException.class)
        .hasMessageContaining("cannot bind 'chans[1].nope'")
        .hasMessageContaining("Chan has no field 'nope'");
    assertThatThrownBy(() -> vmsd("t3", Timer3.class).fields(field("other[1].x").uint32()).build())
        .isInstanceOf(DescriptionException.class)
        .hasMessageContaining("'other' is not an array of objects");
  }

  static final class QElem {
    int v;
    static final VmStateDescription VMSD =
        vmsd("q-elem", QElem.class).version(1).fields(field("v").uint32()).build();
  }

  static final class QHolder {
    java.util.List<QElem> q = new java.util.ArrayList<>();
  }

  @Test
  void qtailqWithoutSinceIsRejectedBecauseItsOwnStreamWouldNotLoad() {
    // QEMU's get_qtailq compares the field's version_id (0 without _V) with the element's
    // minimum_version_id (1): "too old" on load of what save just wrote
    assertThatThrownBy(() -> vmsd("holder", QHolder.class)
            .fields(field("q").qtailq(QElem.VMSD)).build())
        .isInstanceOf(DescriptionException.class)
        .hasMessageContaining("description 'holder', field 'q'")
        .hasMessageContaining("q-elem")
        .hasMessageContaining("add .since(1)");
    VmStateDescription ok = vmsd("holder", QHolder.class)
        .fields(field("q").qtailq(QElem.VMSD).since(1)).build();
    QHolder h = new QHolder();
    QElem e = new QElem();
    e.v = 7;
    h.q.add(e);
    QHolder back = new QHolder();
    VmState.load(ok, back, VmState.save(ok, h));
    assertThat(back.q).singleElement().extracting(x -> x.v).isEqualTo(7);
  }

  static final class Other {
    int v;
    static final VmStateDescription VMSD =
        vmsd("other", Other.class).version(1).fields(field("v").uint32()).build();
  }

  static final class Holder2 {
    QElem one = new QElem();
    QElem[] many = new QElem[2];
    java.util.List<QElem> q = new java.util.ArrayList<>();
  }

  @Test
  void structDescriptionOfAnotherClassIsRejected() {
    assertThatThrownBy(() -> vmsd("h2", Holder2.class)
            .fields(field("one").struct(Other.VMSD)).build())
        .isInstanceOf(DescriptionException.class)
        .hasMessageContaining("description 'h2', field 'one'")
        .hasMessageContaining("'other' describes " + Other.class.getName())
        .hasMessageContaining("holds " + QElem.class.getName());
  }

  @Test
  void autoAllocDescriptionOfAnotherClassIsRejected() {
    assertThatThrownBy(() -> vmsd("h2", Holder2.class)
            .fields(field("many").array(2).ofPointers().autoAlloc(Other.VMSD)).build())
        .isInstanceOf(DescriptionException.class)
        .hasMessageContaining("field 'many'")
        .hasMessageContaining(Other.class.getName())
        .hasMessageContaining(QElem.class.getName());
  }

  @Test
  void qtailqElementOfAnotherClassIsRejected() {
    assertThatThrownBy(() -> vmsd("h2", Holder2.class)
            .fields(field("q").qtailq(Other.VMSD).since(1)).build())
        .isInstanceOf(DescriptionException.class)
        .hasMessageContaining("field 'q'")
        .hasMessageContaining(Other.class.getName())
        .hasMessageContaining(QElem.class.getName());
  }
}
