package org.vmstate4j.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jline.terminal.Terminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drives the console through a dumb terminal with piped input, as {@code echo ... | vmstate}. */
class InteractiveConsoleTest {
  @Test
  void objectsDefinedInSnippetsCanBeCreatedChangedAndPrinted() {
    String out = ConsoleDriver.session(String.join("\n",
        "class Dev { int irq; String name = \"uart\"; }",
        "var dev = new Dev();",
        "dev.irq = 4;",
        "System.out.println(dev.name + \" irq=\" + dev.irq);",
        "dev.irq + 1",
        ""));

    assertThat(out).contains("created class Dev")
        .contains("uart irq=4")
        .containsPattern("\\$\\d+ ==> 5");
  }

  @Test
  void classDefinedInTheConsoleIsDescribedSavedAndLoadedIntoANewObject(@TempDir Path dir) {
    Path file = dir.resolve("uart.vmstate");
    String out = ConsoleDriver.session(String.join("\n",
        "class Uart { int divisor; long scratch; byte[] fifo = new byte[4]; }",
        "var VMSD = vmsd(\"uart\", Uart.class).version(2).fields(",
        "    field(\"divisor\").uint16(),",
        "    field(\"scratch\").uint64(),",
        "    field(\"fifo\").buffer(4)).build();",
        "var a = new Uart(); a.divisor = 12; a.scratch = 0xfee1L; a.fifo[3] = 7;",
        "register(\"uart\", VMSD, a);",
        "/devices",
        "/save " + file,
        "var b = new Uart();",
        "register(\"uart\", VMSD, b);",
        "/load " + file,
        "System.out.println(\"divisor=\" + b.divisor + \" scratch=\" + Long.toHexString(b.scratch) + \" fifo3=\" + b.fifo[3]);",
        "/desc uart",
        ""));

    assertThat(out).contains("uart                     uart                     v2")
        .contains("saved 1 device(s)")
        .contains("loaded 1 device(s) from " + file)
        .contains("divisor=12 scratch=fee1 fifo3=7")
        .contains("\"vmsd_name\" : \"uart\"")
        .doesNotContain("error");
    assertThat(file).exists();
  }

  @Test
  void aFailedLoadIsOneLineWithThePathAndChangesNothing(@TempDir Path dir) {
    Path file = dir.resolve("dev.vmstate");
    String out = ConsoleDriver.session(String.join("\n",
        "class Dev { int n = 2; int[] regs = new int[2]; }",
        "var V = vmsd(\"dev\", Dev.class).fields(field(\"n\").uint32Equal(),",
        "    field(\"regs\").varrayUint32(\"n\").uint32()).build();",
        "var a = new Dev(); a.regs[1] = 5;",
        "register(\"dev\", V, a);",
        "/save " + file,
        "var b = new Dev(); b.n = 3; b.regs = new int[3];",
        "register(\"dev\", V, b);",
        "/load " + file,
        "b.regs[1]",
        ""));

    assertThat(out).contains("dev/n: 3 != 2").containsPattern("\\$\\d+ ==> 0");
  }

  @Test
  void compileErrorShowsMessageAndCaretUnderTheProblem() {
    String out = ConsoleDriver.session("int total = undefinedThing + 1;\n");

    assertThat(out).contains("error: cannot find symbol")
        .contains("  int total = undefinedThing + 1;\n"
            + "              ^------------^\n")
        .doesNotContain("location: class");
  }

  @Test
  void runtimeExceptionIsOneLineWithTheMessage() {
    String out = ConsoleDriver.session(String.join("\n",
        "void fail() { throw new IllegalStateException(\"dev/regs[3]: bad value\"); }",
        "fail();",
        "int after = 1;",
        ""));

    String line = out.lines().filter(l -> l.contains("IllegalStateException")).findFirst()
        .orElseThrow();
    assertThat(line).endsWith("IllegalStateException: dev/regs[3]: bad value");
    assertThat(out).doesNotContain("\tat ").contains("after ==> 1");
  }

  @Test
  void traceShowsTheLastStackTraceOnRequest() {
    String out = ConsoleDriver.session(String.join("\n",
        "void inner() { throw new UnsupportedOperationException(\"nope\"); }",
        "void outer() { inner(); }",
        "outer();",
        "/trace",
        ""));

    assertThat(out).contains("java.lang.UnsupportedOperationException: nope\n")
        .containsPattern("\tat \\.inner\\(#\\d+:1\\)")
        .containsPattern("\tat \\.outer\\(#\\d+:1\\)");
  }

  @Test
  void unfinishedSnippetContinuesOnTheNextLines() {
    String out = ConsoleDriver.session(String.join("\n",
        "class Queue {",
        "  int head;",
        "  int tail() {",
        "    return head + 2;",
        "  }",
        "}",
        "int sum = 1 +",
        "  2 +",
        "  3;",
        "new Queue().tail()",
        ""));

    assertThat(out).contains("created class Queue")
        .contains("sum ==> 6")
        .containsPattern("\\$\\d+ ==> 2")
        .doesNotContain("error");
  }

