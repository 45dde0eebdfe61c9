package org.vmstate4j.engine.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vmstate4j.engine.VmStateLoadException;
import org.vmstate4j.engine.codec.Codecs;
import org.vmstate4j.engine.stream.Regs.Dev;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Real QEMU 7.2 streams (see src/test/resources/qemu-samples/README.md): ten small device
 * sections of pc-min.mig are loaded into engine-level descriptions, everything else (RAM and
 * the other devices) is skipped, and the ten sections are written again byte for byte.
 */
class QemuSampleStreamTest {
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final HexFormat HEX = HexFormat.of();

  static Path sample(String name) throws URISyntaxException {
    return Path.of(QemuSampleStreamTest.class.getResource("/qemu-samples/" + name).toURI());
  }

  /** The descriptions of QEMU 7.2's devices, by idstr. */
  static Map<String, Dev> devices() {
    Map<String, Dev> m = new LinkedHashMap<>();
    m.put("timer", new Dev("timer", 2, 1).i("cpu_ticks_offset", Codecs.INT64).unused(8)
        .i("cpu_clock_offset", Codecs.INT64));
    m.put("cpu_common", new Dev("cpu_common", 1, 1)
        .is(Codecs.UINT32, "halted", "interrupt_request"));
    Dev fw = new Dev("fw_cfg", 2, 1).i("cur_entry", Codecs.UINT16)
        .i("cur_offset", Codecs.UINT16, (o, v) -> v == 1)
        .iv("cur_offset", Codecs.UINT32, 2);
    fw.sub("fw_cfg/dma", 0).i("dma_addr", Codecs.UINT64);
    fw.sub("fw_cfg/acpi_mr", 1)
        .is(Codecs.UINT64, "table_mr_size", "linker_mr_size", "rsdp_mr_size");
    m.put("fw_cfg", fw);
    m.put("i8259", new Dev("i8259", 1, 1).is(Codecs.UINT8, "last_irr", "irr", "imr", "isr",
        "priority_add", "irq_base", "read_reg_select", "poll", "special_mask", "init_state",
        "auto_eoi", "rotate_on_auto_eoi", "special_fully_nested_mode", "init4", "single_mode",
        "elcr"));
    m.put("mc146818rtc", new Dev("mc146818rtc", 3, 1).buf("cmos_data", 128)
        .i("cmos_index", Codecs.UINT8).unused(28).i("periodic_timer", Codecs.TIMER)
        .i("next_periodic_time", Codecs.INT64).unused(24)
        .is(Codecs.UINT32, "irq_coalesced", "period")
        .is(Codecs.UINT64, "base_rtc", "last_update").i("offset", Codecs.INT64)
        .i("update_timer", Codecs.TIMER).i("next_alarm_time", Codecs.UINT64));
    Dev channel = new Dev("pit channel", 2, 2).i("count", Codecs.INT32)
        .i("latched_count", Codecs.UINT16)
        .is(Codecs.UINT8, "count_latched", "status_latched", "status", "read_state",
            "write_state", "write_latch", "rw_mode", "mode", "bcd", "gate")
        .is(Codecs.INT64, "count_load_time", "next_transition_time");
    m.put("i8254", new Dev("i8254", 3, 2).iv("channels[0].irq_disabled", Codecs.UINT32, 3)
        .structs("channels", 3, channel)
        .inStruct("channels[0].next_transition_time", Codecs.INT64, 0, 13));
    m.put("pcspk", new Dev("pcspk", 1, 1)
        .is(Codecs.UINT8, "data_on", "dummy_refresh_clock"));
    m.put("port92", new Dev("port92", 1, 1).i("outport", Codecs.UINT8));
    m.put("globalstate", new Dev("globalstate", 1, 1).i("size", Codecs.UINT32)
        .buf("runstate", 100));
    return m;
  }

  /** One vector of devices-pc-min.json with its object. */
  record Vector(JsonNode json, Regs object) {
    String idstr() {
      return json.get("idstr").asString();
    }

    int instance() {
      return json.get("instance_id").asInt();
    }
  }

  /** Registers the ten sample devices (fresh objects) with their QEMU section ids. */
  static List<Vector> register(Registry r) throws Exception {
    Map<String, Dev> devs = devices();
    List<Vector> out = new ArrayList<>();
    JsonNode vectors = JSON.readTree(sample("devices-pc-min.json"));
    for (JsonNode v : vectors.values()) {
      Dev d = devs.get(v.get("idstr").asString());
      Regs obj = d.object();
      r.registerWithSectionId(v.get("section_id").asInt(), v.get("idstr").asString(),
          v.get("instance_id").asInt(), d.build(), obj);
      out.add(new Vector(v, obj));
    }
    return out;
  }

