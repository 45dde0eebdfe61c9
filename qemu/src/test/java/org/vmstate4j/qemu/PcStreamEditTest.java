package org.vmstate4j.qemu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.vmstate4j.qemu.QemuStreams.WAIT;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmstate4j.dsl.qemu.IsaSerial;
import org.vmstate4j.dsl.qemu.QemuDevices;
import org.vmstate4j.engine.VmStateSaveException;
import org.vmstate4j.engine.analyze.DecodedValue.IntValue;
import org.vmstate4j.engine.analyze.DecodedValue.StructValue;
import org.vmstate4j.engine.analyze.StreamAnalyzer;
import org.vmstate4j.engine.edit.Assignment;
import org.vmstate4j.engine.edit.StreamEdit;
import org.vmstate4j.engine.stream.LoadResult;
import org.vmstate4j.engine.stream.MigrationStreams;
import org.vmstate4j.engine.stream.ReadOptions;
import org.vmstate4j.engine.stream.Registry;
import org.vmstate4j.engine.stream.SectionInfo;
import org.vmstate4j.engine.stream.WriteOptions;
import org.vmstate4j.engine.wire.PartKind;
import org.vmstate4j.engine.wire.WirePart;
import org.vmstate4j.qemu.QemuStreams.Observed;

/**
 * Streams QEMU 7.2 writes for {@code -M pc -nodefaults -m 16} with COM1, edited by vmstate4j and
 * loaded by a destination QEMU started with the same machine arguments.
 */
class PcStreamEditTest {
  static final Machine PC = Machine.pc().withSerial();
  /** LSR bit 6: transmitter empty. */
  static final int TEMT = 0x40;

  @TempDir static Path dir;
  /** A guest that never ran. */
  static Path fresh;
  /** A guest whose BIOS ran until it halted. */
  static Path bios;
  /** What the BIOS guest showed before it was migrated. */
  static Observed source;

  @BeforeAll
  static void streams() throws Exception {
    RequireQemu.installed();
    fresh = QemuStreams.migrate(Guests.fresh(PC), dir.resolve("fresh.mig"));
    QemuProcess guest = Guests.afterBios(PC);
    source = Observed.of(guest);
    bios = QemuStreams.migrate(guest, dir.resolve("bios.mig"));
  }

  @Test
  void theBiosGuestHasRealStateToCompare() {
    assertThat(source.ramWord()).isEqualTo(0x03f8);
    assertThat(source.halted()).isTrue();
    assertThat(source.eip()).isNotEqualTo(0xfff0).isLessThan(0x100000);
  }

  /** Check 1. */
  @Test
  void anUneditedRewriteIsByteIdenticalAndQemuLoadsIt() throws Exception {
    for (Path stream : List.of(fresh, bios)) {
      Path out = dir.resolve("unedited-" + stream.getFileName());
      long n = StreamEdit.of(stream).writeTo(out);
      assertThat(n).isEqualTo(Files.size(stream));
      assertThat(Files.readAllBytes(out)).isEqualTo(Files.readAllBytes(stream));
      try (QemuProcess dst = QemuStreams.load(PC, out, Map.of())) {
        if (stream == bios) {
          assertThat(Observed.of(dst)).isEqualTo(source);
        } else {
          assertThat(dst.hmp().registers().eip()).isEqualTo(0xfff0);
        }
      }
    }
  }

  /** Check 2. */
  @Test
  void aGenericEditOfTheScratchRegisterAndACmosByteIsWhatQemuShows() throws Exception {
    Path out = dir.resolve("generic.mig");
    StreamEdit.of(bios)
        .set(Assignment.parse("serial/state/scr=0x5a"))
        .set(Assignment.parse("mc146818rtc/cmos_data[14]=0xa5"))
        .writeTo(out);
    assertThat(QemuStreams.differences(bios, out)).hasSize(2);
    Observed unedited = QemuStreams.observe(PC, bios, Map.of());
    assertThat(unedited.scr()).isNotEqualTo(0x5a);
    assertThat(unedited.cmos0e()).isNotEqualTo(0xa5);

    Observed edited = QemuStreams.observe(PC, out, Map.of());
    assertThat(edited.scr()).isEqualTo(0x5a);
    assertThat(edited.cmos0e()).isEqualTo(0xa5);
    // everything else is the unedited reload's: RAM the BIOS wrote, the CPU where it halted
    assertThat(edited.ramWord()).isEqualTo(unedited.ramWord()).isEqualTo(0x03f8);
    assertThat(edited.eip()).isEqualTo(unedited.eip());
    assertThat(edited.halted()).isEqualTo(unedited.halted()).isTrue();
  }