  @Test
  void varsAndTypesListWhatWasDefinedAndResetClearsIt() {
    String out = ConsoleDriver.session(String.join("\n",
        "record Reg(String name, int width) {}",
        "interface Device {}",
        "var reg = new Reg(\"ctrl\", 32);",
        "long base = 0x1000L;",
        "/vars",
        "/types",
        "/reset",
        "/vars",
        "/types",
        "base",
        ""));

    int reset = out.indexOf("reset\n");
    assertThat(reset).isPositive();
    String before = out.substring(0, reset);
    String after = out.substring(reset);
    assertThat(before).contains("Reg reg = Reg[name=ctrl, width=32]")
        .contains("long base = 4096")
        .contains("record Reg")
        .contains("interface Device");
    assertThat(after).contains("no variables").contains("no types")
        .contains("error: cannot find symbol")
        .doesNotContain("record Reg");
  }

  @Test
  void severalSnippetsOnOneLineRunInOrder() {
    String out = ConsoleDriver.session(
        "int a = 2; int b = a * 21; System.out.println(\"b=\" + b);\n");

    assertThat(out).contains("a ==> 2").contains("b ==> 42").contains("b=42");
  }

  @Test
  void startupImportsMakeEngineTypesAndConsoleHelpersAvailable() {
    String out = ConsoleDriver.session(String.join("\n",
        "VmStateException e = new VmStateException(\"x\");",
        "args().size()",
        ""));

    assertThat(out).contains("e ==> org.vmstate4j.engine.VmStateException: x")
        .containsPattern("\\$\\d+ ==> 0")
        .doesNotContain("error");
  }

  @Test
  void startupIsSilentEvenForImportsOfModulesNotBuiltYet() {
    // The DSL import is rejected until org.vmstate4j.dsl.VmsdDsl exists; nobody should see that.
    assertThat(ConsoleDriver.session("1 + 1\n")).isEqualTo("vmstate> $1 ==> 2\nvmstate> ");
  }

  @Test
  void helpListsTheCommandsAndUnknownCommandsAreReported() {
    String out = ConsoleDriver.session("/help\n/nosuch\n// a comment, not a command\n");

    assertThat(out).contains("/vars").contains("/types").contains("/reset")
        .contains("/trace").contains("/analyze [OPTIONS] [FILE]").contains("/exit")
        .contains("error: unknown command /nosuch");
  }

  @Test
  void exitCommandLeavesWithItsCode() {
    try (ConsoleDriver console = new ConsoleDriver(null)) {
      console.type("int x = 1;\n/exit 7\nint never = 2;\n");

      assertThat(console.exitCode()).isEqualTo(7);
      assertThat(console.output()).contains("x ==> 1").doesNotContain("never");
    }
  }

  @Test
  void endOfInputLeavesWithZero() {
    try (ConsoleDriver console = new ConsoleDriver(null)) {
      console.type("int x = 1;\n");
      console.endOfInput();

      assertThat(console.exitCode()).isZero();
    }
  }

  @Test
  void interruptStopsARunningSnippetAndTheConsoleCarriesOn() {
    try (ConsoleDriver console = new ConsoleDriver(null)) {
      console.type("{ System.out.println(\"spinning\"); while (true) { Thread.onSpinWait(); } }\n");
      console.awaitOutput("spinning", 1);

      console.terminal().raise(Terminal.Signal.INT);
      console.awaitOutput("stopped", 1);
      console.type("6 * 7\n");
      console.awaitOutput("==> 42", 1);
      console.endOfInput();

      assertThat(console.exitCode()).isZero();
    }
  }

  @Test
  void interruptAtThePromptDropsTheUnfinishedInput() {
    try (ConsoleDriver console = new ConsoleDriver(null)) {
      // warm JShell first, so the unfinished line is analysed at once and the reader waits
      console.type("int warm = 1;\n");
      console.awaitOutput("warm ==> 1", 1);
      console.type("int dropped = 1 +\n");
      console.awaitInputTaken();

      console.terminal().raise(Terminal.Signal.INT);
      // The signal may swallow the next key, as Ctrl-C itself would be; give it a blank line.
      console.type("\nint kept = 5;\n/vars\n");
      console.endOfInput();

      assertThat(console.exitCode()).isZero();
      assertThat(console.output()).contains("int kept = 5").doesNotContain("dropped");
    }
  }

  @Test
  void historyIsKeptInTheGivenFile(@TempDir Path dir) throws Exception {
    Path history = dir.resolve("history");
    try (ConsoleDriver console = new ConsoleDriver(history)) {
      console.type("int remembered = 3;\n/exit\n");
      assertThat(console.exitCode()).isZero();
    }

    assertThat(Files.readString(history, StandardCharsets.UTF_8))
        .contains("int remembered = 3;").contains("/exit");
  }
}