  @Test
  void loadsTenDevicesOfPcMinAndSkipsTheRest() throws Exception {
    Registry r = new Registry("pc-i440fx-7.2");
    List<Vector> vectors = register(r);
    LoadResult res = new StreamReader(r, ReadOptions.DEFAULT.withSkipUnknown(true))
        .read(sample("pc-min.mig"));

    assertThat(res.machineName()).isEqualTo("pc-i440fx-7.2");
    assertThat(res.warnings()).isEmpty();
    assertThat(res.absent()).isEmpty();
    assertThat(res.bytes()).isEqualTo(350517);
    assertThat(res.loaded()).hasSize(10);
    for (int k = 0; k < 10; k++) {
      JsonNode v = vectors.get(k).json();
      SectionInfo s = res.loaded().get(k);
      assertThat(s.idstr()).isEqualTo(v.get("idstr").asString());
      assertThat(s.instanceId()).isEqualTo(v.get("instance_id").asInt());
      assertThat(s.sectionId()).isEqualTo(v.get("section_id").asInt());
      assertThat(s.versionId()).isEqualTo(v.get("version_id").asInt());
      assertThat(s.headerOffset()).isEqualTo(v.get("header_offset").asLong());
      assertThat(s.dataOffset()).isEqualTo(v.get("data_offset").asLong());
      assertThat(s.dataEnd()).isEqualTo(v.get("data_end").asLong());
    }

    // RAM START/PART/END and the 20 other device sections were skipped, all footers matched
    assertThat(res.skipped()).hasSize(23);
    List<JsonNode> items = new ArrayList<>(JSON.readTree(sample("pc-min.sections.json"))
        .values());
    items.removeIf(i -> !i.has("section_id")
        || vectors.stream().anyMatch(v -> v.idstr().equals(i.get("idstr").asString())
            && v.instance() == i.path("instance_id").asInt(-1)));
    for (int k = 0; k < items.size(); k++) {
      JsonNode i = items.get(k);
      SectionInfo s = res.skipped().get(k).section();
      assertThat(s.type().name()).isEqualTo(i.get("kind").asString());
      assertThat(s.idstr()).isEqualTo(i.get("idstr").asString());
      assertThat(s.headerOffset()).isEqualTo(i.get("header_offset").asLong());
      assertThat(s.dataOffset()).isEqualTo(i.get("data_offset").asLong());
      assertThat(s.dataEnd()).isEqualTo(i.get("data_end").asLong());
    }
    assertThat(res.skipped().get(1).how()).isEqualTo("RAM page records");
    assertThat(res.skipped().get(3).section().idstr()).isEqualTo("cpu");
    assertThat(res.skipped().get(3).how())
        .isEqualTo("size from the stream's JSON description (1851 bytes)");

    Map<String, Regs> byId = new LinkedHashMap<>();
    for (Vector v : vectors) {
      byId.put(v.idstr() + v.instance(), v.object());
    }
    Regs gs = byId.get("globalstate0");
    assertThat(gs.v[0]).isEqualTo(10);
    assertThat(new String(gs.b[0], 0, 9, StandardCharsets.US_ASCII)).isEqualTo("prelaunch");
    assertThat(byId.get("cpu_common0").v[1]).isEqualTo(0x10);
    Regs fw = byId.get("fw_cfg0");
    assertThat(fw.v[3]).isZero();
    assertThat(new long[] {fw.v[4], fw.v[5], fw.v[6]}).containsExactly(0x20000, 0x1000, 0x14);
    Regs pit = byId.get("i8254" + 0);
    for (int c = 0; c < 3; c++) {
      assertThat(pit.structs[c].v[0]).isEqualTo(0x10000);
      assertThat(pit.structs[c].v[9]).isEqualTo(3);
    }
    assertThat(new long[] {pit.structs[0].v[11], pit.structs[1].v[11], pit.structs[2].v[11]})
        .containsExactly(1, 1, 0);
    assertThat(pit.structs[0].v[13]).isEqualTo(0x1a30c2c);
    Regs rtc = byId.get("mc146818rtc0");
    assertThat(rtc.v[1]).isEqualTo(-1); // periodic_timer not armed
    assertThat(rtc.v[5]).isEqualTo(0x6b0754de);
    assertThat(rtc.v[9]).isEqualTo(0x18eb6f40bc5202e0L);
  }

