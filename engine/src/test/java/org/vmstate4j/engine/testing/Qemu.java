package org.vmstate4j.engine.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Runs the installed {@code qemu-system-x86_64} for tests: {@code -dump-vmstate}, saving a
 * paused guest's migration stream to a file, and loading one as a destination. Every wait is
 * bounded and every process is destroyed in finally; without QEMU the test fails with
 * "qemu-system-x86_64 is missing".
 */
public final class Qemu {
  public static final String BINARY = "qemu-system-x86_64";
  private static final long TIMEOUT_S = 60;

  private Qemu() {}

  /** The binary on PATH; fails the test when there is none. */
  public static Path binary() {
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(File.pathSeparator)) {
        Path p = Path.of(dir, BINARY);
        if (Files.isExecutable(p)) {
          return p;
        }
      }
    }
    return fail(BINARY + " is missing: install it (Debian: apt-get install -y"
        + " --no-install-recommends qemu-system-x86) to run this test");
  }

  /** {@code -dump-vmstate} of {@code machine} into {@code dir}; returns the file. */
  public static Path dumpVmstate(String machine, Path dir) throws Exception {
    Path out = dir.resolve("vmstate-" + machine + ".json");
    Result r = run(List.of(binary().toString(), "-M", machine, "-nodefaults", "-display",
        "none", "-dump-vmstate", out.toString()), null);
    assertThat(r.exitCode()).as("-dump-vmstate -M %s: %s", machine, r.stderr()).isZero();
    assertThat(out).isNotEmptyFile();
    return out;
  }

  /**
   * Saves a paused, never-run guest of {@code machine} ({@code -m 16}) to {@code file} through
   * HMP's {@code migrate "exec:cat > FILE"} (HMP waits for the migration before the next
   * command, {@code quit}).
   */
  public static void save(String machine, Path file) throws Exception {
    Result r = run(List.of(binary().toString(), "-M", machine, "-nodefaults", "-m", "16", "-S",
        "-display", "none", "-monitor", "stdio"),
        "migrate \"exec:cat > " + file + "\"\nquit\n");
    assertThat(r.exitCode()).as("saving -M %s: %s", machine, r.stderr()).isZero();
    assertThat(Files.readAllBytes(file)).as("stream of -M %s", machine)
        .startsWith("QEVM".getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * Loads {@code file} into a destination of {@code machine} ({@code -incoming "exec:cat
   * FILE"}). A refused stream makes QEMU exit non-zero with its error on stderr; an accepted one
   * leaves it running, paused: then {@code info status} is polled until the load is over and QEMU
   * is told to quit.
   */
  public static Result load(String machine, Path file) throws Exception {
    List<String> cmd = List.of(binary().toString(), "-M", machine, "-nodefaults", "-m", "16",
        "-display", "none", "-monitor", "stdio", "-incoming", "exec:cat " + file);
    Path errFile = Files.createTempFile("qemu-load", ".err");
    Process p = new ProcessBuilder(cmd).redirectError(errFile.toFile()).start();
    try {
      StringBuilder stdout = new StringBuilder();
      Thread pump = pump(p, stdout);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
      Writer in = new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8);
      String status = "";
      while (System.nanoTime() < deadline) {
        if (p.waitFor(300, TimeUnit.MILLISECONDS)) {
          break;
        }
        synchronized (stdout) {
          int at = stdout.lastIndexOf("VM status: ");
          status = at < 0 ? "" : stdout.substring(at, stdout.indexOf("\n", at) < 0
              ? stdout.length() : stdout.indexOf("\n", at));
        }
        if (!status.isEmpty() && !status.contains("inmigrate")) {
          in.write("quit\n");
          in.flush();
          break;
        }
        in.write("info status\n");
        in.flush();
      }
      if (!p.waitFor(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
        fail("QEMU destination did not finish within " + TIMEOUT_S + " s: " + cmd);
      }
      pump.join(TimeUnit.SECONDS.toMillis(5));
      return new Result(p.exitValue(), Files.readString(errFile), status);
    } finally {
      p.destroyForcibly();
      Files.deleteIfExists(errFile);
    }
  }

  private static Thread pump(Process p, StringBuilder sink) {
    Thread t = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
          StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          synchronized (sink) {
            sink.append(line).append('\n');
          }
        }
      } catch (IOException e) {
        // the process is gone
      }
    }, "qemu-stdout");
    t.setDaemon(true);
    t.start();
    return t;
  }

  /** A finished QEMU: exit code, stderr, and the last {@code info status} line (or ""). */
  public record Result(int exitCode, String stderr, String status) {}

  private static Result run(List<String> cmd, @Nullable String stdin) throws Exception {
    Path errFile = Files.createTempFile("qemu", ".err");
    Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(errFile.toFile()).start();
    try {
      try (Writer w = new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8)) {
        if (stdin != null) {
          w.write(stdin);
        }
      }
      if (!p.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
        fail("QEMU did not finish within " + TIMEOUT_S + " s: " + cmd);
      }
      return new Result(p.exitValue(), Files.readString(errFile), "");
    } finally {
      p.destroyForcibly();
      Files.deleteIfExists(errFile);
    }
  }
}
