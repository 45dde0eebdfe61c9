package org.vmstate4j.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The subcommands of {@code vmstate} other than the console and {@code run}. */
class MainTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
  private final PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);

  @Test
  void helpListsTheSubcommands() {
    assertThat(Main.run(List.of("--help"), outStream, errStream)).isZero();

    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("run FILE.jsh [ARGS...]")
        .contains("analyze FILE [--dump state|desc]")
        .contains("-v, --verbose");
  }

  @Test
  void unknownSubcommandIsAUsageError() {
    assertThat(Main.run(List.of("frobnicate"), outStream, errStream)).isEqualTo(2);
    assertThat(Main.run(List.of("run"), outStream, errStream)).isEqualTo(2);

    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("unknown command frobnicate")
        .contains("run needs a script file")
        .contains("usage: vmstate");
  }

  @Test
  void analyzeDumpsARealStreamAsQemusScriptDoes() throws Exception {
    Path file = Path.of(MainTest.class.getResource("/streams/none.mig").toURI());

    assertThat(Main.run(List.of("analyze", file.toString()), outStream, errStream)).isZero();

    assertThat(out.toString(StandardCharsets.UTF_8))
        .startsWith("{\n    \"ram (2)\": {")
        .contains("\"timer (0)\": {")
        .contains("\"cpu_ticks_offset\": \"0x0000000000000000\"");
  }

  @Test
  void analyzeOfAFileThatIsNoStreamFailsWithOneLine() throws Exception {
    Path file = Files.createTempFile("not-a-stream", ".bin");
    Files.writeString(file, "hello, not a migration stream");

    assertThat(Main.run(List.of("analyze", file.toString()), outStream, errStream)).isEqualTo(1);

    assertThat(err.toString(StandardCharsets.UTF_8).strip()).doesNotContain("\n")
        .startsWith("analyze: ").contains("@0");
  }

  @Test
  void explainAndDiffWorkOnARealStream() throws Exception {
    Path file = Path.of(MainTest.class.getResource("/streams/none.mig").toURI());

    assertThat(Main.run(List.of("explain", file.toString()), outStream, errStream)).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("timer/cpu_ticks_offset")
        .contains("globalstate/runstate");

    Path changed = Files.createTempFile("none-changed", ".mig");
    byte[] bytes = Files.readAllBytes(file);
    int runstate = new String(bytes, StandardCharsets.ISO_8859_1).indexOf("prelaunch");
    bytes[runstate] = 'P';
    Files.write(changed, bytes);
    out.reset();
    int code = Main.run(List.of("diff", file.toString(), changed.toString()), outStream, errStream);
    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(2);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("globalstate/runstate");
  }
}
