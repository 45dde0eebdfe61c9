package org.vmstate4j.dsl.qemu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.vmstate4j.dsl.qemu.QemuSamples.HEX;
import static org.vmstate4j.dsl.qemu.QemuSamples.JSON;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.vmstate4j.engine.VmStateLoadException;
import org.vmstate4j.engine.io.VmInput;
import org.vmstate4j.engine.state.VmState;

/** The catalog, older stream versions, subsections that pc-min did not send, and aliases. */
class QemuDevicesTest {
  @Test
  void catalogListsEveryDescriptionUnderItsIdString() {
    assertThat(QemuDevices.all().keySet()).containsExactly("timer", "cpu_common", "fw_cfg",
        "PCIHost", "PCIBUS", "i8259", "mc146818rtc", "i8254", "pcspk", "port92", "acpi_build",
        "globalstate", "serial");
    QemuDevices.all().forEach((idstr, d) -> {
      assertThat(d.idstr()).isEqualTo(idstr);
      Object a = d.newState();
      assertThat(a).isInstanceOf(d.type()).isNotSameAs(d.newState());
      assertThat(VmState.describe(d.vmsd(), a)).startsWith("{\"vmsd_name\": ");
    });
    assertThat(QemuDevices.get("i8254").vmsd()).isSameAs(Pit.VMSD);
    assertThat(QemuDevices.find("cpu")).isNull();
    assertThatThrownBy(() -> QemuDevices.get("cpu")).hasMessageContaining("'cpu'");
  }

  @Test
  void fwCfgVersion1CarriesA16BitOffset() {
    FwCfg f = new FwCfg();
    VmInput in = VmInput.of(HEX.parseHex("0019" + "abcd"));
    FwCfg noSubs = new FwCfg();
    VmState.load(FwCfg.VMSD, f, in, 1);
    assertThat(in.atEnd()).isTrue();
    assertThat(f.curEntry).isEqualTo(0x19);
    assertThat(f.curOffset).isEqualTo(0xabcd);

    noSubs.curEntry = 0x19;
    noSubs.curOffset = 0x1abcd;
    noSubs.dmaEnabled = false;
    noSubs.acpiMrRestore = false;
    assertThat(HEX.formatHex(VmState.save(FwCfg.VMSD, noSubs))).isEqualTo("0019" + "0001abcd");
    assertThat(VmState.describe(FwCfg.VMSD, noSubs)).isEqualTo("{\"vmsd_name\": \"fw_cfg\", "
        + "\"version\": 2, \"fields\": [{\"name\": \"cur_entry\", \"type\": \"uint16\", "
        + "\"size\": 2}, {\"name\": \"cur_offset[1]\", \"type\": \"uint32\", \"size\": 4}]}");
  }

  @Test
  void rtcVersion1StreamStopsAfterTheSecondUnusedArea() {
    Mc146818Rtc r = new Mc146818Rtc();
    r.baseRtc = 77;
    byte[] v1 = new byte[128 + 1 + 28 + 8 + 8 + 24];
    v1[128] = 0x0d;
    VmInput in = VmInput.of(v1);
    VmState.load(Mc146818Rtc.VMSD, r, in, 1);
    assertThat(in.atEnd()).isTrue();
    assertThat(r.cmosIndex).isEqualTo(0x0d);
    assertThat(r.periodicTimer).isZero();
    assertThat(r.baseRtc).isEqualTo(77);
    assertThatThrownBy(() -> VmState.load(Mc146818Rtc.VMSD, new Mc146818Rtc(), VmInput.of(v1), 0))
        .isInstanceOf(VmStateLoadException.class);
  }

  @Test
  void rtcReinjectSubsectionTravelsWhenInterruptsArePending() {
    Mc146818Rtc r = new Mc146818Rtc();
    r.irqReinjectOnAckCount = 3;
    byte[] bytes = VmState.save(Mc146818Rtc.VMSD, r);
    String name = "mc146818rtc/irq_reinject_on_ack_count";
    assertThat(HEX.formatHex(bytes)).endsWith("05" + HEX.toHexDigits((byte) name.length())
        + HEX.formatHex(name.getBytes()) + "00000001" + "0003");
    Mc146818Rtc back = new Mc146818Rtc();
    VmState.load(Mc146818Rtc.VMSD, back, bytes);
    assertThat(back.irqReinjectOnAckCount).isEqualTo(3);
  }

