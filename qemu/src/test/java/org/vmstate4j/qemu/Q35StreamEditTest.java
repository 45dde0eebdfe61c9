package org.vmstate4j.qemu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.vmstate4j.qemu.QemuStreams.WAIT;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmstate4j.dsl.qemu.IsaSerial;
import org.vmstate4j.dsl.qemu.PciBus;
import org.vmstate4j.dsl.qemu.QemuDevices;
import org.vmstate4j.engine.VmStateLoadException;
import org.vmstate4j.engine.edit.Assignment;
import org.vmstate4j.engine.edit.StreamEdit;
import org.vmstate4j.engine.stream.LoadResult;
import org.vmstate4j.engine.stream.MigrationStreams;
import org.vmstate4j.engine.stream.ReadOptions;
import org.vmstate4j.engine.stream.Registry;
import org.vmstate4j.engine.wire.PartKind;
import org.vmstate4j.engine.wire.WirePart;
import org.vmstate4j.qemu.QemuStreams.Observed;

/**
 * A q35 guest migrated with the {@code x-ignore-shared} capability: the stream carries a
 * configuration subsection and the RAM blocks' addresses, which must pass through an edit; the
 * destination sets the same capability ({@code -incoming defer}).
 */
class Q35StreamEditTest {
  static final Machine Q35 = Machine.q35().withSerial();
  static final Map<String, Boolean> IGNORE_SHARED = Map.of("x-ignore-shared", true);

  @TempDir static Path dir;
  static Path stream;
  static Observed source;

  @BeforeAll
  static void streams() throws Exception {
    RequireQemu.installed();
    QemuProcess guest = Guests.afterBios(Q35);
    guest.qmp().setCapabilities(IGNORE_SHARED);
    source = Observed.of(guest);
    stream = QemuStreams.migrate(guest, dir.resolve("q35-ignore-shared.mig"));
  }

  @Test
  void theStreamHasAConfigurationSubsectionAndRamBlockAddresses() throws Exception {
    List<WirePart> parts = QemuStreams.parts(stream);
    assertThat(parts.get(1).kind()).isEqualTo(PartKind.CONFIGURATION);
    assertThat(parts.get(1).name()).isEqualTo("pc-q35-7.2");
    assertThat(parts.get(2).kind()).isEqualTo(PartKind.SUBSECTION);
    assertThat(parts.get(2).name()).isEqualTo("configuration/capabilities");
    // with x-ignore-shared each RAM block's used length is followed by its be64 address:
    // "pc.ram", length 16 MiB, address 0
    byte[] b = Files.readAllBytes(stream);
    byte[] pcRam = {6, 'p', 'c', '.', 'r', 'a', 'm', 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0};
    assertThat(indexOf(b, pcRam)).isPositive();
    assertThat(source.ramWord()).isEqualTo(0x03f8);
    assertThat(source.halted()).isTrue();
  }

  /** Check 5. */
  @Test
  void aGenericEditOnQ35WithIgnoreSharedIsWhatQemuShows() throws Exception {
    Path out = dir.resolve("generic.mig");
    StreamEdit.of(stream)
        .set(Assignment.parse("serial/state/scr=0x5a"))
        .set(Assignment.parse("mc146818rtc/cmos_data[14]=0xa5"))
        .writeTo(out);
    // the configuration subsection and the RAM block addresses pass through: only two bytes
    // differ
    assertThat(QemuStreams.differences(stream, out)).hasSize(2);

    Observed unedited = QemuStreams.observe(Q35, stream, IGNORE_SHARED);
    assertThat(unedited).isEqualTo(source);
    Observed edited = QemuStreams.observe(Q35, out, IGNORE_SHARED);
    assertThat(edited.scr()).isEqualTo(0x5a).isNotEqualTo(unedited.scr());
    assertThat(edited.cmos0e()).isEqualTo(0xa5).isNotEqualTo(unedited.cmos0e());
    assertThat(edited.ramWord()).isEqualTo(unedited.ramWord());
    assertThat(edited.eip()).isEqualTo(unedited.eip());
    assertThat(edited.halted()).isEqualTo(unedited.halted());
  }

  /** QEMU validates the capability the configuration subsection carries. */
  @Test
  void aDestinationWithoutTheCapabilityRefusesTheStream() {
    try (QemuProcess dst = QemuProcess.loadFile(Q35, stream, Map.of(), WAIT)) {
      MigrationStatus s = dst.lastIncoming();
      assertThat(s.failed()).as("%s", s).isTrue();
      assertThat(s.error()).contains("x-ignore-shared");
    }
  }

  @Test
  void theRegistryForAQ35StreamHasAnEightLinePciBusAndLoadsIt() throws Exception {
    Registry r = QemuDevices.registryFor(stream);
    assertThat(r.machineName()).isEqualTo("pc-q35-7.2");
    PciBus bus = (PciBus) r.find("PCIBUS", 0).object();
    assertThat(bus.nirq).isEqualTo(8);
    LoadResult loaded = MigrationStreams.load(r, stream, ReadOptions.DEFAULT.withSkipUnknown(true));
    assertThat(loaded.absent()).isEmpty();
    assertThat(loaded.loaded()).extracting(s -> s.idstr()).contains("PCIBUS", "serial",
        "mc146818rtc", "i8259");
    assertThat(bus.irqCount).hasSize(8);

    // i440FX's 4 lines do not fit: QEMU's own check on nirq
    Registry fourLines = new Registry("pc-q35-7.2");
    fourLines.registerWithSectionId(r.find("PCIBUS", 0).sectionId(), "PCIBUS", 0, PciBus.VMSD,
        new PciBus());
    assertThatThrownBy(() -> MigrationStreams.load(fourLines, stream,
        ReadOptions.DEFAULT.withSkipUnknown(true)))
        .isInstanceOf(VmStateLoadException.class)
        .hasMessageContaining("nirq");
  }

  @Test
  void aTypedEditOnQ35ThroughTheStreamsRegistryIsLoadedByQemu() throws Exception {
    Registry r = QemuDevices.registryFor(stream);
    Path out = dir.resolve("typed.mig");
    StreamEdit.of(stream).edit(r,
        x -> ((IsaSerial) x.find("serial", 0).object()).state.scr = 0x77).writeTo(out);
    assertThat(QemuStreams.differences(stream, out)).hasSize(1);
    Observed o = QemuStreams.observe(Q35, out, IGNORE_SHARED);
    assertThat(o.scr()).isEqualTo(0x77);
    assertThat(o.ramWord()).isEqualTo(source.ramWord());
    assertThat(o.eip()).isEqualTo(source.eip());
  }

  static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