  @Test
  void resavesTheTenSectionsByteForByteWithQemusDescription() throws Exception {
    Registry r = new Registry("pc-i440fx-7.2");
    List<Vector> vectors = register(r);
    new StreamReader(r, ReadOptions.DEFAULT.withSkipUnknown(true)).read(sample("pc-min.mig"));

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    // the load skipped RAM, CPU, ...: a stream of the ten devices alone is asked for explicitly
    SaveResult saved = new StreamWriter(r, WriteOptions.DEFAULT.withDevicesOnly(true)).write(out);
    byte[] b = out.toByteArray();
    assertThat(saved.sections()).hasSize(10);
    JsonNode desc = JSON.readTree(saved.vmdesc());
    assertThat(desc.get("page_size").asInt()).isEqualTo(4096);
    for (int k = 0; k < 10; k++) {
      Vector vec = vectors.get(k);
      JsonNode v = vec.json();
      SectionInfo s = saved.sections().get(k);
      String header = HEX.formatHex(b, (int) s.headerOffset(), (int) s.dataOffset());
      String data = HEX.formatHex(b, (int) s.dataOffset(), (int) s.dataEnd());
      String footer = HEX.formatHex(b, (int) s.dataEnd(), (int) s.dataEnd() + 5);
      assertThat(header).as(vec.idstr() + " header").isEqualTo(v.get("header_hex").asString());
      assertThat(data).as(vec.idstr() + " data").isEqualTo(v.get("data_hex").asString());
      assertThat(footer).as(vec.idstr() + " footer").isEqualTo(v.get("footer_hex").asString());
      // the description QEMU wrote for the device, same keys in the same order
      assertThat(JSON.writeValueAsString(desc.get("devices").get(k)))
          .as(vec.idstr() + " vmdesc").isEqualTo(JSON.writeValueAsString(v.get("vmdesc")));
    }
  }

  @Test
  void streamInputWithTheDescriptionGivenLoadsTheSame() throws Exception {
    Path file = sample("pc-min.mig");
    org.vmstate4j.engine.wire.VmDescription.Found found;
    try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file)) {
      found = org.vmstate4j.engine.wire.VmDescription.find(ch);
    }
    String json = new String(found.json(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(json).hasSize(98649);
    Registry a = new Registry("pc-i440fx-7.2");
    register(a);
    LoadResult fromPath = new StreamReader(a, ReadOptions.DEFAULT.withSkipUnknown(true))
        .read(file);
    Registry b = new Registry("pc-i440fx-7.2");
    register(b);
    LoadResult fromStream;
    try (InputStream in = Files.newInputStream(file)) {
      fromStream = new StreamReader(b, ReadOptions.DEFAULT.withSkipUnknown(true)
          .withDescription(json)).read(in);
    }
    assertThat(fromStream.loaded()).isEqualTo(fromPath.loaded());
    assertThat(fromStream.skipped()).isEqualTo(fromPath.skipped());
    assertThat(fromStream.vmdesc()).isEqualTo(json);
  }

  @Test
  void withoutSkippingTheRamSectionIsUnknown() throws Exception {
    Registry r = new Registry("pc-i440fx-7.2");
    List<Vector> vectors = register(r);
    assertThatThrownBy(() -> new StreamReader(r).read(sample("pc-min.mig")))
        .isInstanceOf(VmStateLoadException.class)
        .hasMessageContaining("@26 (0x1a): Unknown section or instance 'ram' 0. Make sure")
        .hasMessageContaining("registered: 'timer' 0, 'cpu_common' 0, 'fw_cfg' 0");
    assertThat(vectors.get(0).object().v).containsOnly(0);
  }

  @Test
  void aDryRunOfPcMinLeavesTheDevicesAlone() throws Exception {
    Registry r = new Registry("pc-i440fx-7.2");
    List<Vector> vectors = register(r);
    LoadResult res = new StreamReader(r,
        ReadOptions.DEFAULT.withSkipUnknown(true).withDryRun(true)).read(sample("pc-min.mig"));
    assertThat(res.loaded()).hasSize(10);
    for (Vector v : vectors) {
      assertThat(v.object().v).as(v.idstr()).containsOnly(0);
    }
  }

  @Test
  void noneMigHasRamStartAndEndWithoutPart() throws Exception {
    Registry r = new Registry("none");
    Map<String, Dev> devs = devices();
    Regs timer = devs.get("timer").object();
    Regs gs = devs.get("globalstate").object();
    r.register("timer", 0, devs.get("timer").build(), timer);
    r.register("globalstate", 0, devs.get("globalstate").build(), gs);
    LoadResult res = MigrationStreams.load(r, sample("none.mig"),
        ReadOptions.DEFAULT.withSkipUnknown(true));
    assertThat(res.skipped()).extracting(s -> s.section().type())
        .containsExactly(SectionType.START, SectionType.END);
    assertThat(res.loaded()).extracting(SectionInfo::dataOffset).containsExactly(92L, 146L);
    assertThat(gs.v[0]).isEqualTo(10);
    assertThat(res.warnings()).isEmpty();
  }

  @Test
  void machineNameOfTheSampleIsChecked() throws Exception {
    Registry r = new Registry("pc-q35-7.2");
    register(r);
    assertThatThrownBy(() -> new StreamReader(r, ReadOptions.DEFAULT.withSkipUnknown(true))
        .read(sample("pc-min.mig")))
        .hasMessageContaining("@9 (0x9): Machine type received is 'pc-i440fx-7.2' and local"
            + " is 'pc-q35-7.2'");
  }
}
