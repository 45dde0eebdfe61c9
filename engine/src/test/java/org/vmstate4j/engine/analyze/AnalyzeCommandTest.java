package org.vmstate4j.engine.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalyzeCommandTest {
  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return AnalyzeCommand.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void dumpsStateByDefault() throws IOException {
    assertThat(run(QemuSampleTest.sample("pc-min.mig").toString())).isZero();
    assertThat(out()).isEqualTo(QemuSampleTest.text("pc-min.state.json"));
    assertThat(err()).isEmpty();
  }

  @Test
  void dumpsDesc() throws IOException {
    assertThat(run(QemuSampleTest.sample("none.mig").toString(), "--dump", "desc")).isZero();
    assertThat(out()).isEqualTo(QemuSampleTest.text("none.desc.json"));
  }

  @Test
  void acceptsTheScriptsSpelling() throws IOException {
    assertThat(run("-f", QemuSampleTest.sample("none.mig").toString(), "-d", "state")).isZero();
    assertThat(out()).isEqualTo(QemuSampleTest.text("none.state.json"));
    out.reset();
    String file = QemuSampleTest.sample("none.mig").toString();
    assertThat(run("analyze", file, "--dump=desc")).isZero();
    assertThat(out()).isEqualTo(QemuSampleTest.text("none.desc.json"));
  }

  @Test
  void usageErrors() {
    assertThat(run()).isEqualTo(1);
    assertThat(run("a.mig", "--dump", "memory")).isEqualTo(1);
    assertThat(run("a.mig", "--dump")).isEqualTo(1);
    assertThat(run("a.mig", "b.mig")).isEqualTo(1);
    assertThat(run("--frobnicate", "a.mig")).isEqualTo(1);
    assertThat(out()).isEmpty();
    assertThat(err().lines()).hasSize(5).allMatch(l -> l.startsWith("analyze: "));
  }

  @Test
  void missingFileIsOneLine() {
    assertThat(run(dir.resolve("nope.mig").toString())).isEqualTo(1);
    assertThat(err().lines()).singleElement().asString().endsWith("nope.mig: no such file");
  }

  @Test
  void malformedStreamIsOneLineWithTheOffset() throws IOException {
    byte[] b = Files.readAllBytes(QemuSampleTest.sample("none.mig"));
    b[0] = 0;
    Path bad = Files.write(dir.resolve("bad.mig"), b);
    assertThat(run(bad.toString())).isEqualTo(1);
    assertThat(out()).isEmpty();
    assertThat(err().lines()).singleElement().asString()
        .contains("@0 (0x0): Not a migration stream, magic: 45564d != 5145564d");
  }
}
