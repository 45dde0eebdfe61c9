package org.vmstate4j.console;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs a {@code .jsh} file without a prompt: snippets and commands in order, stopping at the
 * first one that fails. Lines are gathered until they form whole snippets, as at the prompt.
 */
final class ScriptRunner {
  static final int OK = 0;
  static final int FAILED = 1;

  private final InputHandler handler;
  private final PrintStream err;

  ScriptRunner(InputHandler handler, PrintStream err) {
    this.handler = handler;
    this.err = err;
  }

  /**
   * Returns 0 when every snippet succeeded, 1 at the first failure or when the file cannot be
   * read, or the {@code /exit} code.
   */
  int run(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      err.println("error: cannot read the script: " + UserMessage.of(e));
      return FAILED;
    }
    String origin = file.toString();
    StringBuilder pending = new StringBuilder();
    int pendingLine = 0;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (i == 0 && line.startsWith("#!")) {
        continue; // lets a script be executable with "#!/usr/bin/env -S vmstate run"
      }
      if (pending.length() == 0) {
        if (line.isBlank()) {
          continue;
        }
        if (CommandRegistry.isCommand(line)) {
          Outcome outcome = handler.handle(line, new SourcePosition(origin, i + 1));
          if (outcome.kind() != Outcome.Kind.OK) {
            return outcome.kind() == Outcome.Kind.EXIT ? outcome.exitCode() : FAILED;
          }
          continue;
        }
        pendingLine = i + 1;
      }
      pending.append(line).append('\n');
      if (handler.session().isComplete(pending.toString()) && !continues(lines, i + 1)) {
        Outcome outcome = handler.handle(pending.toString(), new SourcePosition(origin, pendingLine));
        pending.setLength(0);
        if (outcome.kind() != Outcome.Kind.OK) {
          return FAILED;
        }
      }
    }
    if (pending.length() > 0) {
      // An unfinished snippet at the end: evaluating it reports what javac expected.
      Outcome outcome = handler.handle(pending.toString(), new SourcePosition(origin, pendingLine));
      if (outcome.kind() != Outcome.Kind.OK) {
        return FAILED;
      }
    }
    return OK;
  }

  /**
   * Whether the next non-blank line continues the statement, like a chained {@code .call()}:
   * in a file the whole chain is one snippet, though its first line is complete by itself.
   */
  static boolean continues(List<String> lines, int from) {
    for (int k = from; k < lines.size(); k++) {
      String next = lines.get(k).strip();
      if (next.isEmpty() || next.startsWith("//")) {
        continue;
      }
      return next.startsWith(".") && !next.startsWith("..");
    }
    return false;
  }
}
