package org.vmstate4j.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vmstate analyze}: analyze-migration.py's output, its spellings, one-line errors. */
class AnalyzeSubcommandTest {
  @TempDir Path dir;

  static String text(String name) throws Exception {
    return Files.readString(MainTest.stream(name), StandardCharsets.UTF_8);
  }

  @Test
  void dumpsStateByDefaultAndDescOnRequest() throws Exception {
    String file = MainTest.stream("none.mig").toString();

    CliResult state = CliResult.run("analyze", file);
    assertThat(state.code()).isZero();
    assertThat(state.out()).isEqualTo(text("none.state.json"));
    assertThat(state.err()).isEmpty();

    CliResult desc = CliResult.run("analyze", file, "--dump", "desc");
    assertThat(desc.code()).isZero();
    assertThat(desc.out()).isEqualTo(text("none.desc.json"));
  }

  @Test
  void acceptsTheScriptsSpelling() throws Exception {
    String file = MainTest.stream("none.mig").toString();

    assertThat(CliResult.run("analyze", "-f", file, "-d", "state").out())
        .isEqualTo(text("none.state.json"));
    assertThat(CliResult.run("analyze", file, "--dump=desc").out())
        .isEqualTo(text("none.desc.json"));
  }

  @Test
  void usageErrorsExitTwoWithTheProblemFirst() {
    String[][] cases = {
        {},
        {"a.mig", "--dump", "memory"},
        {"a.mig", "--dump"},
        {"a.mig", "b.mig"},
        {"--frobnicate", "a.mig"},
        {"a.mig", "-f", "b.mig"}};
    String[] problems = {
        "Missing required parameter: 'FILE'",
        "--dump must be state or desc, not memory",
        "Missing required parameter for option '--dump'",
        "Unmatched argument at index 2: 'b.mig'",
        "Unknown option: '--frobnicate'",
        "give FILE or -f FILE, not both"};
    for (int i = 0; i < cases.length; i++) {
      String[] argv = new String[cases[i].length + 1];
      argv[0] = "analyze";
      System.arraycopy(cases[i], 0, argv, 1, cases[i].length);
      CliResult r = CliResult.run(argv);
      assertThat(r.code()).as(problems[i]).isEqualTo(2);
      assertThat(r.out()).isEmpty();
      assertThat(r.err()).startsWith("vmstate analyze: " + problems[i])
          .contains("Usage: vmstate analyze [-h] [-d=state|desc] [-f=FILE] [FILE]");
    }
  }

  @Test
  void missingFileIsOneLine() {
    CliResult r = CliResult.run("analyze", dir.resolve("nope.mig").toString());

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err().lines()).singleElement().asString().endsWith("nope.mig: no such file");
  }

  @Test
  void malformedStreamIsOneLineWithTheOffset() throws Exception {
    byte[] b = Files.readAllBytes(MainTest.stream("none.mig"));
    b[0] = 0;
    Path bad = Files.write(dir.resolve("bad.mig"), b);

    CliResult r = CliResult.run("analyze", bad.toString());

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err().lines()).singleElement().asString()
        .contains("@0 (0x0): Not a migration stream, magic: 45564d != 5145564d");
  }
}
