package org.vmstate4j.engine.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.vmstate4j.engine.analyze.DecodedValue.IntValue;
import org.vmstate4j.engine.analyze.DecodedValue.StructValue;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Real QEMU 7.2 streams against the output of QEMU's analyze-migration.py for them. */
class QemuSampleTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  static Path sample(String name) {
    try {
      return Path.of(QemuSampleTest.class.getResource("/qemu-samples/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static String text(String name) throws IOException {
    return Files.readString(sample(name), StandardCharsets.UTF_8);
  }

  @ParameterizedTest
  @ValueSource(strings = {"none", "pc-min"})
  void dumpStateMatchesTheScript(String name) throws IOException {
    AnalyzedStream stream = StreamAnalyzer.open(sample(name + ".mig"));
    assertThat(stream.dumpState()).isEqualTo(text(name + ".state.json"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"none", "pc-min"})
  void dumpDescMatchesTheScript(String name) throws IOException {
    assertThat(StreamAnalyzer.open(sample(name + ".mig")).dumpDesc())
        .isEqualTo(text(name + ".desc.json"));
    assertThat(StreamAnalyzer.describe(sample(name + ".mig"))).isEqualTo(text(name + ".desc.json"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"none", "pc-min"})
  void readsFromAnInputStream(String name) throws IOException {
    try (InputStream in = Files.newInputStream(sample(name + ".mig"))) {
      AnalyzedStream stream = StreamAnalyzer.read(in);
      assertThat(stream.dumpState()).isEqualTo(text(name + ".state.json"));
      assertThat(stream.dumpDesc()).isEqualTo(text(name + ".desc.json"));
    }
  }

  @Test
  void sectionOffsetsMatchTheReference() throws IOException {
    AnalyzedStream stream = StreamAnalyzer.open(sample("pc-min.mig"));
    List<String> actual = new ArrayList<>();
    for (StreamItem item : stream.items()) {
      actual.add(asReferenceEntry(item).toString());
    }
    List<String> expected = new ArrayList<>();
    for (JsonNode entry : JSON.readTree(text("pc-min.sections.json"))) {
      expected.add(entry.toString());
    }
    assertThat(actual).containsExactlyElementsOf(expected);
  }

  @Test
  void structuredViewOfPcMin() throws IOException {
    AnalyzedStream stream = StreamAnalyzer.open(sample("pc-min.mig"));
    assertThat(stream.items()).extracting(StreamItem::kind).startsWith(
        ItemKind.CONFIGURATION, ItemKind.START, ItemKind.PART, ItemKind.END, ItemKind.FULL);
    StreamItem config = stream.items().get(0);
    StructValue configValue = (StructValue) config.value();
    assertThat(configValue.fields()).containsOnlyKeys("len", "name");
    assertThat(((DecodedValue.BytesValue) configValue.fields().get("name")).data())
        .isEqualTo("pc-i440fx-7.2".getBytes(StandardCharsets.US_ASCII));

    StructValue ram = (StructValue) stream.state().get("ram (2)");
    StructValue sizes = (StructValue) ram.fields().get("section sizes");
    assertThat(sizes.fields()).containsKeys("pc.ram", "pc.bios");
    assertThat(((IntValue) sizes.fields().get("pc.ram")).value().longValue()).isEqualTo(16 << 20);

    StructValue fwCfg = (StructValue) stream.state().get("fw_cfg (8)");
    assertThat(fwCfg.fields()).containsOnlyKeys(
        "cur_entry", "cur_offset[1]", "fw_cfg/dma", "fw_cfg/acpi_mr");
    StructValue acpi = (StructValue) fwCfg.fields().get("fw_cfg/acpi_mr");
    IntValue tableSize = (IntValue) acpi.fields().get("table_mr_size");
    assertThat(tableSize.value().longValue()).isEqualTo(0x20000);
    assertThat(tableSize.text()).isEqualTo("0x0000000000020000");

    StreamItem timer = stream.items().stream()
        .filter(i -> "timer".equals(i.idstr())).findFirst().orElseThrow();
    assertThat(((IntValue) ((StructValue) timer.value()).fields().get("cpu_ticks_offset"))
        .offset()).isEqualTo(timer.dataOffset());
  }

  /** The reference file's shape: kind and header_offset, plus the section numbers that apply. */
  private static JsonNode asReferenceEntry(StreamItem item) {
    ObjectNode o = JSON.createObjectNode();
    o.put("kind", item.kind().name());
    boolean section = item.kind() != ItemKind.CONFIGURATION && item.kind() != ItemKind.EOF;
    if (section) {
      o.put("section_id", item.sectionId());
      o.put("idstr", item.idstr());
    }
    if (item.kind() == ItemKind.START || item.kind() == ItemKind.FULL) {
      o.put("instance_id", item.instanceId());
      o.put("version_id", item.versionId());
    }
    o.put("header_offset", item.headerOffset());
    if (section) {
      o.put("data_offset", item.dataOffset());
      o.put("data_end", item.dataEnd());
      o.put("footer_offset", item.footerOffset());
    }
    return o;
  }
}
