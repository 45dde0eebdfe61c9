package org.vmstate4j.engine.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmstate4j.engine.VmStateLoadException;
import org.vmstate4j.engine.stream.TestDevices.Bus;
import org.vmstate4j.engine.stream.TestDevices.Idle;
import org.vmstate4j.engine.stream.TestDevices.Pic;
import org.vmstate4j.engine.stream.TestDevices.Timer;
import org.vmstate4j.engine.testing.NvmeLiteModel;
import org.vmstate4j.engine.testing.NvmeLiteModel.Ctrl;

class StreamRoundTripTest {
  @TempDir Path dir;

  /** The machine's devices: live objects. */
  static final class Machine {
    final Ctrl nvme;
    final Timer timer = new Timer();
    final Pic pic0 = new Pic();
    final Pic pic1 = new Pic();
    final Bus bus = new Bus();
    final Idle idle = new Idle();
    final Registry registry = new Registry("pc-test");

    Machine(Ctrl nvme) {
      this.nvme = nvme;
      registry.register("nvme-lite", 0, NvmeLiteModel.NVME_LITE_NO_HOOKS, nvme);
      registry.register(TestDevices.TIMER, timer);
      registry.register("pic", TestDevices.PIC, pic0);
      registry.register("pic", TestDevices.PIC, pic1);
      registry.register("0000:00:00.0/bus", 0, TestDevices.BUS, bus);
      registry.register(TestDevices.IDLE, idle);
    }

    /** A machine in some non-default state. */
    static Machine populated() {
      Machine m = new Machine(TestDevices.nvme());
      m.timer.cpuTicksOffset = -5;
      m.timer.cpuClockOffset = 0x0123456789abcdefL;
      m.pic0.regs = new byte[] {1, 2, 3, (byte) 0xff};
      m.pic0.elcr = true;
      m.pic1.regs = new byte[] {9, 8, 7, 6};
      m.bus.irqCount = new int[] {1, -1, 100, 0x7fffffff};
      m.bus.name = "pci.0\0\0\0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
      m.idle.value = 99;
      return m;
    }

    /** A machine as a destination starts: same configuration, empty queues. */
    static Machine fresh() {
      return new Machine(Ctrl.configured(4));
    }
  }

  @Test
  void savesToFileAndLoadsIntoFreshObjects() throws Exception {
    Machine src = Machine.populated();
    Path file = dir.resolve("vm.mig");
    SaveResult saved = MigrationStreams.save(src.registry, file);

    assertThat(saved.bytes()).isEqualTo(Files.size(file));
    assertThat(saved.sections()).extracting(SectionInfo::idstr)
        .containsExactly("0000:00:00.0/bus", "nvme-lite", "timer", "pic", "pic");
    assertThat(saved.sections()).extracting(SectionInfo::sectionId)
        .containsExactly(4, 0, 1, 2, 3);
    assertThat(saved.notNeeded()).extracting(Registry.Entry::idstr).containsExactly("idle");

    Machine dst = Machine.fresh();
    LoadResult r = MigrationStreams.load(dst.registry, file, ReadOptions.DEFAULT);

    assertThat(dst.nvme).usingRecursiveComparison().ignoringFields("dbbuf_enabled")
        .isEqualTo(src.nvme);
    assertThat(dst.timer).usingRecursiveComparison().isEqualTo(src.timer);
    assertThat(dst.pic0).usingRecursiveComparison().isEqualTo(src.pic0);
    assertThat(dst.pic1).usingRecursiveComparison().isEqualTo(src.pic1);
    assertThat(dst.bus).usingRecursiveComparison().isEqualTo(src.bus);
    assertThat(dst.idle.value).isEqualTo(7);
    assertThat(dst.nvme.sq[1]).isNull();
    assertThat(dst.nvme.sq[2].size).isEqualTo(1024);

    assertThat(r.machineName()).isEqualTo("pc-test");
    assertThat(r.loaded()).isEqualTo(saved.sections());
    assertThat(r.absent()).extracting(Registry.Entry::idstr).containsExactly("idle");
    assertThat(r.skipped()).isEmpty();
    assertThat(r.warnings()).isEmpty();
    assertThat(r.bytes()).isEqualTo(Files.size(file));
    assertThat(r.dryRun()).isFalse();
    assertThat(r.vmdesc()).isEqualTo(saved.vmdesc());
  }

  @Test
  void loadsFromInputStreamAndBytesAlike() throws Exception {
    Machine src = Machine.populated();
    byte[] bytes = MigrationStreams.toBytes(src.registry);

    Machine a = Machine.fresh();
    LoadResult ra;
    try (InputStream in = new ByteArrayInputStream(bytes)) {
      ra = MigrationStreams.load(a.registry, in, ReadOptions.DEFAULT);
    }
    Machine b = Machine.fresh();
    LoadResult rb = MigrationStreams.load(b.registry, bytes, ReadOptions.DEFAULT);

    assertThat(a.nvme).usingRecursiveComparison().ignoringFields("dbbuf_enabled")
        .isEqualTo(src.nvme);
    assertThat(b.nvme).usingRecursiveComparison().ignoringFields("dbbuf_enabled")
        .isEqualTo(src.nvme);
    assertThat(ra.loaded()).isEqualTo(rb.loaded());
    assertThat(ra.bytes()).isEqualTo(bytes.length);
  }

