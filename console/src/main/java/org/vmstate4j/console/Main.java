package org.vmstate4j.console;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.List;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.vmstate4j.engine.analyze.AnalyzeCommand;
import org.vmstate4j.engine.inspect.CompatCommand;
import org.vmstate4j.engine.inspect.DiffCommand;
import org.vmstate4j.engine.inspect.ExplainCommand;

/** Entry point of {@code vmstate}: the console, the script runner and the analyzer. */
public final class Main {
  static final String HISTORY_FILE = ".vmstate4j_history";
  static final int USAGE = 2;

  static final String USAGE_TEXT = String.join("\n",
      "usage: vmstate [-v] [COMMAND]",
      "",
      "commands:",
      "  (none)                            interactive console (JShell with the DSL and engine imported)",
      "  run FILE.jsh [ARGS...]            run a script; exit 0 if every snippet succeeded, 1 at the first",
      "                                    failure; ARGS are available to the script as args()",
      "  analyze FILE [--dump state|desc]  decode any QEMU migration stream (as analyze-migration.py)",
      "  explain FILE [--state]            annotated dump: offset, path, codec, bytes, value of every item",
      "  diff A B                          where two streams first differ, as paths",
      "  compat OLD.json NEW.json [--device NAME]",
      "                                    whether streams load across two -dump-vmstate descriptions",
      "  --help                            this text",
      "",
      "options:",
      "  -v, --verbose                     print full stack traces for exceptions",
      "");

  private Main() {}

  public static void main(String[] argv) {
    System.exit(run(List.of(argv), System.out, System.err));
  }

  static int run(List<String> argv, PrintStream out, PrintStream err) {
    boolean verbose = false;
    int i = 0;
    while (i < argv.size() && (argv.get(i).equals("-v") || argv.get(i).equals("--verbose"))) {
      verbose = true;
      i++;
    }
    if (i == argv.size()) {
      return interactive(verbose, err);
    }
    List<String> rest = argv.subList(i + 1, argv.size());
    switch (argv.get(i)) {
      case "-h", "--help", "help" -> {
        out.print(USAGE_TEXT);
        return 0;
      }
      case "run" -> {
        if (rest.isEmpty()) {
          err.print("error: run needs a script file\n" + USAGE_TEXT);
          return USAGE;
        }
        return runScript(Path.of(rest.get(0)), rest.subList(1, rest.size()), verbose, out, err);
      }
      case "analyze" -> {
        return AnalyzeCommand.run(rest, out, err);
      }
      case "explain" -> {
        return ExplainCommand.run(rest, out, err);
      }
      case "diff" -> {
        return DiffCommand.run(rest, out, err);
      }
      case "compat" -> {
        return CompatCommand.run(rest, out, err);
      }
      default -> {
        err.print("error: unknown command " + argv.get(i) + "\n" + USAGE_TEXT);
        return USAGE;
      }
    }
  }

  static int runScript(
      Path script, List<String> args, boolean verbose, PrintStream out, PrintStream err) {
    Consoles.bindArgs(args);
    Consoles.bindScript(script);
    boolean tty = System.console() != null;
    Consoles.bindProgressBars(label -> new ProgressBar(label,
        new PrintWriter(err, true, Charset.defaultCharset()), () -> 80, System::nanoTime, tty));
    try (ShellSession session =
        new ShellSession(out, err, ShellSession.Feedback.SILENT, verbose)) {
      InputHandler handler = new InputHandler(session, CommandRegistry.standard(), out, err);
      return new ScriptRunner(handler, err).run(script);
    }
  }

  private static int interactive(boolean verbose, PrintStream err) {
    Terminal terminal;
    try {
      // dumb(true): piped stdin or an unknown terminal still works, just without line editing.
      // graphemeCluster(false): skips JLine's start-up probe of the terminal, which costs time
      // and, when the user types ahead, reads their keys as the terminal's answer.
      terminal = TerminalBuilder.builder().name("vmstate").system(true).dumb(true)
          .graphemeCluster(false).build();
    } catch (IOException e) {
      err.println("error: cannot open the terminal: " + e.getMessage());
      return 1;
    }
    try (terminal) {
      // Piped input is not something to recall later; only people at a terminal get history.
      Path history = InteractiveConsole.isDumb(terminal) ? null
          : Path.of(System.getProperty("user.home"), HISTORY_FILE);
      return new InteractiveConsole(terminal, history, verbose).run();
    } catch (IOException e) {
      err.println("error: " + e.getMessage());
      return 1;
    }
  }
}
