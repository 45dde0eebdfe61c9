package org.vmstate4j.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the console says: the command line's help and errors for the tools, no Java class names,
 * unique command prefixes, and a second {@code /load} of the same stream.
 */
class ConsoleMessagesTest {
  @TempDir Path dir;

  /** Runs {@code script} as {@code vmstate run} does: output and errors apart. */
  private CliResult script(String script) throws IOException {
    Path file = dir.resolve("session.jsh");
    Files.writeString(file, script, StandardCharsets.UTF_8);
    return CliResult.run("run", file.toString());
  }

  /** A controller whose queue array is sparse (AUTO_ALLOC), registered as "ctrl". */
  private static final String CTRL = String.join("\n",
      "class Q { int head; static final VmStateDescription VMSD = vmsd(\"q\", Q.class)",
      "    .fields(field(\"head\").uint32()).build(); }",
      "class Ctrl { int n = 3; int irq = 7; Q[] q = new Q[3];",
      "  static final VmStateDescription VMSD = vmsd(\"ctrl\", Ctrl.class).fields(",
      "      field(\"n\").uint32Equal(), field(\"irq\").uint32(),",
      "      field(\"q\").varrayUint32(\"n\").ofPointers().autoAlloc(Q.VMSD)).build(); }",
      "var a = new Ctrl(); a.q[1] = new Q(); a.q[1].head = 7;",
      "register(\"ctrl\", Ctrl.VMSD, a);",
      "");

  @Test
  void toolUsageInTheConsoleIsTheCommandLines() throws IOException {
    CliResult console = script("/explain\n");
    CliResult commandLine = CliResult.run("explain");

    assertThat(console.code()).isEqualTo(1);
    assertThat(commandLine.code()).isEqualTo(2);
    assertThat(console.err()).isEqualTo(commandLine.err())
        .startsWith("vmstate explain: Missing required parameter: 'FILE'\nUsage: vmstate explain");

    CliResult help = script("/help explain\n/help /compat\n");
    assertThat(help.out()).isEqualTo(CliResult.run("explain", "--help").out()
        + CliResult.run("compat", "--help").out());
  }

  @Test
  void helpListsTheToolsWithTheCommandLinesSummaries() throws IOException {
    CliResult r = script("/help\n");

    assertThat(r.out()).contains("/explain [OPTIONS] FILE")
        .contains("annotated dump of a stream, item by item")
        .contains("/compat [OPTIONS] [OLD.json] [NEW.json]")
        .contains("/edit [OPTIONS] IN")
        .contains("copy a stream with fields changed");
  }

  @Test
  void aMissingFileIsNamedWithoutAJavaClassName() {
    Path missing = dir.resolve("absent.vmstate");

    String out = ConsoleDriver.session("/load " + missing + "\n/explain " + missing + "\n");

    assertThat(out).contains("error: no such file: " + missing + "\n")
        .contains("explain: " + missing + ": no such file\n")
        .doesNotContain("Exception");
  }

  @Test
  void aUniquePrefixRunsItsCommandAndAnAmbiguousOneListsTheCandidates() throws IOException {
    Path file = dir.resolve("ctrl.vmstate");

    CliResult saved = script(CTRL + "/sav " + file + "\n");
    assertThat(saved.code()).as(saved.err()).isZero();
    assertThat(saved.out()).contains("saved 1 device(s)");
    assertThat(file).exists();

    CliResult ambiguous = script("/d\n");
    assertThat(ambiguous.code()).isEqualTo(1);
    assertThat(ambiguous.err()).contains("/d is ambiguous: /devices, /desc, /diff");
  }

  @Test
  void aSecondLoadOfAnAutoAllocStreamGoesIntoNewObjects() throws IOException {
    Path file = dir.resolve("ctrl.vmstate");

    CliResult r = script(CTRL + String.join("\n",
        "/save " + file,
        "var b = new Ctrl();",
        "register(\"ctrl\", Ctrl.VMSD, b);",
        "/load " + file,
        "System.out.println(\"first: \" + b.q[1].head);",
        "b.q[1].head = 99;",
        "/load " + file,
        "var c = (Ctrl) device(\"ctrl\");",
        "System.out.println(\"second: \" + c.q[1].head + \", new object: \" + (c != b)"
            + " + \", first kept: \" + b.q[1].head);",
        "load(\"" + file + "\");",
        "System.out.println(\"third: \" + ((Ctrl) device(\"ctrl\")).q[1].head);",
        ""));

    assertThat(r.err()).doesNotContain("not empty");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("first: 7\n")
        .contains("ctrl: loaded into a new Ctrl (an earlier load filled the registered one);"
            + " device(\"ctrl\") returns it\n")
        .contains("second: 7, new object: true, first kept: 99\n")
        .contains("third: 7\n");
  }

  @Test
  void editFromTheConsoleGenericAndTyped() throws IOException {
    Path file = dir.resolve("ctrl.vmstate");
    Path generic = dir.resolve("generic.vmstate");
    Path typed = dir.resolve("typed.vmstate");

    CliResult r = script(CTRL + String.join("\n",
        "/save " + file,
        "/edit " + file + " -o " + generic + " --set ctrl/irq=0x2a",
        "var b = new Ctrl();",
        "register(\"ctrl\", Ctrl.VMSD, b);",
        "edit(\"" + file + "\", \"" + typed + "\", () -> b.q[2] = new Q());",
        ""));

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("set ctrl (0)/irq @0x").contains(": 00 00 00 07 -> 00 00 00 2a");
    CliResult genericDiff = CliResult.run("diff", file.toString(), generic.toString());
    assertThat(genericDiff.out()).startsWith("first difference: ctrl/irq: ")
        .contains("1 item differs");
    // the typed edit populates a slot: the section grows by the element, its JSON entry follows
    CliResult typedDiff = CliResult.run("diff", file.toString(), typed.toString());
    assertThat(typedDiff.code()).isEqualTo(1);
    assertThat(typedDiff.out()).startsWith("first difference: ctrl/q[2]: A @0x")
        .contains("NULL | B @0x").contains("VALID");
  }

  @Test
  void receiveInTheConsoleLoadsTheRegisteredDevices() throws IOException {
    Path file = dir.resolve("dev.vmstate");

    CliResult r = script(String.join("\n",
        "class Dev { int irq = 7; static final VmStateDescription VMSD = vmsd(\"dev\", Dev.class)",
        "    .fields(field(\"irq\").uint32()).build(); }",
        "register(\"dev\", Dev.VMSD, new Dev());",
        "/save " + file,
        "var b = new Dev(); b.irq = 0;",
        "register(\"dev\", Dev.VMSD, b);",
        "/receive --exec 'cat " + file + "' --registered --dump none",
        "System.out.println(\"received irq: \" + b.irq);",
        ""));

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).contains("loaded 1 device(s): dev; skipped 0 section(s)");
    assertThat(r.out()).contains("received irq: 7\n");
  }
}
