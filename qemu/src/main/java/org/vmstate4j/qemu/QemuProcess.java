package org.vmstate4j.qemu;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * One {@code qemu-system-x86_64} process with a QMP socket in a fresh temporary directory, no
 * display, and its output in a log file. {@link #close()} stops it by its pid (SIGTERM, then
 * SIGKILL), with bounded waits, and deletes the directory; a JVM shutdown hook does the same for
 * any process still running.
 *
 * <pre>{@code
 * try (QemuProcess src = QemuProcess.paused(Machine.pc().withSerial());
 *      QemuProcess dst = QemuProcess.incomingDeferred(Machine.pc().withSerial())) {
 *   src.migrateToFile(file, Duration.ofSeconds(30));
 *   MigrationStatus s = dst.loadFrom(MigrationUri.fromFile(file), Duration.ofSeconds(30));
 *   int scr = dst.hmp().inb(0x3ff);
 * }
 * }</pre>
 */
public final class QemuProcess implements AutoCloseable {
  /** How long start-up, QMP commands and stopping may take. */
  public static final Duration TIMEOUT = Duration.ofSeconds(15);

  private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      for (Process p : LIVE) {
        p.destroyForcibly();
      }
    }, "qemu-reaper"));
  }

  private final Machine machine;
  private final List<String> command;
  private final Process process;
  private final Path dir;
  private final Path log;
  private final QmpClient qmp;
  private final Hmp hmp;
  private @Nullable MigrationStatus lastIncoming;
  private boolean closed;

  private QemuProcess(Machine machine, List<String> command, Process process, Path dir, Path log,
      QmpClient qmp) {
    this.machine = machine;
    this.command = command;
    this.process = process;
    this.dir = dir;
    this.log = log;
    this.qmp = qmp;
    this.hmp = new Hmp(qmp);
  }

  /**
   * Starts QEMU with the machine's arguments followed by {@code extra} (e.g. {@code -S},
   * {@code -incoming URI}) and connects to its QMP socket. Fails with
   * {@link QemuBinary#MISSING} when QEMU is not installed, or with QEMU's output when it exits
   * during start-up.
   */
  public static QemuProcess start(Machine machine, List<String> extra) {
    Objects.requireNonNull(machine, "machine");
    Path binary = QemuBinary.require();
    Path dir;
    try {
      dir = Files.createTempDirectory("vmstate4j-qemu-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Path socket = dir.resolve("qmp.sock");
    Path log = dir.resolve("qemu.log");
    List<String> cmd = new ArrayList<>();
    cmd.add(binary.toString());
    cmd.addAll(machine.args());
    cmd.addAll(extra);
    cmd.addAll(List.of("-display", "none", "-qmp", "unix:" + socket + ",server=on,wait=off"));
    Process p;
    try {
      p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
    } catch (IOException e) {
      deleteTree(dir);
      throw new QemuException("cannot start " + String.join(" ", cmd) + ": " + e.getMessage(), e);
    }
    LIVE.add(p);
    try {
      QmpClient qmp = QmpClient.connect(socket, TIMEOUT, p::isAlive);
      return new QemuProcess(machine, List.copyOf(cmd), p, dir, log, qmp);
    } catch (RuntimeException e) {
      String out = readLog(log);
      stop(p);
      deleteTree(dir);
      throw new QemuException("QEMU did not start: " + e.getMessage() + "\n  command: "
          + String.join(" ", cmd) + (out.isBlank() ? "" : "\n  output: " + out.strip()), e);
    }
  }

  /** Starts QEMU with the machine's arguments and {@code extra}. */
  public static QemuProcess start(Machine machine, String... extra) {
    return start(machine, List.of(extra));
  }

  /** A guest paused before its first instruction ({@code -S}). */
  public static QemuProcess paused(Machine machine) {
    return start(machine, "-S");
  }

  /** A guest that runs from the start. */
  public static QemuProcess running(Machine machine) {
    return start(machine);
  }

  /**
   * A destination that takes a stream from {@code uri} at once ({@code -S -incoming URI}, e.g.
   * {@link MigrationUri#tcp(int)} to listen, {@link MigrationUri#fromFile} to read a file); it
   * stays paused after loading so that its state can be read. Wait with
   * {@link #awaitIncoming}.
   */
  public static QemuProcess incoming(Machine machine, String uri) {
    return start(machine, "-S", "-incoming", uri);
  }

  /**
   * A destination waiting for {@code migrate-incoming} ({@code -S -incoming defer}), so that
   * capabilities can be set first; then {@link #loadFrom}.
   */
  public static QemuProcess incomingDeferred(Machine machine) {
    return start(machine, "-S", "-incoming", "defer");
  }

  /**
   * Starts a deferred destination, sets {@code capabilities}, loads the stream in {@code file}
   * and waits for the end. The process is returned whatever the outcome (see
   * {@link #lastIncoming()}); the caller closes it.
   */
  public static QemuProcess loadFile(Machine machine, Path file, Map<String, Boolean> capabilities,
      Duration wait) {
    QemuProcess p = incomingDeferred(machine);
    try {
      if (!capabilities.isEmpty()) {
        p.qmp().setCapabilities(capabilities);
      }
      p.loadFrom(MigrationUri.fromFile(file), wait);
      return p;
    } catch (RuntimeException e) {
      p.close();
      throw e;
    }
  }

  /** The result of the last {@link #awaitIncoming} or {@link #loadFrom}, or null. */
  public @Nullable MigrationStatus lastIncoming() {
    return lastIncoming;
  }

  public Machine machine() {
    return machine;
  }

  /** The full command line QEMU was started with. */
  public List<String> command() {
    return command;
  }

  public long pid() {
    return process.pid();
  }

  public boolean alive() {
    return process.isAlive();
  }

  public QmpClient qmp() {
    return qmp;
  }

  public Hmp hmp() {
    return hmp;
  }

  /** What QEMU printed so far (stdout and stderr). */
  public String log() {
    return readLog(log);
  }

  // ------------------------------------------------------------ source side

  /**
   * Migrates to {@code uri} and waits up to {@code wait} for the end; returns the status
   * ({@code completed}, or {@code failed} with QEMU's reason).
   */
  public MigrationStatus migrate(String uri, Duration wait) {
    qmp.migrate(uri);
    return qmp.awaitMigration(wait);
  }

  /**
   * Writes the guest's migration stream to {@code file} ({@code exec:cat > FILE}) and waits for
   * it; fails unless QEMU reports {@code completed}.
   */
  public MigrationStatus migrateToFile(Path file, Duration wait) {
    MigrationStatus s = migrate(MigrationUri.toFile(file), wait);
    if (!s.completed()) {
      throw new QemuException("migration to " + file + " " + s + describeLog());
    }
    return s;
  }

  // ------------------------------------------------------------ destination side

  /** {@code migrate-incoming URI} on a deferred destination, then {@link #awaitIncoming}. */
  public MigrationStatus loadFrom(String uri, Duration wait) {
    qmp.migrateIncoming(uri);
    return awaitIncoming(wait);
  }

  /**
   * Waits up to {@code wait} for an incoming migration to end. QEMU 7.2 exits when a load fails;
   * that is reported as {@code failed} with what QEMU printed (e.g. {@code load of migration
   * failed: Invalid argument}).
   */
  public MigrationStatus awaitIncoming(Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    MigrationStatus s = null;
    while (true) {
      try {
        s = qmp.queryMigrate();
      } catch (QemuException e) {
        if (!exited(Duration.ofSeconds(5))) {
          throw e;
        }
      }
      if (!process.isAlive()) {
        String out = log().strip();
        s = MigrationStatus.failed(out.isEmpty()
            ? "QEMU exited with status " + process.exitValue()
            : out + " (exit status " + process.exitValue() + ")",
            s == null ? QmpJson.empty() : s.raw());
        break;
      }
      if (s != null && s.finished()) {
        break;
      }
      if (System.nanoTime() > deadline) {
        throw new QemuException("incoming migration still '" + (s == null ? "" : s.status())
            + "' after " + wait.toMillis() + " ms" + describeLog());
      }
      QmpClient.sleep(10);
    }
    lastIncoming = s;
    return s;
  }

  private boolean exited(Duration wait) {
    try {
      return process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !process.isAlive();
    }
  }

  private String describeLog() {
    String out = log().strip();
    return out.isEmpty() ? "" : "\n  QEMU said: " + out;
  }

  // ------------------------------------------------------------ stopping

  /**
   * Stops QEMU by its pid: SIGTERM, up to 5 s, then SIGKILL, up to 5 s; deletes the temporary
   * directory. Safe to call twice.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    qmp.close();
    stop(process);
    deleteTree(dir);
  }

  private static void stop(Process p) {
    try {
      p.destroy();
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        if (!p.waitFor(5, TimeUnit.SECONDS)) {
          throw new QemuException("QEMU pid " + p.pid() + " did not exit after SIGKILL");
        }
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
    } finally {
      if (!p.isAlive()) {
        LIVE.remove(p);
      }
    }
  }

  private static String readLog(Path log) {
    try {
      return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "(log unreadable: " + e.getMessage() + ")";
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      List<Path> all = new ArrayList<>(s.toList());
      all.sort(Comparator.reverseOrder());
      for (Path p : all) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // a leftover temporary directory is harmless; the process is what must not leak
    }
  }

  @Override
  public String toString() {
    return "QEMU pid " + process.pid() + " (" + machine + ")";
  }
}
