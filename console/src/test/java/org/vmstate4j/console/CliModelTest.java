package org.vmstate4j.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line is built without reading an annotation: picocli's annotations are dynamic
 * proxy classes, which class-data sharing cannot archive, and reading them was most of the
 * start-up of a short command such as {@code vmstate analyze FILE}.
 */
class CliModelTest {
  private static final List<String> SUBCOMMANDS = List.of("run", "analyze", "explain", "diff",
      "compat", "edit", "receive", "send", "proxy", "completion", "help");

  /**
   * In a child JVM: builds the tree of each subcommand and the whole tree, prints their help
   * and the completion script, and runs a subcommand, the way the command line does.
   */
  public static void main(String[] args) {
    PrintStream none = new PrintStream(OutputStream.nullOutputStream());
    CliContext context = CliContext.of(none, none);
    for (String name : SUBCOMMANDS) {
      Cli.execute(context, List.of(name, "--help"));
    }
    Cli.execute(context, List.of("--help"));
    Cli.execute(context, List.of("help", "analyze"));
    Cli.execute(context, List.of("completion"));
    Cli.execute(context, List.of("analyze", "no-such-file.mig"));
    Cli.execute(context, List.of("-v", "diff", "a.mig"));
  }

  @Test
  void noCommandLoadsAnAnnotationProxy(@TempDir Path dir) throws IOException,
      InterruptedException {
    Path log = dir.resolve("class-load.log");
    Process child = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xshare:off", "-Xlog:class+load=info:file=" + log,
        "-cp", System.getProperty("java.class.path"), CliModelTest.class.getName())
        .redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile()).start();
    assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(child.exitValue()).as(Files.readString(dir.resolve("out.txt"))).isZero();
    List<String> loaded = Files.readAllLines(log).stream()
        .filter(l -> l.contains("[class,load]")).toList();
    // the log is the one of the run: it saw the model and the commands being loaded
    assertThat(loaded).anyMatch(l -> l.contains(" picocli.CommandLine$Model$CommandSpec "))
        .anyMatch(l -> l.contains(" org.vmstate4j.console.AnalyzeSubcommand "))
        .anyMatch(l -> l.contains(" org.vmstate4j.console.HelpSubcommand "))
        .anyMatch(l -> l.contains(" picocli.AutoComplete "));
    assertThat(loaded).noneMatch(l -> l.contains("$Proxy") || l.contains("jdk.proxy"));
  }
}
