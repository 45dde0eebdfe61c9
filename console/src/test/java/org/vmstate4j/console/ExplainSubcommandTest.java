package org.vmstate4j.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vmstate4j.dsl.VmsdDsl.field;
import static org.vmstate4j.dsl.VmsdDsl.vmsd;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmstate4j.engine.model.VmStateDescription;
import org.vmstate4j.engine.stream.MigrationStreams;
import org.vmstate4j.engine.stream.Registry;

/** {@code vmstate explain} and the console's {@code /explain}. */
class ExplainSubcommandTest {
  @TempDir Path tmp;

  /** A device whose count must match the destination's. */
  public static final class Dev {
    public int n = 2;
    public int[] regs = new int[2];
  }

  static final VmStateDescription DEV = vmsd("dev", Dev.class).fields(
      field("n").uint32Equal(), field("regs").varrayUint32("n").uint32()).build();

  static Registry registry(Dev dev) {
    Registry r = new Registry();
    r.register("dev", DEV, dev);
    return r;
  }

  @Test
  void sourceViewOfARealStream() throws Exception {
    CliResult r = CliResult.run("explain", MainTest.stream("pc-min.mig").toString(),
        "--from-stream");

    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("(source view: the stream's JSON description)")
        .containsPattern("0x3af1b  fw_cfg +footer +7e00000008 +section 8")
        .endsWith("# 2870 state items, 350517 bytes, read to the end\n");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void stateOnlyLeavesOutTheFraming() throws Exception {
    CliResult r = CliResult.run("explain", MainTest.stream("none.mig").toString(), "--state");

    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("timer/cpu_ticks_offset").doesNotContain("section-full");
  }

  @Test
  void aStreamCutShortIsShownUpToTheFailureAndFails() throws Exception {
    byte[] whole = Files.readAllBytes(MainTest.stream("pc-min.mig"));
    Path cut = Files.write(tmp.resolve("cut.mig"), Arrays.copyOf(whole, 0x3a600));

    CliResult r = CliResult.run("explain", cut.toString());

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).contains("\n!! 0x").doesNotContain("read to the end");
  }

  @Test
  void aFileThatIsNoStreamIsOneErrorLineAndNothingElse() throws Exception {
    Path text = Files.writeString(tmp.resolve("notes.md"), "# notes\n");

    CliResult r = CliResult.run("explain", text.toString());

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEqualTo("explain: " + text + " is not a migration stream: it starts"
        + " with 23206e6f, not QEMU's magic QEVM (5145564d)\n");
  }

  @Test
  void destinationViewWithTheConsolesDevices() throws Exception {
    Path f = tmp.resolve("dev.mig");
    Dev source = new Dev();
    source.regs[1] = 5;
    MigrationStreams.save(registry(source), f);
    Dev destination = new Dev();
    destination.n = 3;
    destination.regs = new int[3];

    CliResult r = CliResult.run(() -> registry(destination), "explain", f.toString(),
        "--registered");

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).contains("(destination view").contains("dev/n: 3 != 2");
    assertThat(destination.regs).containsExactly(0, 0, 0);
  }

  @Test
  void registeredNeedsTheConsole() throws Exception {
    CliResult r = CliResult.run("explain", MainTest.stream("none.mig").toString(),
        "--registered");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith("vmstate explain: --registered decodes with the devices"
        + " registered in the console");
  }

  @Test
  void missingFileIsOneLine() {
    CliResult r = CliResult.run("explain", tmp.resolve("missing.mig").toString());

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("explain: " + tmp.resolve("missing.mig")
        + ": no such file\n");
  }
}
