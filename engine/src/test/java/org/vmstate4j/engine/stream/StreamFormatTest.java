package org.vmstate4j.engine.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.vmstate4j.engine.VmStateSaveException;
import org.vmstate4j.engine.model.VmStateDescription;
import org.vmstate4j.engine.stream.TestDevices.Idle;
import org.vmstate4j.engine.stream.TestDevices.OneByte;
import org.vmstate4j.engine.testing.NvmeLiteModel;

/** Exact bytes and JSON text of written streams. */
class StreamFormatTest {
  static final HexFormat HEX = HexFormat.of();

  static String hex(String ascii) {
    return HEX.formatHex(ascii.getBytes(StandardCharsets.ISO_8859_1));
  }

  static String clean(String hex) {
    return hex.replaceAll("[\\s|·]", "");
  }

  static Registry port92(int value) {
    OneByte b = new OneByte();
    b.value = (byte) value;
    Registry r = new Registry("pc");
    r.register(TestDevices.oneByte("port92", "outport"), b);
    return r;
  }

  static final String PORT92_JSON = "{\"page_size\": 4096, \"devices\": [{\"name\": \"port92\","
      + " \"instance_id\": 0, \"vmsd_name\": \"port92\", \"version\": 1, \"fields\":"
      + " [{\"name\": \"outport\", \"type\": \"uint8\", \"size\": 1}]}]}";

  @Test
  void tinyStreamBytes() {
    SaveResult[] result = new SaveResult[1];
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    result[0] = new StreamWriter(port92(0x5a)).write(out);
    String expected = clean(
        "5145564d 00000003"                                   // magic, version 3
        + "| 07 00000002 7063"                                // configuration: "pc"
        + "| 04 00000000 06 706f72743932 00000000 00000001"   // FULL, id 0, "port92", inst 0, v1
        + "| 5a"                                              // outport
        + "| 7e 00000000"                                     // footer
        + "| 00"                                              // EOF
        + "| 06 000000a8")                                    // vmdesc, 168 bytes
        + hex(PORT92_JSON);
    assertThat(HEX.formatHex(out.toByteArray())).isEqualTo(expected);
    assertThat(result[0].vmdesc()).isEqualTo(PORT92_JSON);
    assertThat(result[0].bytes()).isEqualTo(out.size());
    assertThat(result[0].sections()).containsExactly(new SectionInfo(SectionType.FULL, 0,
        "port92", 0, 1, 15, 35, 36));
  }

  @Test
  void optionsLeaveOutConfigurationFootersAndDescription() {
    byte[] b = new StreamWriter(port92(0x5a), WriteOptions.DEFAULT.withConfiguration(false)
        .withSectionFooters(false).withVmdesc(false)).toBytes();
    assertThat(HEX.formatHex(b)).isEqualTo(clean(
        "5145564d 00000003 | 04 00000000 06 706f72743932 00000000 00000001 | 5a | 00"));
  }

  @Test
  void pageSizeOption() {
    SaveResult r = new StreamWriter(port92(1), WriteOptions.DEFAULT.withPageSize(65536))
        .write(new java.io.ByteArrayOutputStream());
    assertThat(r.vmdesc()).startsWith("{\"page_size\": 65536, \"devices\": [");
  }

  @Test
  void notNeededDeviceIsLeftOutButKeepsItsSectionId() {
    Registry r = new Registry("pc");
    r.register(TestDevices.IDLE, new Idle());
    OneByte b = new OneByte();
    b.value = 1;
    r.register("port92", -1, TestDevices.oneByte("port92", "outport"), b);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    SaveResult s = new StreamWriter(r).write(out);
    String h = HEX.formatHex(out.toByteArray());
    // section id 1, instance id 0xffffffff
    assertThat(h).contains(clean("04 00000001 06 706f72743932 ffffffff 00000001 | 01 | 7e 00000001 | 00 06"));
    assertThat(s.vmdesc()).contains("{\"name\": \"port92\", \"instance_id\": 4294967295,")
        .doesNotContain("idle");
    assertThat(s.notNeeded()).extracting(Registry.Entry::idstr).containsExactly("idle");
  }

