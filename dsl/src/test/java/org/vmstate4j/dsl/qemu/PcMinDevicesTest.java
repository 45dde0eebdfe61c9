package org.vmstate4j.dsl.qemu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vmstate4j.dsl.qemu.QemuSamples.HEX;
import static org.vmstate4j.dsl.qemu.QemuSamples.JSON;

import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vmstate4j.engine.io.VmInput;
import org.vmstate4j.engine.state.VmState;
import tools.jackson.databind.JsonNode;

/** The ten small FULL sections of pc-min.mig (devices-pc-min.json) through the declarations. */
class PcMinDevicesTest {
  static Stream<Arguments> devices() {
    return QemuSamples.devices().stream().map(d -> Arguments.of(Named.of(
        d.get("idstr").asString() + " " + d.get("instance_id").asInt(), d)));
  }

  private static Object load(JsonNode dev) {
    QemuDevices.Device<?> d = QemuDevices.get(dev.get("idstr").asString());
    byte[] data = HEX.parseHex(dev.get("data_hex").asString());
    Object obj = d.newState();
    VmInput in = VmInput.of(data);
    VmState.load(d.vmsd(), obj, in, dev.get("version_id").asInt());
    assertThat(in.atEnd()).as("all %d bytes consumed, stopped at %d", data.length, in.position())
        .isTrue();
    return obj;
  }

  @ParameterizedTest
  @MethodSource("devices")
  void loadsTheSectionAndSavesTheSameBytes(JsonNode dev) {
    QemuDevices.Device<?> d = QemuDevices.get(dev.get("idstr").asString());
    assertThat(d.vmsd().versionId()).isEqualTo(dev.get("version_id").asInt());
    Object obj = load(dev);
    int compared = QemuSamples.checkDecoded(dev.get("decoded"), obj);
    assertThat(compared).isPositive();
    assertThat(HEX.formatHex(VmState.save(d.vmsd(), obj)))
        .isEqualTo(dev.get("data_hex").asString());
  }

  @ParameterizedTest
  @MethodSource("devices")
  void describesTheSectionAsQemuDid(JsonNode dev) {
    QemuDevices.Device<?> d = QemuDevices.get(dev.get("idstr").asString());
    Object obj = load(dev);
    String described = VmState.describe(d.vmsd(), obj);
    assertThat(JSON.readTree(described)).isEqualTo(QemuSamples.describedPart(dev.get("vmdesc")));
    String entry = QemuSamples.vmdescEntryText(
        dev.get("idstr").asString(), dev.get("instance_id").asInt(), described);
    String text = QemuSamples.vmdescText();
    assertThat(text.contains(entry + ", {") || text.endsWith(entry + "]}"))
        .as("pc-min.mig's vmdesc holds the entry %s", entry).isTrue();
  }

  @Test
  void decodedValuesLandInTheExpectedJavaFields() {
    for (JsonNode dev : QemuSamples.devices()) {
      Object obj = load(dev);
      if (obj instanceof CpuCommon c) {
        assertThat(c.halted).isZero();
        assertThat(c.interruptRequest).isEqualTo(0x10);
      } else if (obj instanceof FwCfg f) {
        assertThat(f.curEntry).isZero();
        assertThat(f.curOffset).isZero();
        assertThat(f.tableMrSize).isEqualTo(0x20000);
        assertThat(f.linkerMrSize).isEqualTo(0x1000);
        assertThat(f.rsdpMrSize).isEqualTo(0x14);
      } else if (obj instanceof Mc146818Rtc r) {
        assertThat(r.periodicTimer).isEqualTo(-1);
        assertThat(r.updateTimer).isEqualTo(0x18eb676c4beef8e0L);
        assertThat(r.nextAlarmTime).isEqualTo(0x18eb6f40bc5202e0L);
        assertThat(r.baseRtc).isEqualTo(0x6b0754deL);
      } else if (obj instanceof Pit p) {
        assertThat(p.channels).extracting(c -> c.count).containsOnly(0x10000);
        assertThat(p.channels).extracting(c -> c.mode).containsOnly(3);
        assertThat(p.channels).extracting(c -> c.gate).containsExactly(1, 1, 0);
        assertThat(p.channels[0].nextTransitionTime).isEqualTo(0x1a30c2cL);
        assertThat(p.channels[0].irqDisabled).isZero();
      } else if (obj instanceof GlobalState g) {
        assertThat(g.size).isEqualTo(10);
        assertThat(g.runstateName()).isEqualTo("prelaunch");
      }
    }
  }
}
