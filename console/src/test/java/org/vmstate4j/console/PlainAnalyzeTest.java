package org.vmstate4j.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The plain forms of {@code analyze} skip picocli and print exactly what picocli's path does. */
class PlainAnalyzeTest {
  private static CliResult viaPicocli(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CliContext context = CliContext.of(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    int code = Cli.commandLine(context).execute(args);
    return new CliResult(code, out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8));
  }

  private static CliResult plain(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CliContext context = CliContext.of(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    Integer code = PlainAnalyze.run(context, List.of(args));
    assertThat(code).as("plain: %s", List.of(args)).isNotNull();
    return new CliResult(code, out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void plainFormsPrintWhatPicocliPrints() throws Exception {
    String file = MainTest.stream("none.mig").toString();
    String[][] forms = {
        {"analyze", file},
        {"analyze", file, "--dump", "desc"},
        {"analyze", "-d", "desc", file},
        {"analyze", file, "-d", "state"},
        {"analyze", file + ".missing"}};
    for (String[] form : forms) {
      assertThat(plain(form)).as("%s", List.of(form)).isEqualTo(viaPicocli(form));
    }
    assertThat(plain("analyze", file).out())
        .isEqualTo(AnalyzeSubcommandTest.text("none.state.json"));
  }

  @Test
  void everythingElseIsLeftToPicocli() {
    CliContext context = CliContext.of(System.out, System.err);
    String[][] forms = {
        {}, {"explain", "a.mig"}, {"analyze"}, {"analyze", "a.mig", "b.mig"},
        {"analyze", "a.mig", "--dump", "memory"}, {"analyze", "a.mig", "--dump"},
        {"analyze", "-f", "a.mig"}, {"analyze", "a.mig", "--dump=desc"},
        {"analyze", "--help"}, {"analyze", "@args.txt"}, {"analyze", "--", "a.mig"},
        {"--verbose", "analyze", "a.mig"}, {"analyze", "a\0.mig"}};
    for (String[] form : forms) {
      assertThat(PlainAnalyze.run(context, List.of(form))).as("%s", List.of(form)).isNull();
    }
  }
}