  @Test
  void nvmeLiteSectionBytesAndDescription() {
    Registry r = new Registry("pc");
    r.register("nvme-lite", 0, NvmeLiteModel.NVME_LITE_NO_HOOKS, TestDevices.nvme());
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    SaveResult s = new StreamWriter(r).write(out);
    String data = clean(
        "00460001 00000001 001f001f 0000000012340000 0000000012350000" // cc csts aqa asq acq
        + "| 00000004"                                                 // num_queues
        + "| 31 0000 0000 00000003 00000007 00000020 0000000012340000" // sq[0]
        + "| 30"                                                       // sq[1] NULL
        + "| 31 0002 0002 00000001 00000001 00000400 00007fff00001000" // sq[2]
        + "| 30"                                                       // sq[3] NULL
        + "| 31 01 0000 0001 00000000 00000000 00000000 00000020 0000000012350000" // cq[0]
        + "| 30"
        + "| 31 00 0002 0001 00000000 00000000 00000002 00000400 00007fff00002000" // cq[2]
        + "| 30"
        + "| 05 0f") + hex("nvme-lite/dbbuf") + clean(
        "00000001 0000000000abc000 0000000000abd000");
    String expected = clean("5145564d 00000003 | 07 00000002 7063"
        + "| 04 00000000 09") + hex("nvme-lite") + clean("00000000 00000001")
        + data + clean("7e 00000000 | 00 06")
        + String.format("%08x", s.vmdesc().length()) + hex(s.vmdesc());
    assertThat(HEX.formatHex(out.toByteArray())).isEqualTo(expected);

    String sq = "{\"vmsd_name\": \"nvme-lite-sq\", \"version\": 1, \"fields\": ["
        + "{\"name\": \"sqid\", \"type\": \"uint16\", \"size\": 2}, "
        + "{\"name\": \"cqid\", \"type\": \"uint16\", \"size\": 2}, "
        + "{\"name\": \"head\", \"type\": \"uint32\", \"size\": 4}, "
        + "{\"name\": \"tail\", \"type\": \"uint32\", \"size\": 4}, "
        + "{\"name\": \"size\", \"type\": \"uint32\", \"size\": 4}, "
        + "{\"name\": \"dma_addr\", \"type\": \"uint64\", \"size\": 8}]}";
    String cq = "{\"vmsd_name\": \"nvme-lite-cq\", \"version\": 1, \"fields\": ["
        + "{\"name\": \"phase\", \"type\": \"uint8\", \"size\": 1}, "
        + "{\"name\": \"cqid\", \"type\": \"uint16\", \"size\": 2}, "
        + "{\"name\": \"irq_enabled\", \"type\": \"uint16\", \"size\": 2}, "
        + "{\"name\": \"head\", \"type\": \"uint32\", \"size\": 4}, "
        + "{\"name\": \"tail\", \"type\": \"uint32\", \"size\": 4}, "
        + "{\"name\": \"vector\", \"type\": \"uint32\", \"size\": 4}, "
        + "{\"name\": \"size\", \"type\": \"uint32\", \"size\": 4}, "
        + "{\"name\": \"dma_addr\", \"type\": \"uint64\", \"size\": 8}]}";
    String marker = "{\"name\": \"%s\", \"type\": \"ptr-marker\", \"size\": 1}";
    String elem = "{\"name\": \"%s\", \"type\": \"struct\", \"struct\": %s, \"size\": %d}";
    String sqs = String.join(", ", String.format(marker, "sq"), String.format(elem, "sq", sq, 24),
        String.format(marker, "sq"), String.format(marker, "sq"),
        String.format(elem, "sq", sq, 24), String.format(marker, "sq"));
    String cqs = String.join(", ", String.format(marker, "cq"), String.format(elem, "cq", cq, 29),
        String.format(marker, "cq"), String.format(marker, "cq"),
        String.format(elem, "cq", cq, 29), String.format(marker, "cq"));
    String json = "{\"page_size\": 4096, \"devices\": [{\"name\": \"nvme-lite\", \"instance_id\": 0,"
        + " \"vmsd_name\": \"nvme-lite\", \"version\": 1, \"fields\": ["
        + "{\"name\": \"cc\", \"type\": \"uint32\", \"size\": 4}, "
        + "{\"name\": \"csts\", \"type\": \"uint32\", \"size\": 4}, "
        + "{\"name\": \"aqa\", \"type\": \"uint32\", \"size\": 4}, "
        + "{\"name\": \"asq\", \"type\": \"uint64\", \"size\": 8}, "
        + "{\"name\": \"acq\", \"type\": \"uint64\", \"size\": 8}, "
        + "{\"name\": \"num_queues\", \"type\": \"uint32 equal\", \"size\": 4}, "
        + sqs + ", " + cqs + "], \"subsections\": [{\"vmsd_name\": \"nvme-lite/dbbuf\","
        + " \"version\": 1, \"fields\": [{\"name\": \"dbbuf_dbs\", \"type\": \"uint64\","
        + " \"size\": 8}, {\"name\": \"dbbuf_eis\", \"type\": \"uint64\", \"size\": 8}]}]}]}";
    assertThat(s.vmdesc()).isEqualTo(json);

    // the description's sizes add up to the section's data length
    java.util.List<org.vmstate4j.engine.wire.WirePart> parts = new java.util.ArrayList<>();
    org.vmstate4j.engine.wire.StreamWalker.walk(out.toByteArray(),
        org.vmstate4j.engine.wire.WireOptions.DEFAULT, parts::add);
    long delimited = parts.stream().filter(p -> p.sectionId() == 0
        && (p.kind() == org.vmstate4j.engine.wire.PartKind.DEVICE_FIELDS
            || p.kind() == org.vmstate4j.engine.wire.PartKind.SUBSECTION))
        .mapToLong(org.vmstate4j.engine.wire.WirePart::length).sum();
    assertThat(delimited).isEqualTo(data.length() / 2)
        .isEqualTo(s.sections().get(0).dataLength());
    assertThat(new String(org.vmstate4j.engine.wire.VmDescription.find(out.toByteArray()).json(),
        java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(json);
  }

  @Test
  void unmigratableDeviceBlocksTheSave() {
    Registry r = port92(0);
    VmStateDescription blocked = VmStateDescription.builder("blocker").unmigratable(true)
        .build();
    r.register(blocked, new Object());
    assertThatThrownBy(() -> new StreamWriter(r).toBytes())
        .isInstanceOf(VmStateSaveException.class)
        .hasMessageContaining("State blocked by non-migratable device 'blocker'");
  }
}
