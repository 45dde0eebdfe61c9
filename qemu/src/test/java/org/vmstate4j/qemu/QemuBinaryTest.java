package org.vmstate4j.qemu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding QEMU, and what a missing QEMU says (no QEMU needed). */
class QemuBinaryTest {
  @TempDir Path tmp;
  private final String old = System.getProperty(QemuBinary.PROPERTY);

  @AfterEach
  void restore() {
    if (old == null) {
      System.clearProperty(QemuBinary.PROPERTY);
    } else {
      System.setProperty(QemuBinary.PROPERTY, old);
    }
  }

  @Test
  void aMissingQemuFailsSayingWhatToInstall() {
    System.setProperty(QemuBinary.PROPERTY, tmp.resolve("none").toString());
    assertThat(QemuBinary.installed()).isFalse();
    assertThatThrownBy(QemuBinary::require).isInstanceOf(QemuException.class)
        .hasMessageStartingWith("qemu-system-x86_64 is missing: install qemu-system-x86")
        .hasMessageContaining("apt-get install -y --no-install-recommends qemu-system-x86");
    assertThatThrownBy(() -> QemuProcess.paused(Machine.pc()))
        .hasMessageStartingWith("qemu-system-x86_64 is missing");
  }

  @Test
  void theNamedExecutableIsTaken() {
    System.setProperty(QemuBinary.PROPERTY, "/bin/sh");
    assertThat(QemuBinary.find()).contains(Path.of("/bin/sh"));
  }

  @Test
  void machineArgumentsAndUris() {
    Machine m = Machine.q35().withSerial().memory(64);
    assertThat(m.machineType()).isEqualTo("q35");
    assertThat(m.args()).containsSequence("-m", "64").doesNotContain("16");
    assertThat(Machine.pc().withLoader(Path.of("/r.bin"), 0x1000000).args())
        .endsWith("-device", "loader,file=/r.bin,addr=0x1000000,force-raw=on");
    assertThat(MigrationUri.toFile(Path.of("/a b/it's.mig")))
        .isEqualTo("exec:cat > '/a b/it'\\''s.mig'");
    assertThat(MigrationUri.fromFile(Path.of("/x.mig"))).isEqualTo("exec:cat '/x.mig'");
    assertThat(MigrationUri.tcp(4444)).isEqualTo("tcp:127.0.0.1:4444");
    assertThat(MigrationUri.freeLoopbackPort()).isBetween(1, 65535);
  }

  @Test
  void hmpRegistersAreParsed() {
    CpuRegisters r = CpuRegisters.parse("CPU#0\nEAX=00000000 EBX=00000001\n"
        + "EIP=0000b7b9 EFL=00000246 [---Z-P-] CPL=0 II=0 A20=1 SMM=0 HLT=1\n");
    assertThat(r.eip()).isEqualTo(0xb7b9);
    assertThat(r.halted()).isTrue();
    assertThat(r.value("EBX")).isEqualTo(1);
    assertThat(r).hasToString("EIP=0000b7b9 HLT=1");
    assertThatThrownBy(() -> CpuRegisters.parse("nothing")).isInstanceOf(QemuException.class);
  }
}
