package org.vmstate4j.dsl.qemu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vmstate4j.dsl.qemu.QemuSamples.HEX;
import static org.vmstate4j.dsl.qemu.QemuSamples.JSON;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vmstate4j.engine.stream.LoadResult;
import org.vmstate4j.engine.stream.MigrationStreams;
import org.vmstate4j.engine.stream.ReadOptions;
import org.vmstate4j.engine.stream.Registry;
import org.vmstate4j.engine.stream.SaveResult;
import org.vmstate4j.engine.stream.SectionInfo;
import org.vmstate4j.engine.stream.WriteOptions;
import tools.jackson.databind.JsonNode;

/**
 * The whole pc-min.mig through a stream registry: the declared devices are registered with
 * QEMU's section ids, every other section (RAM, CPU, PCI devices, …) is skipped, and the saved
 * stream repeats each declared section byte for byte.
 */
class PcMinStreamTest {
  private static final String MACHINE = "pc-i440fx-7.2";

  /** Registers a fresh object for each declared FULL section of pc-min, with its section id. */
  private static Registry registry() {
    Registry r = new Registry(MACHINE);
    for (JsonNode s : PcMinSectionsTest.declaredSections()) {
      QemuDevices.Device<?> d = QemuDevices.get(s.get("idstr").asString());
      r.registerWithSectionId(s.get("section_id").asInt(), d.idstr(),
          s.get("instance_id").asInt(), d.vmsd(), d.newState());
    }
    return r;
  }

  private static byte[] slice(byte[] b, long from, long to) {
    return Arrays.copyOfRange(b, (int) from, (int) to);
  }

  @Test
  void loadsTheDeclaredSectionsSkipsTheRestAndSavesThemIdentically() {
    byte[] mig = QemuSamples.pcMin();
    Registry registry = registry();
    LoadResult loaded = MigrationStreams.load(registry, mig,
        ReadOptions.DEFAULT.withSkipUnknown(true));

    assertThat(loaded.machineName()).isEqualTo(MACHINE);
    assertThat(loaded.absent()).isEmpty();
    assertThat(loaded.bytes()).isEqualTo(mig.length);
    assertThat(loaded.loaded()).extracting(SectionInfo::idstr).containsExactly(
        "timer", "cpu_common", "fw_cfg", "PCIHost", "PCIBUS", "i8259", "i8259", "mc146818rtc",
        "i8254", "pcspk", "port92", "acpi_build", "globalstate");
    List<String> skipped = new ArrayList<>();
    loaded.skipped().forEach(s -> skipped.add(s.section().idstr()));
    assertThat(skipped).contains("ram", "cpu", "apic", "0000:00:00.0/I440FX", "hpet", "fdc",
        "0000:00:01.3/piix4_pm").doesNotContain("timer", "globalstate");

    // the loaded sections are where pc-min.sections.json says
    Map<String, JsonNode> expected = new HashMap<>();
    for (JsonNode s : PcMinSectionsTest.declaredSections()) {
      expected.put(s.get("section_id").asString(), s);
    }
    for (SectionInfo s : loaded.loaded()) {
      JsonNode e = expected.get(Integer.toString(s.sectionId()));
      assertThat(s.dataOffset()).as(s.toString()).isEqualTo(e.get("data_offset").asLong());
      assertThat(s.dataEnd()).as(s.toString()).isEqualTo(e.get("data_end").asLong());
    }
    GlobalState gs = (GlobalState) registry.find("globalstate", 0).object();
    assertThat(gs.runstateName()).isEqualTo("prelaunch");
    Pit pit = (Pit) registry.find("i8254", 0).object();
    assertThat(pit.channels[0].nextTransitionTime).isEqualTo(0x1a30c2cL);
    FwCfg fw = (FwCfg) registry.find("fw_cfg", 0).object();
    assertThat(fw.tableMrSize).isEqualTo(0x20000);

    // save again, only the declared devices (asked for explicitly: the load skipped sections):
    // each FULL section, header to footer, is the original's bytes
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SaveResult saved = MigrationStreams.save(registry, out,
        WriteOptions.DEFAULT.withDevicesOnly(true));
    byte[] again = out.toByteArray();
    assertThat(saved.notNeeded()).isEmpty();
    assertThat(saved.sections()).hasSize(13);
    for (SectionInfo s : saved.sections()) {
      JsonNode e = expected.get(Integer.toString(s.sectionId()));
      assertThat(HEX.formatHex(slice(again, s.dataOffset(), s.dataEnd())))
          .as("data of %s", s).isEqualTo(HEX.formatHex(slice(mig,
              e.get("data_offset").asLong(), e.get("data_end").asLong())));
      assertThat(HEX.formatHex(slice(again, s.headerOffset(), s.dataEnd() + 5)))
          .as("header, data and footer of %s", s).isEqualTo(HEX.formatHex(slice(mig,
              e.get("header_offset").asLong(), e.get("footer_offset").asLong() + 5)));
    }

    // the new stream's vmdesc describes those devices exactly as pc-min's did
    JsonNode devices = JSON.readTree(saved.vmdesc()).get("devices");
    assertThat(devices.size()).isEqualTo(13);
    for (JsonNode d : devices) {
      assertThat(d).isEqualTo(
          QemuSamples.vmdesc(d.get("name").asString(), d.get("instance_id").asInt()));
    }

    // and the new stream loads back into fresh objects without skipping anything
    Registry fresh = registry();
    LoadResult back = MigrationStreams.load(fresh, again, ReadOptions.DEFAULT);
    assertThat(back.loaded()).hasSize(13);
    assertThat(back.skipped()).isEmpty();
    assertThat(MigrationStreams.toBytes(fresh)).isEqualTo(again);
  }
}
