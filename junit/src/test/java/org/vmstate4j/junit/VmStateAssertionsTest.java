package org.vmstate4j.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.vmstate4j.dsl.Vmstate.field;
import static org.vmstate4j.dsl.Vmstate.vmsd;
import static org.vmstate4j.junit.VmStateAssertions.assertLoadFails;
import static org.vmstate4j.junit.VmStateAssertions.assertLoads;
import static org.vmstate4j.junit.VmStateAssertions.assertMigrates;
import static org.vmstate4j.junit.VmStateAssertions.assertRoundTrip;
import static org.vmstate4j.junit.VmStateAssertions.assertSavesTo;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.vmstate4j.engine.model.VmStateDescription;

class VmStateAssertionsTest {
  static final class Dev {
    int a;
    long b;
    int added;
    int n = 2;
    Slot[] slots = new Slot[2];
  }

  static final class Slot {
    int v;

    static final VmStateDescription VMSD =
        vmsd("slot", Slot.class).fields(field("v").uint32()).build();
  }

  static final VmStateDescription V1 = vmsd("dev", Dev.class)
      .version(1)
      .fields(field("a").uint32(), field("b").uint64())
      .build();
  static final VmStateDescription V2 = vmsd("dev", Dev.class)
      .version(2)
      .minimumVersion(1)
      .fields(field("a").uint32(), field("b").uint64(), field("added").uint16().since(2),
          field("slots").varrayUint32("n").ofPointers().autoAlloc(Slot.VMSD).since(2))
      .build();

  @Test
  void roundTripReturnsTheLoadedCopy() {
    Dev d = new Dev();
    d.a = 1;
    d.slots[1] = new Slot();
    d.slots[1].v = 9;
    Dev copy = assertRoundTrip(V2, d, Dev::new);
    assertThat(copy).isNotSameAs(d);
    assertThat(copy.slots[0]).isNull();
    assertThat(copy.slots[1].v).isEqualTo(9);
  }

  @Test
  void savesToComparesBytesAndReportsTheFirstDifference() {
    Dev d = new Dev();
    d.a = 0x10;
    d.b = 2;
    assertSavesTo(V1, d, "00000010 | 0000000000000002");
    assertThatThrownBy(() -> assertSavesTo(V1, d, "00000011 0000000000000002"))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining("first difference at byte 3");
  }

  @Test
  void aV1StreamMigratesIntoV2() {
    Dev old = new Dev();
    old.a = 7;
    Dev dst = assertMigrates(V1, old, V2, new Dev());
    assertThat(dst.a).isEqualTo(7);
    assertThatThrownBy(() -> assertMigrates(V2, new Dev(), V1, new Dev()))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining("too new");
  }

  @Test
  void loadsAndLoadFailures() {
    Dev d = assertLoads(V1, new Dev(), "00000003 0000000000000004");
    assertThat(d.b).isEqualTo(4);
    assertThatThrownBy(() -> assertLoads(V1, new Dev(), "00000003 0000000000000004 ff"))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining("left 1 of 13 bytes unread");
    assertLoadFails(V2, new Dev(), "00000001 0000000000000002 0000 32 30",
        "Unexpected ptr marker: 50");
    assertThatThrownBy(() -> assertLoadFails(V1, new Dev(), "00000001 0000000000000002", "x"))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining("succeeded");
  }
}
