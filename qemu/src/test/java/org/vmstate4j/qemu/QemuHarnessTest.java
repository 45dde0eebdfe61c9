package org.vmstate4j.qemu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness itself: start, migrate to a file, load into a destination, read state back. */
class QemuHarnessTest {
  static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path tmp;

  @BeforeAll
  static void qemu() {
    RequireQemu.installed();
  }

  @Test
  void aFreshGuestMigratesToAFileAndADestinationLoadsIt() throws Exception {
    Machine m = Machine.pc().withSerial();
    Path file = tmp.resolve("fresh.mig");
    long pid;
    try (QemuProcess src = Guests.fresh(m)) {
      pid = src.pid();
      assertThat(src.qmp().version()).startsWith("7.");
      assertThat(src.qmp().runState()).isEqualTo("prelaunch");
      assertThat(src.hmp().registers().eip()).isEqualTo(0xfff0);
      MigrationStatus s = src.migrateToFile(file, WAIT);
      assertThat(s.completed()).isTrue();
      assertThat(s.transferredBytes()).isPositive();
    }
    assertThat(ProcessHandle.of(pid)).isEmpty();
    byte[] bytes = Files.readAllBytes(file);
    assertThat(new String(bytes, 0, 4, "ISO-8859-1")).isEqualTo("QEVM");
    try (QemuProcess dst = QemuProcess.loadFile(m, file, Map.of(), WAIT)) {
      assertThat(dst.lastIncoming().completed()).as("%s", dst.lastIncoming()).isTrue();
      // the globalstate section carries the source's run state: it never ran
      assertThat(dst.qmp().runState()).isEqualTo("prelaunch");
      assertThat(dst.hmp().registers().eip()).isEqualTo(0xfff0);
    }
  }

  @Test
  void theBiosGuestHoldsComOneInItsDataAreaAndIsHaltedInTheBios() {
    try (QemuProcess src = Guests.afterBios(Machine.pc().withSerial())) {
      assertThat(src.hmp().xpWord(0x400)).isEqualTo(0x03f8);
      assertThat(src.hmp().xpBytes(0x400, 2)).containsExactly(0xf8, 0x03);
      CpuRegisters cpu = src.hmp().registers();
      assertThat(cpu.halted()).isTrue();
      // SeaBIOS runs in the low 1 MiB
      assertThat(cpu.eip()).isLessThan(0x100000);
      assertThat(src.qmp().runState()).isEqualTo("paused");
      src.hmp().outb(0x3ff, 0x42);
      assertThat(src.hmp().inb(0x3ff)).isEqualTo(0x42);
      src.hmp().outb(0x70, 0x0e);
      assertThat(src.hmp().cmos(0x0e)).isBetween(0, 255);
    }
  }

  @Test
  void aStreamQemuCannotLoadEndsAsFailedWithQemusReason() throws Exception {
    Path bad = tmp.resolve("cut.mig");
    try (QemuProcess src = Guests.fresh(Machine.pc())) {
      src.migrateToFile(bad, WAIT);
    }
    byte[] all = Files.readAllBytes(bad);
    Files.write(bad, java.util.Arrays.copyOf(all, 3000));
    try (QemuProcess dst = QemuProcess.loadFile(Machine.pc(), bad, Map.of(), WAIT)) {
      MigrationStatus s = dst.lastIncoming();
      assertThat(s.failed()).isTrue();
      assertThat(s.error()).contains("load of migration failed");
      assertThat(dst.alive()).isFalse();
    }
  }

  @Test
  void qmpErrorsCarryQemusClassAndDescription() {
    try (QemuProcess p = QemuProcess.paused(Machine.pc())) {
      assertThatThrownBy(() -> p.qmp().execute("no-such-command"))
          .isInstanceOf(QemuException.class)
          .hasMessageContaining("'no-such-command'")
          .hasMessageContaining("CommandNotFound");
      // the client still works after an error
      assertThat(p.qmp().runState()).isEqualTo("prelaunch");
    }
  }

  @Test
  void aMachineQemuRefusesFailsAtStartWithItsOutput() {
    assertThatThrownBy(() -> QemuProcess.paused(Machine.of("-M", "no-such-machine")))
        .isInstanceOf(QemuException.class)
        .hasMessageContaining("QEMU did not start")
        .hasMessageContaining("no-such-machine");
  }
}
