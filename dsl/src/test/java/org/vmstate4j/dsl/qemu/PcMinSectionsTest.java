package org.vmstate4j.dsl.qemu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vmstate4j.dsl.qemu.QemuSamples.HEX;
import static org.vmstate4j.dsl.qemu.QemuSamples.JSON;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vmstate4j.engine.io.VmInput;
import org.vmstate4j.engine.state.VmState;
import tools.jackson.databind.JsonNode;

/**
 * Every FULL section of pc-min.mig that has a declaration, cut out with the offsets of
 * pc-min.sections.json: PCIHost, PCIBUS and acpi_build besides the ten of devices-pc-min.json.
 */
class PcMinSectionsTest {
  static List<JsonNode> declaredSections() {
    List<JsonNode> l = new ArrayList<>();
    for (JsonNode s : QemuSamples.json("pc-min.sections.json").values()) {
      if (s.path("kind").asString().equals("FULL")
          && QemuDevices.find(s.get("idstr").asString()) != null) {
        l.add(s);
      }
    }
    return l;
  }

  static Stream<Arguments> sections() {
    return declaredSections().stream().map(s -> Arguments.of(Named.of(
        s.get("idstr").asString() + " " + s.get("instance_id").asInt(), s)));
  }

  @Test
  void pcMinHasTwelveDeclaredSections() {
    assertThat(declaredSections()).extracting(s -> s.get("idstr").asString()).containsExactly(
        "timer", "cpu_common", "fw_cfg", "PCIHost", "PCIBUS", "i8259", "i8259", "mc146818rtc",
        "i8254", "pcspk", "port92", "acpi_build", "globalstate");
  }

  @ParameterizedTest
  @MethodSource("sections")
  void loadsResavesAndDescribesAsQemu(JsonNode section) {
    String idstr = section.get("idstr").asString();
    int instance = section.get("instance_id").asInt();
    QemuDevices.Device<?> d = QemuDevices.get(idstr);
    byte[] data = QemuSamples.data(section);
    assertThat(section.get("version_id").asInt()).isEqualTo(d.vmsd().versionId());

    Object obj = d.newState();
    VmInput in = VmInput.of(data);
    VmState.load(d.vmsd(), obj, in, section.get("version_id").asInt());
    assertThat(in.atEnd()).as("all of %s consumed", idstr).isTrue();
    assertThat(HEX.formatHex(VmState.save(d.vmsd(), obj))).isEqualTo(HEX.formatHex(data));

    String described = VmState.describe(d.vmsd(), obj);
    JsonNode vmdesc = QemuSamples.vmdesc(idstr, instance);
    assertThat(JSON.readTree(described)).isEqualTo(QemuSamples.describedPart(vmdesc));
    String entry = QemuSamples.vmdescEntryText(idstr, instance, described);
    String text = QemuSamples.vmdescText();
    assertThat(text.contains(entry + ", {") || text.endsWith(entry + "]}"))
        .as("pc-min.mig's vmdesc holds the entry %s", entry).isTrue();
  }

  @Test
  void pciHostPciBusAndAcpiBuildValues() {
    PciHost host = new PciHost();
    VmState.load(PciHost.VMSD, host, QemuSamples.data(QemuSamples.section("PCIHost", 0)));
    assertThat(host.configReg).isZero();

    PciBus bus = new PciBus();
    byte[] busData = QemuSamples.data(QemuSamples.section("PCIBUS", 0));
    assertThat(HEX.formatHex(busData)).isEqualTo("00000004" + "00".repeat(16));
    VmState.load(PciBus.VMSD, bus, busData);
    assertThat(bus.nirq).isEqualTo(4);
    assertThat(bus.irqCount).containsExactly(0, 0, 0, 0);

    AcpiBuild acpi = new AcpiBuild();
    acpi.patched = 1;
    VmState.load(AcpiBuild.VMSD, acpi, QemuSamples.data(QemuSamples.section("acpi_build", 0)));
    assertThat(acpi.patched).isZero();
  }

  @Test
  void sectionHeadersCarryTheDescriptionVersions() {
    byte[] mig = QemuSamples.pcMin();
    for (JsonNode s : declaredSections()) {
      int at = s.get("header_offset").asInt();
      String idstr = s.get("idstr").asString();
      int len = mig[at + 5] & 0xff;
      assertThat(new String(mig, at + 6, len, StandardCharsets.US_ASCII))
          .isEqualTo(idstr);
      int v = at + 6 + len + 4;
      int version = ((mig[v] & 0xff) << 24) | ((mig[v + 1] & 0xff) << 16)
          | ((mig[v + 2] & 0xff) << 8) | (mig[v + 3] & 0xff);
      assertThat(version).as(idstr).isEqualTo(QemuDevices.get(idstr).vmsd().versionId());
    }
  }
}