  @Test
  void notNeededSubsectionAndEmptyQueuesRoundTrip() {
    Machine src = Machine.populated();
    src.nvme.dbbuf_enabled = false;
    src.nvme.dbbuf_dbs = 0;
    src.nvme.dbbuf_eis = 0;
    src.nvme.sq[0] = null;
    src.nvme.cq[0] = null;
    byte[] bytes = MigrationStreams.toBytes(src.registry);
    Machine dst = Machine.fresh();
    MigrationStreams.load(dst.registry, bytes, ReadOptions.DEFAULT);
    assertThat(dst.nvme).usingRecursiveComparison().isEqualTo(src.nvme);
  }

  @Test
  void dryRunChangesNothing() {
    byte[] bytes = MigrationStreams.toBytes(Machine.populated().registry);
    Machine dst = Machine.fresh();
    Machine untouched = Machine.fresh();
    LoadResult r = MigrationStreams.load(dst.registry, bytes,
        ReadOptions.DEFAULT.withDryRun(true));
    assertThat(r.dryRun()).isTrue();
    assertThat(r.loaded()).hasSize(5);
    assertThat(dst.nvme).usingRecursiveComparison().isEqualTo(untouched.nvme);
    assertThat(dst.bus).usingRecursiveComparison().isEqualTo(untouched.bus);
    assertThat(dst.pic1).usingRecursiveComparison().isEqualTo(untouched.pic1);
  }

  @Test
  void aFailingSectionRestoresEveryDeviceLoadedBefore() {
    Machine src = Machine.populated();
    byte[] bytes = MigrationStreams.toBytes(src.registry);
    SaveResult saved = new StreamWriter(src.registry).write(new java.io.ByteArrayOutputStream());
    // the last section (pic instance 1) gets a bad footer
    SectionInfo last = saved.sections().get(4);
    bytes[(int) last.dataEnd()] = 0x55;

    Machine dst = Machine.fresh();
    Machine before = Machine.fresh();
    dst.bus.irqCount[2] = 42;
    before.bus.irqCount[2] = 42;
    assertThatThrownBy(() -> MigrationStreams.load(dst.registry, bytes, ReadOptions.DEFAULT))
        .isInstanceOf(VmStateLoadException.class)
        .hasMessageContaining("Missing section footer for pic");
    assertThat(dst.nvme).usingRecursiveComparison().isEqualTo(before.nvme);
    assertThat(dst.bus).usingRecursiveComparison().isEqualTo(before.bus);
    assertThat(dst.timer).usingRecursiveComparison().isEqualTo(before.timer);
    assertThat(dst.pic0).usingRecursiveComparison().isEqualTo(before.pic0);
    assertThat(dst.pic1).usingRecursiveComparison().isEqualTo(before.pic1);
  }

  @Test
  void progressIsReportedPerSectionAndEndsAtTheTotal() throws Exception {
    Machine src = Machine.populated();
    Path file = dir.resolve("p.mig");
    List<long[]> writes = new ArrayList<>();
    SaveResult s = MigrationStreams.save(src.registry, file,
        WriteOptions.DEFAULT.withProgress((d, t) -> writes.add(new long[] {d, t})));
    assertThat(writes.size()).isGreaterThanOrEqualTo(s.sections().size() + 1);
    assertThat(writes.get(writes.size() - 1)).containsExactly(s.bytes(), -1);

    List<long[]> reads = new ArrayList<>();
    MigrationStreams.load(Machine.fresh().registry, file,
        ReadOptions.DEFAULT.withProgress((d, t) -> reads.add(new long[] {d, t})));
    assertThat(reads.size()).isGreaterThanOrEqualTo(s.sections().size() + 1);
    long prev = -1;
    for (long[] u : reads) {
      assertThat(u[0]).isGreaterThanOrEqualTo(prev);
      assertThat(u[1]).isEqualTo(s.bytes());
      prev = u[0];
    }
    assertThat(prev).isEqualTo(s.bytes());
  }

  @Test
  void registryOrderAndIds() {
    Machine m = Machine.populated();
    Registry r = m.registry;
    assertThat(r.entries()).extracting(Registry.Entry::sectionId)
        .containsExactly(0, 1, 2, 3, 4, 5);
    assertThat(r.find("pic", 1).object()).isSameAs(m.pic1);
    assertThat(r.bySectionId(4).idstr()).isEqualTo("0000:00:00.0/bus");
    assertThat(r.saveOrder()).extracting(Registry.Entry::sectionId)
        .containsExactly(4, 0, 1, 2, 3, 5);
    assertThatThrownBy(() -> r.register("pic", 1, TestDevices.PIC, new Pic()))
        .hasMessageContaining("'pic' 1 is already registered");
    assertThatThrownBy(() -> r.registerWithSectionId(2, "x", 0, TestDevices.PIC, new Pic()))
        .hasMessageContaining("section id 2 is already used by 'pic' 0");
    Registry.Entry e = r.registerWithSectionId(40, "late", 0, TestDevices.PIC, new Pic());
    assertThat(e.sectionId()).isEqualTo(40);
    assertThat(r.register("later", 0, TestDevices.PIC, new Pic()).sectionId()).isEqualTo(41);
    assertThat(r.machineName()).isEqualTo("pc-test");
    assertThat(new Registry().machineName()).isEqualTo(Registry.DEFAULT_MACHINE);
  }
}
