package org.vmstate4j.console;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.jspecify.annotations.Nullable;

/**
 * Runs the interactive console on a dumb terminal whose input is a pipe, the way
 * {@code echo ... | vmstate} does, and lets a test type, wait for output and raise signals.
 */
final class ConsoleDriver implements AutoCloseable {
  static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final PipedOutputStream keyboard = new PipedOutputStream();
  private final ByteArrayOutputStream screen = new ByteArrayOutputStream();
  private final PipedInputStream input;
  private final Terminal terminal;
  private final CompletableFuture<Integer> exitCode;

  ConsoleDriver(@Nullable Path historyFile) {
    try {
      input = new PipedInputStream(keyboard, 1 << 16);
      terminal = new DumbTerminal("test", Terminal.TYPE_DUMB, input, screen,
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    exitCode = CompletableFuture.supplyAsync(
        () -> new InteractiveConsole(terminal, historyFile, false).run());
  }

  /** Feeds all of {@code input} to a fresh console, closes the input, returns the transcript. */
  static String session(String input) {
    try (ConsoleDriver console = new ConsoleDriver(null)) {
      console.type(input);
      console.endOfInput();
      console.exitCode();
      return console.output();
    }
  }

  void type(String text) {
    try {
      keyboard.write(text.getBytes(StandardCharsets.UTF_8));
      keyboard.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Like Ctrl-D at an empty prompt: the console should leave. */
  void endOfInput() {
    try {
      keyboard.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Waits until the console has taken everything typed so far, plus a grace period for the
   * reader to act on it: a dumb terminal shows no continuation prompt to wait for.
   */
  void awaitInputTaken() {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    try {
      while (input.available() > 0) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("input not read; output so far:\n" + output());
        }
        Thread.sleep(10);
      }
      Thread.sleep(500);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  Terminal terminal() {
    return terminal;
  }

  String output() {
    terminal.flush();
    return screen.toString(StandardCharsets.UTF_8);
  }

  /** Waits until the transcript contains {@code text} {@code times} times. */
  void awaitOutput(String text, int times) {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (count(output(), text) < times) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no " + times + "x '" + text + "' in:\n" + output());
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  int exitCode() {
    try {
      return exitCode.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (InterruptedException | ExecutionException | TimeoutException e) {
      throw new AssertionError("console did not finish; output so far:\n" + output(), e);
    }
  }

  static int count(String haystack, String needle) {
    int n = 0;
    for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }

  @Override
  public void close() {
    endOfInput();
    exitCode.cancel(true);
    try {
      terminal.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
