package org.vmstate4j.engine.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vmstate4j.engine.inspect.ExplainItem.Kind;
import org.vmstate4j.engine.stream.Registry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** explain on QEMU 7.2's pc-min.mig, source view (and a registry that knows none of it). */
class ExplainPcMinTest {
  static Path sample(String name) throws Exception {
    return Path.of(ExplainPcMinTest.class.getResource("/qemu-samples/" + name).toURI());
  }

  @Test
  void sectionsFootersAndSubsectionsAtQemusOffsets() throws Exception {
    Explanation x = Explain.fromStream(sample("pc-min.mig"));
    assertThat(x.ok()).as(() -> x.failure().toString()).isTrue();
    JsonNode sections = JsonMapper.builder().build()
        .readTree(Files.readString(sample("pc-min.sections.json")));
    List<ExplainItem> items = x.items();
    for (JsonNode s : sections.values()) {
      String kind = s.get("kind").asString();
      long header = s.get("header_offset").asLong();
      ExplainItem h = items.stream().filter(i -> i.offset() == header
          && i.kind() != Kind.FIELD).findFirst().orElseThrow(() -> new AssertionError(s));
      switch (kind) {
        case "CONFIGURATION" -> assertThat(h.kind()).isEqualTo(Kind.CONFIGURATION);
        case "EOF" -> assertThat(h.kind()).isEqualTo(Kind.EOF);
        default -> {
          assertThat(h.kind()).isEqualTo(Kind.SECTION);
          assertThat(h.codec()).isEqualTo("section-" + kind.toLowerCase());
          assertThat(h.length()).isEqualTo(s.get("data_offset").asLong() - header);
          long footer = s.get("footer_offset").asLong();
          assertThat(items).anyMatch(i -> i.kind() == Kind.FOOTER && i.offset() == footer
              && i.length() == 5 && i.value().equals("section " + s.get("section_id").asLong()));
        }
      }
    }
    List<String> lines = x.lines();
    assertThat(lines).anyMatch(l -> l.matches("0x3aebd  fw_cfg +section-full +"
        + "04000000080666775f63666700000000\\.\\.\\. +'fw_cfg' instance 0 version 2, section 8"));
    assertThat(lines).anyMatch(l -> l.matches(
        "0x3aed7  fw_cfg/dma +subsection +050a66775f6366672f646d6100000000 +'fw_cfg/dma' version 0"));
    assertThat(lines).anyMatch(l -> l.matches("0x3aee7  fw_cfg/dma/dma_addr +uint64 +"
        + "0000000000000000 +0"));
    assertThat(lines).anyMatch(l -> l.matches("0x3aeef  fw_cfg/acpi_mr +subsection .*"
        + "'fw_cfg/acpi_mr' version 1"));
    assertThat(lines).anyMatch(l -> l.matches("0x3af1b  fw_cfg +footer +7e00000008 +section 8"));
    assertThat(lines).anyMatch(l -> l.matches(
        "0x3a5e9  cpu_common/interrupt_request +uint32 +00000010 +16 \\(0x10\\)"));
    assertThat(lines).anyMatch(l -> l.matches("0x3b2d9  i8259#1 +section-full .*'i8259'"
        + " instance 1 version 1, section 16"));
    assertThat(lines).anyMatch(l -> l.matches(
        "0x000c9  ram/pages +ram-pages +.* 4177 zero pages, 49 full pages"));
    assertThat(lines).anyMatch(l -> l.matches("0x3d7d7  vmdesc +json +.* 98649 bytes of JSON"
        + " description"));
    assertThat(lines).anyMatch(l -> l.matches("0x3d750  globalstate +section-full .*"));
    assertThat(lines).anyMatch(l -> l.matches(
        "0x3d76d  globalstate/runstate +buffer +.*100 bytes \"prelaunch\" \\+ NULs"));
    // the PCIBUS nirq is an *_equal field, its irq_count an array of 4
    assertThat(x.find("PCIBUS/nirq").orElseThrow().codec()).isEqualTo("int32 equal");
    assertThat(x.find("PCIBUS/irq_count[3]")).isPresent();
  }

  @Test
  void aRegistryThatKnowsNoneOfItFallsBackToTheStreamsDescription() throws Exception {
    Explanation src = Explain.fromStream(sample("pc-min.mig"));
    Explanation dst = Explain.of(new Registry("pc-i440fx-7.2"), sample("pc-min.mig"));
    assertThat(dst.ok()).isTrue();
    assertThat(dst.items()).filteredOn(i -> i.kind() == Kind.NOTE).hasSize(30)
        .allMatch(i -> i.value().startsWith("not registered here"));
    assertThat(dst.stateItems()).isEqualTo(src.stateItems());
  }
}
