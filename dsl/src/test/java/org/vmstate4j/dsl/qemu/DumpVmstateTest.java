package org.vmstate4j.dsl.qemu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vmstate4j.engine.codec.Codec;
import org.vmstate4j.engine.codec.IntegerCodec;
import org.vmstate4j.engine.codec.StandardCodec;
import org.vmstate4j.engine.model.VmStateDescription;
import org.vmstate4j.engine.model.VmStateField;
import tools.jackson.databind.JsonNode;

/**
 * The declarations against QEMU 7.2's {@code -dump-vmstate} output (the input of
 * vmstate-static-checker.py): names, versions, minimum versions, field names, field versions,
 * whether a field has an exists test, element sizes, nested descriptions and subsections.
 */
class DumpVmstateTest {
  private static final Map<String, VmStateDescription> BY_TYPE = Map.of(
      "fw_cfg_io", FwCfg.VMSD,
      "isa-i8259", I8259.VMSD,
      "isa-pit", Pit.VMSD,
      "isa-pcspk", PcSpk.VMSD,
      "isa-serial", IsaSerial.VMSD,
      "i440FX-pcihost", PciHost.VMSD,
      "mc146818rtc", Mc146818Rtc.VMSD,
      "port92", Port92.VMSD);

  static Stream<Arguments> types() {
    return BY_TYPE.keySet().stream().sorted().map(Arguments::of);
  }

  @ParameterizedTest
  @MethodSource("types")
  void matchesQemusDump(String deviceType) {
    JsonNode dump = QemuSamples.json("vmstate-pc-i440fx-7.2.subset.json").get(deviceType);
    VmStateDescription d = BY_TYPE.get(deviceType);
    assertThat(dump.get("version_id").asInt()).isEqualTo(d.versionId());
    assertThat(dump.get("minimum_version_id").asInt()).isEqualTo(d.minimumVersionId());
    compare(deviceType, dump.get("Description"), d);
  }

  private static void compare(String path, JsonNode dump, VmStateDescription d) {
    String at = path + " (" + d.name() + ")";
    assertThat(d.name()).as(at).isEqualTo(dump.get("name").asString());
    assertThat(d.versionId()).as(at + " version").isEqualTo(dump.get("version_id").asInt());
    assertThat(d.minimumVersionId()).as(at + " minimum version")
        .isEqualTo(dump.get("minimum_version_id").asInt());
    List<VmStateField> fields = d.fields();
    JsonNode dumpFields = dump.path("Fields");
    assertThat(fields).as(at + " fields").extracting(VmStateField::name)
        .containsExactlyElementsOf(dumpFields.values().stream()
            .map(f -> f.get("field").asString()).toList());
    for (int i = 0; i < fields.size(); i++) {
      VmStateField f = fields.get(i);
      JsonNode df = dumpFields.get(i);
      String fat = at + "." + f.name() + "#" + i;
      assertThat(f.versionId()).as(fat + " version").isEqualTo(df.get("version_id").asInt());
      assertThat(f.exists() != null).as(fat + " field_exists")
          .isEqualTo(df.get("field_exists").asBoolean());
      if (f.isStruct()) {
        compare(fat, df.get("Description"), f.vmsd());
      } else {
        assertThat(cSize(f)).as(fat + " size").isEqualTo(df.get("size").asInt());
      }
    }
    List<VmStateDescription> subs = d.subsections();
    JsonNode dumpSubs = dump.path("Subsections");
    assertThat(subs).as(at + " subsections").extracting(VmStateDescription::name)
        .containsExactlyElementsOf(dumpSubs.values().stream()
            .map(s -> s.get("name").asString()).toList());
    for (int i = 0; i < subs.size(); i++) {
      compare(at, dumpSubs.get(i), subs.get(i));
    }
  }

  /** The C element size QEMU records for a field. */
  private static int cSize(VmStateField f) {
    Codec c = f.codec();
    if (c instanceof IntegerCodec ic) {
      return ic.bytes();
    }
    if (c == FwCfg.UINT16_FROM_UINT32) {
      return 4; // a 16-bit wire value kept in a uint32_t member
    }
    if (c instanceof StandardCodec sc && sc.kind() == StandardCodec.Kind.BOOL) {
      return 1;
    }
    return f.size(); // buffers and unused areas: their length; VBUFFERs: 0
  }
}
