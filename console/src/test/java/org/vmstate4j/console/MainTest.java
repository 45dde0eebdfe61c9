package org.vmstate4j.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The {@code vmstate} command line: subcommands, generated help, exit codes. */
class MainTest {
  static Path stream(String name) throws Exception {
    return Path.of(MainTest.class.getResource("/qemu-samples/" + name).toURI());
  }

  @Test
  void helpListsEverySubcommandAndTheExitCodes() {
    CliResult r = CliResult.run("--help");

    assertThat(r.code()).isZero();
    assertThat(r.out())
        .startsWith("Usage: vmstate [-hv] [COMMAND]\n")
        .contains("  run         run a script of snippets and /commands\n")
        .contains("  analyze ", "  explain ", "  diff ", "  compat ", "  edit ", "  completion ")
        .contains("  receive ", "  send ", "  proxy ")
        .contains("-v, --verbose")
        .contains("Exit codes (every command):\n  0   success")
        .contains("  2   usage error");
    assertThat(r.err()).isEmpty();
    assertThat(CliResult.run("help").out()).isEqualTo(r.out());
  }

  @Test
  void everyOptionIsInTheHelpOfItsCommand() {
    // diff --from-stream and compat --all were once missing from the hand-written help
    assertThat(CliResult.run("diff", "--help").out()).contains("--from-stream")
        .startsWith("Usage: vmstate diff [-h] [--from-stream] [--registered] A B\n");
    assertThat(CliResult.run("compat", "--help").out()).contains("--all", "--device=NAME",
        "-s, --src=OLD.json", "-d, --dest=NEW.json");
    assertThat(CliResult.run("help", "explain").out())
        .startsWith("Usage: vmstate explain [-h] [--from-stream] [--registered] [--state] FILE\n");
    assertThat(CliResult.run("run", "--help").out())
        .startsWith("Usage: vmstate run [-h] FILE.jsh [ARGS...]\n");
  }

  @Test
  void unknownSubcommandIsAUsageError() {
    CliResult r = CliResult.run("frobnicate");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith("vmstate: unknown command 'frobnicate'\n")
        .contains("Usage: vmstate [-hv] [COMMAND]");
    assertThat(r.out()).isEmpty();
  }

  /** One convention for all: a usage error exits 2, with the command's usage on stderr. */
  @ParameterizedTest
  @ValueSource(strings = {"run", "analyze", "explain", "diff", "compat", "edit", "completion",
      "receive", "send", "proxy"})
  void usageErrorsExitTwoForEverySubcommand(String command) {
    CliResult r = CliResult.run(command, "--no-such-option");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).startsWith("vmstate " + command + ": ")
        .containsPattern("Unknown option: '--no-such-option'|Missing required")
        .contains("\nUsage: vmstate " + command);
  }

  @ParameterizedTest
  @ValueSource(strings = {"run", "explain", "diff", "edit", "receive", "send", "proxy"})
  void aMissingOperandIsAUsageError(String command) {
    CliResult r = CliResult.run(command);

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith("vmstate " + command + ": Missing required");
  }

  @Test
  void failedOperationsExitOne() throws Exception {
    Path text = Files.createTempFile("not-a-stream", ".txt");
    Files.writeString(text, "hello, not a migration stream");
    for (String command : new String[] {"analyze", "explain"}) {
      CliResult r = CliResult.run(command, text.toString());
      assertThat(r.code()).as(command).isEqualTo(1);
      assertThat(r.err().lines()).as(command).hasSize(1);
    }
    assertThat(CliResult.run("diff", text.toString(), text.toString()).code()).isEqualTo(1);
    assertThat(CliResult.run("compat", text.toString(), text.toString()).code()).isEqualTo(1);
    assertThat(CliResult.run("run", text + ".absent").code()).isEqualTo(1);
  }

  @Test
  void analyzeDumpsARealStreamAsQemusScriptDoes() throws Exception {
    CliResult r = CliResult.run("analyze", stream("none.mig").toString());

    assertThat(r.code()).isZero();
    assertThat(r.out())
        .startsWith("{\n    \"ram (2)\": {")
        .contains("\"timer (0)\": {")
        .contains("\"cpu_ticks_offset\": \"0x0000000000000000\"");
  }

  @Test
  void analyzeOfAFileThatIsNoStreamFailsWithOneLine() throws Exception {
    Path file = Files.createTempFile("not-a-stream", ".bin");
    Files.writeString(file, "hello, not a migration stream");

    CliResult r = CliResult.run("analyze", file.toString());

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err().strip()).doesNotContain("\n").startsWith("analyze: ").contains("@0");
  }

  @Test
  void explainAndDiffWorkOnARealStream() throws Exception {
    Path file = stream("none.mig");

    CliResult explained = CliResult.run("explain", file.toString());
    assertThat(explained.code()).isZero();
    assertThat(explained.out())
        .contains("timer/cpu_ticks_offset")
        .contains("globalstate/runstate");

    Path changed = Files.createTempFile("none-changed", ".mig");
    byte[] bytes = Files.readAllBytes(file);
    int runstate = new String(bytes, StandardCharsets.ISO_8859_1).indexOf("prelaunch");
    bytes[runstate] = 'P';
    Files.write(changed, bytes);
    CliResult diff = CliResult.run("diff", file.toString(), changed.toString());
    assertThat(diff.code()).as(diff.err()).isEqualTo(1);
    assertThat(diff.out()).contains("globalstate/runstate");
  }
}
