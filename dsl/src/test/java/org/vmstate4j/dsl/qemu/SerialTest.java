package org.vmstate4j.dsl.qemu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vmstate4j.dsl.qemu.QemuSamples.HEX;
import static org.vmstate4j.dsl.qemu.QemuSamples.JSON;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.vmstate4j.engine.io.VmInput;
import org.vmstate4j.engine.state.VmState;
import tools.jackson.databind.JsonNode;

/** isa-serial's "serial" description: not in pc-min (-nodefaults), checked on its own. */
class SerialTest {
  private static String sub(String name, int version) {
    return "05" + HEX.toHexDigits((byte) name.length())
        + HEX.formatHex(name.getBytes(StandardCharsets.US_ASCII))
        + HEX.toHexDigits(version);
  }

  /** A port with every subsection due. */
  static IsaSerial busy() {
    IsaSerial p = new IsaSerial();
    Serial s = p.state;
    s.divider = 0x0c;
    s.rbr = 0x41;
    s.ier = 0x02; // THR interrupt enabled ...
    s.iir = 0xc1; // ... but IIR says no interrupt: thr_ipending must travel
    s.lcr = 0x03;
    s.mcr = 0x08;
    s.lsr = 0x60;
    s.msr = 0xb0;
    s.scr = 0x5a;
    s.fcrVmstate = 0xc7;
    s.thrIpending = 1;
    s.tsrRetry = 2;
    s.thr = 0x42;
    s.tsr = 0x43;
    s.recvFifo.data[0] = 'h';
    s.recvFifo.data[1] = 'i';
    s.recvFifo.num = 2;
    s.xmitFifo.data[5] = '!';
    s.xmitFifo.head = 5;
    s.xmitFifo.num = 1;
    s.fifoTimeoutTimer = 0x1234;
    s.timeoutIpending = 1;
    s.pollMsl = 1;
    s.modemStatusPoll = 0x5678;
    return p;
  }

  static final String BUSY_HEX = "000c" + "41" + "02" + "c1" + "03" + "08" + "60" + "b0" + "5a"
      + "c7"
      + sub("serial/thr_ipending", 1) + "00000001"
      + sub("serial/tsr", 1) + "00000002" + "42" + "43"
      + sub("serial/recv_fifo", 1) + "6869" + "00".repeat(14) + "00000000" + "00000002"
      + sub("serial/xmit_fifo", 1) + "00".repeat(5) + "21" + "00".repeat(10) + "00000005"
      + "00000001"
      + sub("serial/fifo_timeout_timer", 1) + "0000000000001234"
      + sub("serial/timeout_ipending", 1) + "00000001"
      + sub("serial/poll", 1) + "00000001" + "0000000000005678";

  @Test
  void savesEverySubsectionAndLoadsThemBack() {
    byte[] bytes = VmState.save(IsaSerial.VMSD, busy());
    assertThat(HEX.formatHex(bytes)).isEqualTo(BUSY_HEX);

    IsaSerial back = new IsaSerial();
    VmInput in = VmInput.of(bytes);
    VmState.load(IsaSerial.VMSD, back, in, 3);
    assertThat(in.atEnd()).isTrue();
    assertThat(back.state.recvFifo.num).isEqualTo(2);
    assertThat(back.state.xmitFifo.data[5]).isEqualTo((byte) '!');
    assertThat(back.state.modemStatusPoll).isEqualTo(0x5678);
    assertThat(HEX.formatHex(VmState.save(IsaSerial.VMSD, back))).isEqualTo(BUSY_HEX);
  }

  @Test
  void aFreshPortSendsOnlyItsRegisters() {
    IsaSerial p = new IsaSerial();
    p.state.divider = 0x0c;
    p.state.iir = 0x01;
    assertThat(HEX.formatHex(VmState.save(IsaSerial.VMSD, p)))
        .isEqualTo("000c" + "00" + "00" + "01" + "00".repeat(5) + "00");
  }

  @Test
  void theUartLoadsAVersion2StreamWithoutFcr() {
    Serial s = new Serial();
    s.fcrVmstate = 0x81;
    VmInput in = VmInput.of(HEX.parseHex("0001" + "11223344556677" + "88"));
    VmState.load(Serial.VMSD, s, in, 2);
    assertThat(in.atEnd()).isTrue();
    assertThat(s.divider).isEqualTo(1);
    assertThat(s.scr).isEqualTo(0x88);
    assertThat(s.fcrVmstate).isEqualTo(0x81);
  }

  @Test
  void theEmbeddedUartAlwaysLoadsAtItsOwnVersion() {
    // VMSTATE_STRUCT loads the nested description at that description's version, whatever
    // version the section header carries: fcr_vmstate is read even from a version-2 section
    IsaSerial p = new IsaSerial();
    VmInput in = VmInput.of(HEX.parseHex("0001" + "11223344556677" + "88" + "c1"));
    VmState.load(IsaSerial.VMSD, p, in, 2);
    assertThat(in.atEnd()).isTrue();
    assertThat(p.state.fcrVmstate).isEqualTo(0xc1);
  }

  @Test
  void describeMatchesTheDumpedFieldsByNameAndSize() {
    JsonNode described = JSON.readTree(VmState.describe(IsaSerial.VMSD, busy()));
    JsonNode dump = QemuSamples.json("vmstate-pc-i440fx-7.2.subset.json")
        .get("isa-serial").get("Description");
    assertThat(described.get("vmsd_name").asString()).isEqualTo("serial");
    assertThat(described.get("version").asInt()).isEqualTo(3);
    int compared = sameFields(described, dump);
    // state, 10 registers, 10 subsection fields, and the 2 × 3 fields of the FIFOs
    assertThat(compared).isEqualTo(1 + 10 + 10 + 6);
  }

  /** Compares a describe() object with a dump description: names in order, sizes of leaves. */
  private static int sameFields(JsonNode described, JsonNode dump) {
    JsonNode fs = described.get("fields");
    JsonNode dfs = dump.get("Fields");
    assertThat(fs.size()).as(dump.get("name").asString()).isEqualTo(dfs.size());
    int n = 0;
    for (int i = 0; i < fs.size(); i++) {
      JsonNode f = fs.get(i);
      JsonNode df = dfs.get(i);
      assertThat(f.get("name").asString()).isEqualTo(df.get("field").asString());
      n++;
      if (df.has("Description")) {
        assertThat(f.get("type").asString()).isEqualTo("struct");
        n += sameFields(f.get("struct"), df.get("Description"));
      } else if (df.get("size").asInt() != 0) { // VBUFFERs dump as 0
        assertThat(f.get("size").asInt()).as(f.get("name").asString())
            .isEqualTo(df.get("size").asInt());
      } else {
        assertThat(f.get("size").asInt()).isEqualTo(16); // the UART FIFO capacity
      }
    }
    JsonNode subs = described.path("subsections");
    JsonNode dsubs = dump.path("Subsections");
    assertThat(subs.size()).isEqualTo(dsubs.size());
    for (int i = 0; i < subs.size(); i++) {
      assertThat(subs.get(i).get("vmsd_name").asString())
          .isEqualTo(dsubs.get(i).get("name").asString());
      assertThat(subs.get(i).get("version").asInt())
          .isEqualTo(dsubs.get(i).get("version_id").asInt());
      n += sameFields(subs.get(i), dsubs.get(i));
    }
    return n;
  }
}
