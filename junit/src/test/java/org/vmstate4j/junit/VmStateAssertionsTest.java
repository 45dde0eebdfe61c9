package org.vmstate4j.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.vmstate4j.dsl.VmsdDsl.field;
import static org.vmstate4j.dsl.VmsdDsl.vmsd;
import static org.vmstate4j.junit.VmStateAssertions.assertLoadFails;
import static org.vmstate4j.junit.VmStateAssertions.assertLoads;
import static org.vmstate4j.junit.VmStateAssertions.assertMigrates;
import static org.vmstate4j.junit.VmStateAssertions.assertRoundTrip;
import static org.vmstate4j.junit.VmStateAssertions.assertSavesTo;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

  // Surefire prints only the message: both sides must be in it.
  @Test
  void aFailedByteComparisonShowsBothSidesAroundTheDifference() {
    Dev d = new Dev();
    d.a = 0x10;
    d.b = 2;
    assertThatThrownBy(() -> assertSavesTo(V1, d, "00000010 0000000000000003"))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining("first difference at byte 11 (0xb)")
        .hasMessageContaining("expected @0: 00 00 00 10 00 00 00 00 00 00 00 [03]")
        .hasMessageContaining("actual   @0: 00 00 00 10 00 00 00 00 00 00 00 [02]");
  }

  /** The README shows this failure. */
  @Test
  void theReadmeSampleOfAFailedComparisonIsWhatItPrints() throws Exception {
    Dev d = new Dev();
    d.a = 3;
    d.n = 2;
    d.slots[1] = new Slot();
    d.slots[1].v = 0x10;
    AssertionFailedError e = catchThrowableOfType(AssertionFailedError.class,
        () -> assertSavesTo(V2, d, "00000003 0000000000000000 0000 30 31 00000011"));
    List<String> lines = Files.readAllLines(Path.of("..", "README.md"), StandardCharsets.UTF_8);
    int at = lines.indexOf("<!-- readme-test: output-of VmStateAssertionsTest -->");
    assertThat(at).as("README block marker").isPositive();
    StringBuilder block = new StringBuilder();
    for (int i = at + 2; !lines.get(i).startsWith("```"); i++) {
      block.append(lines.get(i)).append('\n');
    }
    assertThat(block.toString()).isEqualTo(e.getMessage() + "\n");
  }

  @Test
  void aLengthDifferenceShowsBothLengthsAndTheExtraBytes() {
    Dev d = new Dev();
    d.a = 0x10;
    d.b = 2;
    assertThatThrownBy(() -> assertSavesTo(V1, d, "00000010 0000000000000002 abcd"))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining("expected 14 bytes, actual 12")
        .hasMessageContaining("first difference at byte 12 (0xc)")
        .hasMessageContaining("expected @0: 00 00 00 10 00 00 00 00 00 00 00 02 [ab] cd")
        .hasMessageContaining("actual   @0: 00 00 00 10 00 00 00 00 00 00 00 02 [end]");
  }

  @Test
  void aLongStreamShowsAWindowWithItsOffset() {
    byte[] expected = new byte[100];
    byte[] actual = expected.clone();
    actual[70] = 1;
    assertThatThrownBy(() -> VmStateAssertions.assertBytes("x", expected, actual))
        .hasMessageContaining("first difference at byte 70 (0x46)")
        .hasMessageContaining("expected @54 (0x36): 00 ")
        .hasMessageContaining("actual   @54 (0x36): 00 ")
        .hasMessageContaining("[01] " + "00 ".repeat(16) + "… (100 bytes)")
        .hasMessageNotContaining("@0");
  }

  @Test
  void aRoundTripThatSavesDifferentlyShowsBothSaves() {
    VmStateDescription lossy = vmsd("lossy", Dev.class)
        .fields(field("a").uint32())
        .postLoad((dev, v) -> dev.a++)
        .build();
    Dev d = new Dev();
    d.a = 5;
    assertThatThrownBy(() -> assertRoundTrip(lossy, d, Dev::new))
        .hasMessageContaining("saves differently")
        .hasMessageContaining("expected @0: 00 00 00 [05]")
        .hasMessageContaining("actual   @0: 00 00 00 [06]");
  }

  @Test
  void aLoadFailureThatSaysSomethingElseShowsTheActualMessage() {
    assertThatThrownBy(() -> assertLoadFails(V2, new Dev(), "00000001 0000000000000002 0000 32 30",
        "too old"))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining("expected a load error mentioning \"too old\"")
        .hasMessageContaining("Unexpected ptr marker: 50");
  }

  @Test
  void aLoadThatSucceedsWhereAFailureWasExpectedSaysSo() {
    assertThatThrownBy(() -> assertLoadFails(V1, new Dev(), "00000001 0000000000000002", "x"))
        .hasMessageContaining("load into dev succeeded")
        .hasMessageContaining("all 12 bytes");
  }

  @Test
  void unreadBytesAreShown() {
    assertThatThrownBy(() -> assertLoads(V1, new Dev(), "00000003 0000000000000004 ff"))
        .hasMessageContaining("left 1 of 13 bytes unread, from byte 12 (0xc): ff");
  }
}
