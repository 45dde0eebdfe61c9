package org.vmstate4j.console;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import jdk.jshell.JShell;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;
import org.jspecify.annotations.Nullable;

/**
 * One JShell with the local execution engine, so objects created by snippets are the very
 * objects the engine sees. Evaluates input, reports results and errors, and answers the
 * reader's questions (is this input complete, what completes this prefix).
 *
 * <p>JShell is not thread-safe: every use goes through {@link #lock}, except {@link #stop()},
 * which JShell allows from another thread.
 */
final class ShellSession implements AutoCloseable {
  /** How much to say about successful snippets. */
  enum Feedback {
    /** Values and definitions, like jshell's normal mode: for people at a prompt. */
    NORMAL,
    /** Nothing but errors: for scripts. */
    SILENT
  }

  private final PrintStream out;
  private final PrintStream err;
  private final SnippetReporter reporter;
  private final ReentrantLock lock = new ReentrantLock();
  private volatile @Nullable JShell shell;
  private boolean started;
  private volatile boolean running;
  private volatile boolean stopped;
  private volatile boolean closed;
  private volatile @Nullable Throwable lastException;

  ShellSession(PrintStream out, PrintStream err, Feedback feedback, boolean verbose) {
    this.out = out;
    this.err = err;
    this.reporter = new SnippetReporter(out, err, feedback, verbose);
    // a new session starts with a machine of its own
    Consoles.machine().clear();
  }

  /** The JShell, built on first use so that building it can happen off the start-up path. */
  private JShell shell() {
    JShell current = shell;
    if (current == null) {
      current = JShell.builder()
          .executionEngine(SnippetExecution.provider(), Map.of())
          .out(out).err(err).build();
      shell = current;
    }
    return current;
  }

