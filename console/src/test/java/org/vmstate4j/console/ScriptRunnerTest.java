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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vmstate run FILE.jsh ARGS}: exit codes, where it stops, what it prints. */
class ScriptRunnerTest {
  @TempDir
  Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String script, String... args) throws IOException {
    Path file = dir.resolve("script.jsh");
    Files.writeString(file, script, StandardCharsets.UTF_8);
    List<String> argv = new ArrayList<>(List.of("run", file.toString()));
    argv.addAll(List.of(args));
    return Main.run(argv, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void scriptWhoseSnippetsAllSucceedExitsZero() throws IOException {
    int code = run(String.join("\n",
        "// a device with two registers",
        "record Regs(int ctrl, int status) {}",
        "class Dev {",
        "  Regs regs = new Regs(1, 2);",
        "}",
        "var dev = new Dev();",
        "int sum = dev.regs.ctrl() +",
        "    dev.regs.status();",
        "System.out.println(\"sum=\" + sum);",
        ""));

    assertThat(code).isZero();
    assertThat(out()).isEqualTo("sum=3\n");
    assertThat(err()).isEmpty();
  }

  @Test
  void runtimeFailureExitsOneAndStopsAtThatSnippet() throws IOException {
    int code = run(String.join("\n",
        "System.out.println(\"first\");",
        "",
        "Object o = \"not a number\";",
        "Integer i = (Integer) o;",
        "System.out.println(\"never\");",
        ""));

    assertThat(code).isEqualTo(1);
    assertThat(out()).isEqualTo("first\n");
    assertThat(err()).startsWith(dir.resolve("script.jsh") + ":4: ClassCastException: ")
        .hasLineCount(1);
  }

  @Test
  void compileErrorExitsOneWithLineNumberAndCaret() throws IOException {
    int code = run(String.join("\n",
        "int ok = 1;",
        "int bad = ok +",
        "    missing;",
        "System.out.println(\"never\");",
        ""));

    assertThat(code).isEqualTo(1);
    assertThat(out()).isEmpty();
    assertThat(err()).contains(":3: error: cannot find symbol")
        .contains("      missing;\n      ^-----^\n");
  }

  @Test
  void rejectedImportFailsTheScript() throws IOException {
    int code = run("import org.example.missing.*;\nSystem.out.println(\"never\");\n");

    assertThat(code).isEqualTo(1);
    assertThat(out()).isEmpty();
    assertThat(err()).contains("script.jsh:1: error: package org.example.missing does not exist");
  }

  @Test
  void verboseFlagAddsTheStackTrace() throws IOException {
    Path file = dir.resolve("trace.jsh");
    Files.writeString(file, "void deep() { throw new IllegalStateException(\"deep\"); }\ndeep();\n");

    int code = Main.run(List.of("-v", "run", file.toString()),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(code).isEqualTo(1);
    assertThat(err()).contains("trace.jsh:2: IllegalStateException: deep\n")
        .contains("java.lang.IllegalStateException: deep\n")
        .containsPattern("\tat \\.deep\\(#\\d+:1\\)");
  }

  @Test
  void secondSnippetOnALineIsReportedAtItsOwnLine() throws IOException {
    int code = run("int a = 1;\n\nint b = 2; int c = nope;\n");

    assertThat(code).isEqualTo(1);
    assertThat(err()).contains("script.jsh:3: error: cannot find symbol");
  }

  @Test
  void unfinishedSnippetAtTheEndFails() throws IOException {
    int code = run("int ok = 1;\nclass Open {\n  int x;\n");

    assertThat(code).isEqualTo(1);
    assertThat(err()).contains("script.jsh:3: error: reached end of file while parsing");
  }

  @Test
  void scriptArgumentsReachTheScript() throws IOException {
    int code = run(String.join("\n",
        "System.out.println(args());",
        "System.out.println(arg(1, \"none\") + \" \" + arg(5, \"none\"));",
        ""), "dump.bin", "--fast", "two words");

    assertThat(code).isZero();
    assertThat(out()).isEqualTo("[dump.bin, --fast, two words]\n--fast none\n");
  }

  @Test
  void progressBarsAreAvailableToScriptsAndQuietForQuickWork() throws IOException {
    int code = run(String.join("\n",
        "try (ProgressBar bar = progress(\"copying\")) {",
        "  bar.update(512, 1024);",
        "  bar.update(1024, 1024);",
        "}",
        "System.out.println(\"copied\");",
        ""));

    assertThat(code).isZero();
    assertThat(out()).isEqualTo("copied\n");
    assertThat(err()).isEmpty();
  }

  @Test
  void commandsWorkInScriptsAndExitSetsTheCode() throws IOException {
    int code = run(String.join("\n",
        "#!/usr/bin/env vmstate",
        "class Dev {}",
        "/types",
        "/exit 5",
        "System.out.println(\"never\");",
        ""));

    assertThat(code).isEqualTo(5);
    assertThat(out()).contains("class Dev").doesNotContain("never");
  }

  @Test
  void unknownCommandFailsTheScript() throws IOException {
    int code = run("/nosuch\nSystem.out.println(\"never\");\n");

    assertThat(code).isEqualTo(1);
    assertThat(out()).doesNotContain("never");
    assertThat(err()).contains("unknown command /nosuch");
  }

  @Test
  void missingScriptIsAFailedRunInWords() {
    int code = Main.run(List.of("run", dir.resolve("absent.jsh").toString()),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));

    // 2 is for usage errors only; a file that cannot be read is a failed run, as elsewhere
    assertThat(code).isEqualTo(1);
    assertThat(err()).isEqualTo("error: cannot read the script: no such file: "
        + dir.resolve("absent.jsh") + "\n");
  }

  @Test
  void argumentsAfterTheScriptAreTheScriptsEvenWhenTheyLookLikeOptions() throws IOException {
    int code = run("System.out.println(args());\n", "--dump", "-v", "x");

    assertThat(code).as(err()).isZero();
    assertThat(out()).isEqualTo("[--dump, -v, x]\n");
  }
}
