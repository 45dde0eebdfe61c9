package org.vmstate4j.qemu;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.vmstate4j.dsl.qemu.QemuDevices;
import org.vmstate4j.engine.edit.StreamEdit;
import org.vmstate4j.engine.stream.Registry;
import org.vmstate4j.engine.wire.StreamWalker;
import org.vmstate4j.engine.wire.WirePart;

/** Streams made by QEMU during a test class, and what a destination shows after loading one. */
final class QemuStreams {
  static final Duration WAIT = Duration.ofSeconds(60);

  private QemuStreams() {}

  /**
   * Migrates {@code source} to {@code file}, stops it, and checks that the stream rewrites
   * byte for byte: with no edit, and with every catalog device decoded and encoded again.
   */
  static Path migrate(QemuProcess source, Path file) throws IOException {
    try (source) {
      source.migrateToFile(file, WAIT);
    }
    assertRewritesIdentically(file);
    return file;
  }

  static void assertRewritesIdentically(Path file) throws IOException {
    byte[] original = Files.readAllBytes(file);
    Path plain = file.resolveSibling(file.getFileName() + ".rewritten");
    Path typed = file.resolveSibling(file.getFileName() + ".typed");
    try {
      StreamEdit.of(file).writeTo(plain);
      assertThat(Files.readAllBytes(plain)).as("rewrite of %s with no edit", file)
          .isEqualTo(original);
      Registry all = QemuDevices.registryFor(file);
      assertThat(all.size()).as("catalog devices in %s", file).isGreaterThan(5);
      StreamEdit.of(file).edit(all, r -> { }).writeTo(typed);
      assertThat(Files.readAllBytes(typed))
          .as("rewrite of %s with %d catalog devices decoded and encoded again", file,
              all.size())
          .isEqualTo(original);
    } finally {
      Files.deleteIfExists(plain);
      Files.deleteIfExists(typed);
    }
  }

  /** Loads {@code file} into a fresh destination; fails with QEMU's output unless it completed. */
  static QemuProcess load(Machine machine, Path file, Map<String, Boolean> capabilities) {
    QemuProcess dst = QemuProcess.loadFile(machine, file, capabilities, WAIT);
    MigrationStatus s = dst.lastIncoming();
    if (s == null || !s.completed()) {
      dst.close();
      throw new AssertionError("QEMU did not load " + file + ": " + s);
    }
    return dst;
  }

  static Observed observe(Machine machine, Path file, Map<String, Boolean> capabilities) {
    try (QemuProcess dst = load(machine, file, capabilities)) {
      return Observed.of(dst);
    }
  }

  static List<WirePart> parts(Path file) throws IOException {
    List<WirePart> parts = new ArrayList<>();
    StreamWalker.walk(file, parts::add);
    return parts;
  }

  /** Byte offsets where two equally long files differ. */
  static List<Integer> differences(Path a, Path b) throws IOException {
    byte[] x = Files.readAllBytes(a);
    byte[] y = Files.readAllBytes(b);
    assertThat(y).hasSameSizeAs(x);
    List<Integer> at = new ArrayList<>();
    for (int i = 0; i < x.length; i++) {
      if (x[i] != y[i]) {
        at.add(i);
      }
    }
    return at;
  }

  /**
   * What HMP shows on a guest: COM1's scratch register, CMOS byte 0x0e, the RAM word at 0x400
   * (COM1's port in the BIOS data area), EIP and whether the CPU is halted.
   */
  record Observed(int scr, int cmos0e, int ramWord, long eip, boolean halted) {
    static Observed of(QemuProcess p) {
      CpuRegisters cpu = p.hmp().registers();
      int ram = p.hmp().xpWord(0x400);
      int scr = p.hmp().inb(0x3ff);
      int cmos = p.hmp().cmos(0x0e);
      return new Observed(scr, cmos, ram, cpu.eip(), cpu.halted());
    }

    @Override
    public String toString() {
      return String.format("scr 0x%02x, cmos[0x0e] 0x%02x, RAM[0x400] 0x%04x, EIP 0x%x%s", scr,
          cmos0e, ramWord, eip, halted ? " halted" : "");
    }
  }
}