  /** Check 3. */
  @Test
  void aTypedEditThatMakesTheSerialSectionGrowIsLoadedByQemu() throws Exception {
    IsaSerial serial = new IsaSerial();
    Registry registry = new Registry();
    registry.register("serial", IsaSerial.VMSD, serial);
    Path out = dir.resolve("tsr.mig");
    // a byte waits in the transmitter: tsr_retry > 0 and TEMT clear go together for QEMU
    StreamEdit.of(bios).edit(registry, r -> {
      serial.state.tsrRetry = 1;
      serial.state.tsr = 0x41;
      serial.state.lsr &= ~TEMT;
    }).writeTo(out);

    // serial's fields grow from 11 to 33 bytes: the serial/tsr subsection appears
    assertThat(serialFields(bios).length()).isEqualTo(11);
    assertThat(serialFields(out).length()).isEqualTo(33);
    StructValue state = (StructValue) ((StructValue) StreamAnalyzer.open(out).state()
        .get("serial (" + serialFields(out).sectionId() + ")")).fields().get("state");
    assertThat(((IntValue) ((StructValue) state.fields().get("serial/tsr")).fields()
        .get("tsr_retry")).value()).isEqualTo(BigInteger.ONE);

    int lsrBefore;
    try (QemuProcess dst = QemuStreams.load(PC, bios, Map.of())) {
      lsrBefore = dst.hmp().inb(0x3fd);
    }
    assertThat(lsrBefore & TEMT).isEqualTo(TEMT);
    try (QemuProcess dst = QemuStreams.load(PC, out, Map.of())) {
      assertThat(dst.hmp().inb(0x3fd) & TEMT).as("LSR TEMT after loading").isZero();
      assertThat(dst.hmp().xpWord(0x400)).isEqualTo(0x03f8);
    }
  }

  /** QEMU checks the subsection it got: tsr_retry with an empty transmitter is refused. */
  @Test
  void qemuRefusesATsrRetryWithAnEmptyTransmitter() throws Exception {
    IsaSerial serial = new IsaSerial();
    Registry registry = new Registry();
    registry.register("serial", IsaSerial.VMSD, serial);
    Path out = dir.resolve("tsr-temt.mig");
    StreamEdit.of(bios).edit(registry, r -> serial.state.tsrRetry = 1).writeTo(out);
    try (QemuProcess dst = QemuProcess.loadFile(PC, out, Map.of(), WAIT)) {
      MigrationStatus s = dst.lastIncoming();
      assertThat(s.failed()).as("%s", s).isTrue();
      assertThat(s.error()).contains("inconsistent state in serial device");
    }
  }

  /** Check 4. */
  @Test
  void savingOnlyTheDevicesOfAStreamLoadedWithSkippedSectionsIsRefused() throws Exception {
    Registry r = QemuDevices.registryFor(bios);
    LoadResult loaded = MigrationStreams.load(r, bios, ReadOptions.DEFAULT.withSkipUnknown(true));
    assertThat(loaded.skipped()).isNotEmpty();
    ((IsaSerial) r.find("serial", 0).object()).state.scr = 0x5a;

    Path out = dir.resolve("devices-only.mig");
    assertThatThrownBy(() -> MigrationStreams.save(r, out))
        .isInstanceOf(VmStateSaveException.class)
        .hasMessageContaining("refusing to save")
        .hasMessageContaining("'ram' 0")
        .hasMessageContaining("'cpu' 0")
        .hasMessageContaining("withDevicesOnly(true)");
    assertThat(out).doesNotExist();
    assertThat(r.skippedOnLoad()).extracting(SectionInfo::idstr)
        .contains("ram", "cpu", "apic").doesNotContain("serial", "mc146818rtc");

    // asked for explicitly, QEMU takes it and silently keeps its own RAM and CPU: what the
    // refusal protects against
    MigrationStreams.save(r, out, WriteOptions.DEFAULT.withDevicesOnly(true));
    try (QemuProcess dst = QemuStreams.load(PC, out, Map.of())) {
      assertThat(dst.hmp().inb(0x3ff)).isEqualTo(0x5a);
      assertThat(dst.hmp().xpWord(0x400)).isZero();
      assertThat(dst.hmp().registers().eip()).isEqualTo(0xfff0);
    }

    // the same change as a typed stream edit keeps everything else
    Path kept = dir.resolve("typed-scr.mig");
    Registry again = QemuDevices.registryFor(bios);
    StreamEdit.of(bios).edit(again,
        x -> ((IsaSerial) x.find("serial", 0).object()).state.scr = 0x5a).writeTo(kept);
    assertThat(QemuStreams.differences(bios, kept)).hasSize(1);
    try (QemuProcess dst = QemuStreams.load(PC, kept, Map.of())) {
      Observed o = Observed.of(dst);
      assertThat(o.scr()).isEqualTo(0x5a);
      assertThat(o.ramWord()).isEqualTo(source.ramWord());
      assertThat(o.eip()).isEqualTo(source.eip());
    }
  }

  static WirePart serialFields(Path file) throws Exception {
    return QemuStreams.parts(file).stream().filter(p -> p.kind() == PartKind.DEVICE_FIELDS
        && p.name().equals("serial")).findFirst().orElseThrow();
  }
}
