package org.vmstate4j.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every script in the repository's scripts/ folder runs, as {@code vmstate run} runs it. */
class ScriptsTest {
  static final Path SCRIPTS = Path.of("..", "scripts");

  private record Run(int code, String out, String err) {}

  private static Run run(Path script, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    List<String> argv = new ArrayList<>(List.of("run", script.toString()));
    argv.addAll(List.of(args));
    int code = Main.run(argv, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void everyScriptIsCoveredHere() throws IOException {
    try (Stream<Path> files = Files.list(SCRIPTS)) {
      assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jsh")))
          .containsExactlyInAnyOrder(
              "nvme-lite.jsh", "versioning.jsh", "qemu-stream.jsh", "bad-stream.jsh",
              "qemu-edit.jsh");
    }
  }

  @Test
  void nvmeLiteSavesLoadsAndRebuilds(@TempDir Path dir) {
    Path file = dir.resolve("nvme.vmstate");
    Run r = run(SCRIPTS.resolve("nvme-lite.jsh"), file.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("fresh controller equals the source")
        .contains("post_load rebuilt")
        .contains("stream file: " + file);
    assertThat(file).exists();
  }

  @Test
  void versioningShowsBothDirections() {
    Run r = run(SCRIPTS.resolve("versioning.jsh"));
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("old -> new: v1 stream")
        .contains("incoming version_id 2 is too new for local version_id 1")
        .contains("VM subsection 'uart/msi' in 'uart' does not exist");
  }

  @Test
  void qemuStreamLoadsTheRtcAndThePit() {
    Run r = run(SCRIPTS.resolve("qemu-stream.jsh"));
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("FULL  id 19  mc146818rtc")
        .contains("loaded 2 sections")
        .contains("rtc: base_rtc 0x6b0754de")
        .contains("pit channel 0: count 0x10000, mode 3");
  }

  /** Needs qemu-system-x86_64: without it this fails with the script's install hint. */
  @Test
  void qemuEditShowsTheEditsInADestinationQemu(@TempDir Path dir) {
    Run r = run(SCRIPTS.resolve("qemu-edit.jsh"), dir.toString());
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("edit: serial (39)/state/scr @")
        .contains("edited loaded:   i /b 0x3ff = 0x5a   CMOS[0x0e] = 0xa5   xp 0x400 = 0x03f8")
        .contains("the destination shows both edits");
    assertThat(dir.resolve("edited.mig")).exists();
  }

  @Test
  void qemuEditWithoutQemuSaysHowToInstallItAndFails(@TempDir Path dir) {
    String old = System.getProperty("vmstate4j.qemu");
    System.setProperty("vmstate4j.qemu", dir.resolve("no-qemu-here").toString());
    try {
      Run r = run(SCRIPTS.resolve("qemu-edit.jsh"), dir.toString());
      assertThat(r.code()).isNotZero();
      assertThat(r.out()).contains("qemu-system-x86_64 is missing: install qemu-system-x86")
          .contains("apt-get install");
      assertThat(dir.resolve("bios.mig")).doesNotExist();
    } finally {
      if (old == null) {
        System.clearProperty("vmstate4j.qemu");
      } else {
        System.setProperty("vmstate4j.qemu", old);
      }
    }
  }

  @Test
  void badStreamShowsEveryErrorAndAnUnchangedDestination() {
    Run r = run(SCRIPTS.resolve("bad-stream.jsh"));
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("Unexpected ptr marker: 50")
        .contains("Not a migration stream")
        .contains("dev/queues[2]/head: unexpected end of stream")
        .doesNotContain("CHANGED");
  }
}
