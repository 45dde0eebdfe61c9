package org.vmstate4j.engine.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmstate4j.engine.testing.NvmeLiteModel;
import org.vmstate4j.engine.testing.NvmeLiteModel.Ctrl;
import org.vmstate4j.engine.testing.Readme;

class ExplainCommandTest {
  @TempDir Path tmp;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return ExplainCommand.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void sourceViewOfAFile() throws Exception {
    assertThat(run("explain", ExplainPcMinTest.sample("pc-min.mig").toString(), "--from-stream"))
        .isZero();
    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(text).contains("(source view: the stream's JSON description)");
    assertThat(text).containsPattern("0x3af1b  fw_cfg +footer +7e00000008 +section 8");
    assertThat(text).endsWith("# 2870 state items, 350517 bytes, read to the end\n");
  }

  @Test
  void stateOnlyAndFailures() throws Exception {
    byte[] s = NvmeLiteModel.stream(NvmeLiteModel.example());
    s[0x66] = 0x32;
    Path f = tmp.resolve("bad.mig");
    Files.write(f, s);
    assertThat(run(f.toString(), "--state")).isEqualTo(2);
    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(text).doesNotContain("section-full").contains("nvme-lite/sq[0]/dma_addr")
        .contains("!! 0x0066  nvme-lite/sq[1]: Unexpected ptr marker: 50");
    // the README shows how this failure ends the dump
    String failure = Readme.block("output-of ExplainCommandTest");
    assertThat(text).endsWith(failure);
    assertThat(failure).startsWith("!! 0x0066").hasLineCount(5);
  }

  @Test
  void destinationViewWithARegistry() throws Exception {
    Path f = tmp.resolve("ok.mig");
    Files.write(f, NvmeLiteModel.stream(NvmeLiteModel.example()));
    int rc = ExplainCommand.run(List.of(f.toString()),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        NvmeLiteModel.registry(Ctrl.configured(5)));
    assertThat(rc).isEqualTo(2);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("(destination view")
        .contains("!! 0x0049  nvme-lite/num_queues: 5 != 4 (expected 5, found 4)");
  }

  @Test
  void usageErrors() {
    assertThat(run()).isEqualTo(1);
    assertThat(run("a", "b")).isEqualTo(1);
    assertThat(run("--bogus", "a")).isEqualTo(1);
    assertThat(run(tmp.resolve("missing.mig").toString())).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("missing FILE")
        .contains("more than one FILE").contains("unknown option --bogus")
        .contains("no such file");
    assertThat(run("--help")).isZero();
  }
}
