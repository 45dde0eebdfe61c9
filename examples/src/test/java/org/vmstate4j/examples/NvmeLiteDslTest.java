package org.vmstate4j.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.vmstate4j.dsl.VmsdDsl;
import org.vmstate4j.engine.VmStateLoadException;
import org.vmstate4j.engine.state.VmState;

class NvmeLiteDslTest {
  private static final HexFormat HEX = HexFormat.of();

  /** Expected sq and cq bytes from the reference's nvme-lite example. */
  static final String SQ_HEX = "31" + "0000" + "0000" + "00000003" + "00000003" + "00000020"
      + "0000000010000000" + "30"
      + "31" + "0002" + "0001" + "00000010" + "00000012" + "00000400" + "000000000007f000"
      + "30";
  static final String CQ_HEX =
      "31" + "01" + "0000" + "0001" + "00000003" + "00000003" + "00000000" + "00000020"
      + "0000000010001000"
      + "31" + "00" + "0001" + "0001" + "000003ff" + "00000000" + "00000001" + "00000400"
      + "0000000000080000"
      + "30" + "30";

  @Test
  void roundTripsIntoAFreshControllerWithTheReferenceBytes() {
    NvmeLite src = NvmeLite.example();
    byte[] bytes = VmState.save(NvmeLite.VMSD, src);
    String head = "00460001" + "00000001" + "001f001f" + "0000000010000000"
        + "0000000010001000" + "00000004";
    assertThat(HEX.formatHex(bytes)).isEqualTo(head + SQ_HEX + CQ_HEX);

    NvmeLite dst = new NvmeLite(4);
    VmState.load(NvmeLite.VMSD, dst, bytes);
    assertThat(dst).isEqualTo(src);
    assertThat(dst.sq[1]).isNull();
    assertThat(dst.sq[2]).isNotSameAs(src.sq[2]);
  }

  @Test
  void subsectionTravelsOnlyWhenNeeded() {
    NvmeLite src = NvmeLite.example();
    src.dbbufEnabled = true;
    src.dbbufDbs = 0x1000;
    src.dbbufEis = 0x2000;
    byte[] bytes = VmState.save(NvmeLite.VMSD, src);
    String tail = "05" + "0f" + HEX.formatHex("nvme-lite/dbbuf".getBytes()) + "00000001"
        + "0000000000001000" + "0000000000002000";
    assertThat(HEX.formatHex(bytes)).endsWith(tail);
    NvmeLite dst = new NvmeLite(4);
    VmState.load(NvmeLite.VMSD, dst, bytes);
    assertThat(dst.dbbufDbs).isEqualTo(0x1000);
    assertThat(dst.dbbufEis).isEqualTo(0x2000);
  }

  @Test
  void queueCountMismatchIsALoadErrorWithThePath() {
    byte[] bytes = VmState.save(NvmeLite.VMSD, NvmeLite.example());
    NvmeLite dst = new NvmeLite(5);
    assertThatThrownBy(() -> VmState.load(NvmeLite.VMSD, dst, bytes))
        .isInstanceOf(VmStateLoadException.class)
        .hasMessageContaining("nvme-lite/num_queues")
        .hasMessageContaining("5 != 4");
  }

  @Test
  void badMarkerNamesFieldAndIndexAndLeavesTheDestinationUnchanged() {
    byte[] bytes = VmState.save(NvmeLite.VMSD, NvmeLite.example());
    int sq1 = 32 + 25; // 32 bytes of scalars, then sq[0]: marker and 24 bytes
    assertThat(bytes[sq1]).isEqualTo((byte) 0x30);
    bytes[sq1] = 0x32;
    NvmeLite dst = new NvmeLite(4);
    dst.cc = 77;
    assertThatThrownBy(() -> VmState.load(NvmeLite.VMSD, dst, bytes))
        .isInstanceOf(VmStateLoadException.class)
        .hasMessageContaining("nvme-lite/sq[1]")
        .hasMessageContaining("Unexpected ptr marker: 50")
        .hasMessageContaining("@" + sq1);
    assertThat(dst.cc).isEqualTo(77);
    assertThat(dst.sq).containsOnlyNulls();
  }

  @Test
  void designCardLineDescribesASparseUint32CountedPointerArray() {
    class Holder {
      int n = 3;
      NvmeLiteSq[] queues = new NvmeLiteSq[3];
    }
    var d = VmsdDsl.vmsd("holder", Holder.class)
        .fields(
            VmsdDsl.field("n").uint32(),
            VmsdDsl.field("queues").varrayUint32("n").ofPointers().autoAlloc(NvmeLiteSq.VMSD))
        .build();
    Holder h = new Holder();
    h.queues[1] = NvmeLiteSq.of(1, 1, 2, 3, 4, 5);
    byte[] bytes = VmState.save(d, h);
    assertThat(HEX.formatHex(bytes)).isEqualTo("00000003" + "30"
        + "31" + "0001" + "0001" + "00000002" + "00000003" + "00000004" + "0000000000000005"
        + "30");
    Holder back = new Holder();
    VmState.load(d, back, bytes);
    assertThat(back.queues[1]).isEqualTo(h.queues[1]);
    assertThat(back.queues[0]).isNull();
  }
}
