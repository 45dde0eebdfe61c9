package org.vmstate4j.console;

import java.io.IOError;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jspecify.annotations.Nullable;

/** The prompt: reads snippets and commands with JLine and hands them to the session. */
final class InteractiveConsole {
  static final String PROMPT = "vmstate> ";
  /** As wide as the prompt, so continued lines line up with the first. */
  static final String CONTINUATION = "   ...> ";

  private final Terminal terminal;
  private final @Nullable Path historyFile;
  private final boolean verbose;

  /**
   * @param historyFile where to keep history between runs, or null to keep it in memory only
   * @param verbose print full stack traces instead of one line per exception
   */
  InteractiveConsole(Terminal terminal, @Nullable Path historyFile, boolean verbose) {
    this.terminal = terminal;
    this.historyFile = historyFile;
    this.verbose = verbose;
  }

  /** Runs until {@code /exit} or end of input; returns the exit code. */
  int run() {
    PrintStream out = new PrintStream(terminal.output(), true, terminal.encoding());
    ShellSession session = new ShellSession(out, out, ShellSession.Feedback.NORMAL, verbose);
    CommandRegistry commands = CommandRegistry.standard();
    InputHandler handler = new InputHandler(session, commands, out, out);

    LineReaderBuilder builder = LineReaderBuilder.builder()
        .terminal(terminal)
        .appName("vmstate")
        .parser(new SnippetParser(session, commands))
        .completer(new SnippetCompleter())
        .variable(LineReader.SECONDARY_PROMPT_PATTERN, CONTINUATION)
        // "!!" and "!x" are Java, not history references.
        .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
        .option(LineReader.Option.INSERT_TAB, true);
    if (historyFile != null) {
      builder.variable(LineReader.HISTORY_FILE, historyFile);
    }
    LineReader reader = builder.build();
    // javac warms up while the user reads the prompt; the first eval waits for it if needed.
    session.startInBackground();
    boolean dumb = isDumb(terminal);
    Consoles.bindProgressBars(label -> new ProgressBar(label, terminal.writer(),
        terminal::getColumns, System::nanoTime, !dumb));
    // Outside readLine, Ctrl-C means "stop the running snippet", not "kill the JVM".
    terminal.handle(Terminal.Signal.INT, signal -> session.stop());
    if (!dumb) {
      out.println("vmstate4j console. /help lists the commands, Ctrl-D leaves.");
    }

    int exitCode = 0;
    try {
      while (true) {
        String input;
        try {
          input = reader.readLine(PROMPT);
        } catch (UserInterruptException e) {
          continue; // Ctrl-C at the prompt drops what was typed
        } catch (EndOfFileException e) {
          String partial = e.getPartialLine();
          if (partial != null && !partial.isBlank()) {
            handler.handle(partial, SourcePosition.INTERACTIVE);
          }
          break;
        } catch (IOError e) {
          break; // the terminal went away
        }
        Outcome outcome = handler.handle(input, SourcePosition.INTERACTIVE);
        if (outcome.kind() == Outcome.Kind.EXIT) {
          exitCode = outcome.exitCode();
          break;
        }
      }
    } finally {
      saveHistory(reader);
      out.flush();
      session.close();
    }
    return exitCode;
  }

  private void saveHistory(LineReader reader) {
    if (historyFile == null) {
      return;
    }
    try {
      reader.getHistory().save();
    } catch (IOException e) {
      terminal.writer().println("warning: history not saved: " + e.getMessage());
      terminal.writer().flush();
    }
  }

  static boolean isDumb(Terminal terminal) {
    return Terminal.TYPE_DUMB.equals(terminal.getType())
        || Terminal.TYPE_DUMB_COLOR.equals(terminal.getType());
  }
}
