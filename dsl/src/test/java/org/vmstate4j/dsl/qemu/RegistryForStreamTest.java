package org.vmstate4j.dsl.qemu;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.vmstate4j.engine.stream.LoadResult;
import org.vmstate4j.engine.stream.MigrationStreams;
import org.vmstate4j.engine.stream.ReadOptions;
import org.vmstate4j.engine.stream.Registry;

/** A registry of the catalog's devices made from a stream, and PCIBUS's lines per machine. */
class RegistryForStreamTest {
  static Path sample(String name) throws Exception {
    return Path.of(RegistryForStreamTest.class.getResource("/qemu-samples/" + name).toURI());
  }

  @Test
  void theRegistryHoldsEveryCatalogSectionOfTheStreamWithItsIds() throws Exception {
    Registry r = QemuDevices.registryFor(sample("pc-serial-net.mig"));
    assertThat(r.machineName()).isEqualTo("pc-i440fx-7.2");
    assertThat(r.entries()).extracting(Registry.Entry::idstr).contains("timer", "PCIBUS",
        "i8259", "mc146818rtc", "serial", "globalstate").doesNotContain("ram", "cpu", "slirp");
    assertThat(r.find("i8259", 1)).isNotNull();
    assertThat(r.find("serial", 0).sectionId()).isEqualTo(40);
    assertThat(((PciBus) r.find("PCIBUS", 0).object()).nirq).isEqualTo(4);

    LoadResult loaded = MigrationStreams.load(r, sample("pc-serial-net.mig"),
        ReadOptions.DEFAULT.withSkipUnknown(true));
    assertThat(loaded.absent()).isEmpty();
    assertThat(loaded.loaded()).hasSize(r.size());
    assertThat(((IsaSerial) r.find("serial", 0).object()).state.divider).isPositive();
  }

  @Test
  void pciBusLinesFollowTheMachineType() {
    assertThat(PciBus.forMachine("pc-q35-7.2").nirq).isEqualTo(8);
    assertThat(PciBus.forMachine("q35").irqCount).hasSize(8);
    assertThat(PciBus.forMachine("pc-i440fx-7.2").nirq).isEqualTo(4);
    assertThat(PciBus.forMachine("pc").nirq).isEqualTo(4);
    assertThat(((PciBus) QemuDevices.get("PCIBUS").newState("pc-q35-2.12")).nirq).isEqualTo(8);
    assertThat(((PciBus) QemuDevices.get("PCIBUS").newState()).nirq).isEqualTo(4);
    // devices whose shape does not depend on the machine ignore it
    assertThat(QemuDevices.get("serial").newState("pc-q35-7.2")).isInstanceOf(IsaSerial.class);
  }
}
