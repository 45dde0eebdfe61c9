package org.vmstate4j.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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
  void analyzeBridgePassesArgumentsAndExitCodeThrough() {
    int code = AnalyzeBridge.run(FakeAnalyzer.class.getName(),
        List.of("dump.bin", "--dump", "desc"), outStream, errStream);

    assertThat(code).isEqualTo(3);
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("analyzed [dump.bin, --dump, desc]\n");
  }

  @Test
  void analyzeBridgeRethrowsTheAnalyzersException() {
    assertThatThrownBy(() -> AnalyzeBridge.run(FakeAnalyzer.class.getName(),
        List.of("--explode"), outStream, errStream))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("stream.bin @4: bad magic");
  }

  @Test
  void analyzeBridgeSaysSoWhenTheAnalyzerIsAbsent() {
    int code = AnalyzeBridge.run("org.vmstate4j.nowhere.Analyzer", List.of("x"), outStream,
        errStream);

    assertThat(code).isEqualTo(AnalyzeBridge.UNAVAILABLE);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("analyze is not available in this build")
        .contains("org.vmstate4j.nowhere.Analyzer");
  }
}
