package org.vmstate4j.console;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.List;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * Entry point of {@code vmstate}: the console, the script runner and the stream tools. The
 * command line is {@link Cli}'s; this class starts what it chooses.
 */
public final class Main {
  static final String HISTORY_FILE = ".vmstate4j_history";

  private Main() {}

  public static void main(String[] argv) {
    System.exit(run(List.of(argv), System.out, System.err));
  }

  /** Runs the command line {@code argv} and returns its exit code (see {@link Cli}). */
  static int run(List<String> argv, PrintStream out, PrintStream err) {
    return Cli.execute(CliContext.of(out, err), argv);
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

  static int interactive(boolean verbose, PrintStream err) {
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