  @Test
  void pitChannelZeroAliasesTheTopLevelFields() {
    Pit p = new Pit();
    p.channels[0].irqDisabled = 1;
    p.channels[0].nextTransitionTime = 0x1122334455667788L;
    String hex = HEX.formatHex(VmState.save(Pit.VMSD, p));
    assertThat(hex).startsWith("00000001").endsWith("1122334455667788").hasSize(2 * 108);

    // the trailing copy is loaded last and wins, as in QEMU
    byte[] bytes = HEX.parseHex(hex.substring(0, hex.length() - 16) + "00000000000000aa");
    Pit back = new Pit();
    VmState.load(Pit.VMSD, back, bytes);
    assertThat(back.channels[0].irqDisabled).isEqualTo(1);
    assertThat(back.channels[0].nextTransitionTime).isEqualTo(0xaa);

    // version 2 has no irq_disabled: the destination keeps its own
    Pit v2 = new Pit();
    v2.channels[0].irqDisabled = 1;
    VmInput in = VmInput.of(bytes, 4, bytes.length - 4);
    VmState.load(Pit.VMSD, v2, in, 2);
    assertThat(in.atEnd()).isTrue();
    assertThat(v2.channels[0].irqDisabled).isEqualTo(1);
    assertThat(v2.channels[0].nextTransitionTime).isEqualTo(0xaa);
  }

  @Test
  void timerVersion1HasNoClockOffsetAndIcountTravelsInNestedSubsections() {
    Timers t = new Timers();
    t.cpuClockOffset = 5;
    VmInput in = VmInput.of(new byte[16]);
    VmState.load(Timers.VMSD, t, in, 1);
    assertThat(in.atEnd()).isTrue();
    assertThat(t.cpuClockOffset).isEqualTo(5);

    t.icountMode = 2;
    t.qemuIcount = 9;
    t.icountTimeShift = 3;
    byte[] bytes = VmState.save(Timers.VMSD, t);
    assertThat(HEX.formatHex(bytes)).isEqualTo("00".repeat(8) + "00".repeat(8)
        + "0000000000000005"
        + "05" + "0c" + HEX.formatHex("timer/icount".getBytes()) + "00000001"
        + "0000000000000000" + "0000000000000009"
        + "05" + "12" + HEX.formatHex("timer/icount/shift".getBytes()) + "00000002"
        + "0003" + "0000000000000000");
    Timers back = new Timers();
    VmState.load(Timers.VMSD, back, bytes);
    assertThat(back.qemuIcount).isEqualTo(9);
    assertThat(back.icountTimeShift).isEqualTo((short) 3);
    assertThat(JSON.readTree(VmState.describe(Timers.VMSD, t)).at("/subsections/0/vmsd_name")
        .asString()).isEqualTo("timer/icount");
  }

  @Test
  void cpuCommonSubsections() {
    CpuCommon c = new CpuCommon();
    c.exceptionIndex = 0x0e;
    c.crashOccurred = true;
    byte[] bytes = VmState.save(CpuCommon.VMSD, c);
    assertThat(HEX.formatHex(bytes)).isEqualTo("00000000" + "00000000"
        + "05" + "1a" + HEX.formatHex("cpu_common/exception_index".getBytes()) + "00000001"
        + "0000000e"
        + "05" + "19" + HEX.formatHex("cpu_common/crash_occurred".getBytes()) + "00000001"
        + "01");
    CpuCommon back = new CpuCommon();
    VmState.load(CpuCommon.VMSD, back, bytes);
    assertThat(back.exceptionIndex).isEqualTo(0x0e);
    assertThat(back.crashOccurred).isTrue();
  }

  @Test
  void globalStateSizeFollowsTheRunStateAndAMissingNulFailsTheLoad() {
    GlobalState g = new GlobalState().runstateName("running");
    g.size = 0;
    byte[] bytes = VmState.save(GlobalState.VMSD, g);
    assertThat(HEX.formatHex(bytes)).startsWith("00000008" + HEX.formatHex("running".getBytes())
        + "00");
    byte[] bad = bytes.clone();
    Arrays.fill(bad, 4, 104, (byte) 'x');
    GlobalState dst = new GlobalState().runstateName("paused");
    assertThatThrownBy(() -> VmState.load(GlobalState.VMSD, dst, bad))
        .isInstanceOf(VmStateLoadException.class).hasMessageContaining("NUL");
    assertThat(dst.runstateName()).isEqualTo("paused");
  }

  @Test
  void pciBusRejectsAnotherLineCount() {
    PciBus two = new PciBus(2);
    byte[] four = VmState.save(PciBus.VMSD, new PciBus());
    assertThatThrownBy(() -> VmState.load(PciBus.VMSD, two, four))
        .isInstanceOf(VmStateLoadException.class).hasMessageContaining("nirq");
  }
}