  /** Evaluates the start-up imports if that has not happened yet; the first call warms javac. */
  void start() {
    lock.lock();
    try {
      if (started) {
        return;
      }
      started = true;
      for (String importLine : StartupImports.IMPORTS) {
        // A rejected import names a module that is not built yet; it is simply not there.
        shell().eval(importLine);
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Starts the session on a daemon thread, so the prompt can appear while javac warms up. Any
   * use of the session waits for it.
   */
  Thread startInBackground() {
    Thread thread = new Thread(() -> {
      lock.lock();
      try {
        if (closed) {
          return;
        }
        start();
        // The first completion loads its own part of javac; pay for it before the first Tab.
        shell().sourceCodeAnalysis().completionSuggestions("String.val", 10, new int[1]);
      } finally {
        if (closed) {
          closeShell();
        }
        lock.unlock();
      }
    }, "vmstate-console-warm-up");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  /** Whether {@code input} holds only whole snippets, i.e. nothing more needs to be typed. */
  boolean isComplete(String input) {
    lock.lock();
    try {
      SourceCodeAnalysis analysis = shell().sourceCodeAnalysis();
      String rest = input;
      while (true) {
        CompletionInfo info = analysis.analyzeCompletion(rest);
        Completeness completeness = info.completeness();
        if (completeness == Completeness.EMPTY) {
          return true;
        }
        if (!completeness.isComplete()) {
          return false;
        }
        if (info.remaining().isEmpty() || info.remaining().equals(rest)) {
          return true;
        }
        rest = info.remaining();
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Evaluates every snippet in {@code input} in order, reporting each one, and stops at the
   * first that fails to compile or throws.
   *
   * @param at where the input starts, for error prefixes
   * @return true when every snippet succeeded
   */
  boolean eval(String input, SourcePosition at) {
    lock.lock();
    stopped = false;
    running = true;
    try {
      start();
      SourceCodeAnalysis analysis = shell().sourceCodeAnalysis();
      String rest = input;
      int linesBefore = 0;
      while (true) {
        if (stopped) {
          // Ctrl-C also cancels the snippets of this input that have not started yet.
          err.println(at.prefix() + "stopped");
          err.flush();
          return false;
        }
        CompletionInfo info = analysis.analyzeCompletion(rest);
        Completeness completeness = info.completeness();
        if (completeness == Completeness.EMPTY) {
          return true;
        }
        // Unfinished input is evaluated as is, so the user sees javac's complaint about it.
        boolean whole = completeness.isComplete() && info.source() != null;
        String source = whole ? info.source() : rest;
        String remaining = whole ? info.remaining() : "";
        int lead = leadingWhitespace(rest);
        SourcePosition position = at.plusLines(linesBefore + newlines(rest, 0, lead));
        if (!evalOne(source, position)) {
          return false;
        }
        if (remaining.isEmpty() || !rest.endsWith(remaining)) {
          return true;
        }
        linesBefore += newlines(rest, 0, rest.length() - remaining.length());
        rest = remaining;
      }
    } finally {
      running = false;
      lock.unlock();
    }
  }

  private boolean evalOne(String source, SourcePosition at) {
    List<SnippetEvent> events;
    PrintStream systemOut = System.out;
    PrintStream systemErr = System.err;
    // Snippets run in this JVM and print to System.out directly; send that to our streams.
    boolean redirect = systemOut != out || systemErr != err;
    if (redirect) {
      System.setOut(out);
      System.setErr(err);
    }
    try {
      events = shell().eval(source);
    } catch (IllegalStateException e) {
      err.println(at.prefix() + "error: " + e.getMessage());
      return false;
    } catch (RuntimeException | LinkageError | AssertionError e) {
      // A failure inside JShell itself, not in the snippet: one line, and the session goes on.
      lastException = e;
      err.println(at.prefix() + "error: JShell could not evaluate this snippet: "
          + ExceptionRenderer.oneLine(e));
      return false;
    } finally {
      out.flush();
      err.flush();
      if (redirect) {
        System.setOut(systemOut);
        System.setErr(systemErr);
      }
    }
    if (stopped) {
      err.println(at.prefix() + "stopped");
      err.flush();
      return false;
    }
    boolean ok = true;
    for (SnippetEvent event : events) {
      // Events with a cause are knock-on updates of other snippets; report only the input's own.
      if (event.causeSnippet() == null && ok) {
        if (event.exception() != null) {
          lastException = event.exception();
        }
        ok = reporter.report(shell(), event, at);
      }
    }
    return ok;
  }

  /**
   * Distinct completions for {@code code} at {@code cursor}; {@code anchor[0]} receives where the
   * completed word starts. JShell lists one entry per overload, hence the de-duplication.
   */
  List<String> completions(String code, int cursor, int[] anchor) {
    lock.lock();
    try {
      start();
      Set<String> distinct = new LinkedHashSet<>();
      for (SourceCodeAnalysis.Suggestion s
          : shell().sourceCodeAnalysis().completionSuggestions(code, cursor, anchor)) {
        distinct.add(s.continuation());
      }
      return new ArrayList<>(distinct);
    } finally {
      lock.unlock();
    }
  }

  /** Active variables with their current values, as {@code type name = value}. */
  List<String> variables() {
    lock.lock();
    try {
      start();
      JShell current = shell();
      return current.variables()
          .map(v -> v.typeName() + " " + v.name() + " = " + current.varValue(v))
          .collect(Collectors.toList());
    } finally {
      lock.unlock();
    }
  }

  /** Active types, as {@code class Dev}. */
  List<String> types() {
    lock.lock();
    try {
      start();
      return shell().types().map(SnippetReporter::describe).collect(Collectors.toList());
    } finally {
      lock.unlock();
    }
  }

  /** Forgets every snippet and starts over with the start-up imports. */
  void reset() {
    lock.lock();
    try {
      closeShell();
      started = false;
      lastException = null;
      start();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Stops the running snippet and skips the rest of its input, if an input is being evaluated;
   * safe to call from a signal handler.
   */
  void stop() {
    JShell current = shell;
    if (running && current != null) {
      stopped = true;
      current.stop();
    }
  }

  /** The last exception a snippet threw, for {@code /trace}. */
  @Nullable Throwable lastException() {
    return lastException;
  }

  /**
   * Closes the JShell. Leaving must not wait for the background warm-up, so if the warm-up
   * holds the session, it closes the JShell itself when it is done.
   */
  @Override
  public void close() {
    closed = true;
    if (lock.tryLock()) {
      try {
        closeShell();
      } finally {
        lock.unlock();
      }
    }
  }

  private void closeShell() {
    JShell current = shell;
    if (current != null) {
      current.close();
      shell = null;
    }
  }

  private static int leadingWhitespace(String s) {
    int i = 0;
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    return i;
  }

  private static int newlines(String s, int from, int to) {
    int n = 0;
    for (int i = from; i < to; i++) {
      if (s.charAt(i) == '\n') {
        n++;
      }
    }
    return n;
  }
}
