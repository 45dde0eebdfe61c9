package org.vmstate4j.qemu;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A QMP client over a Unix domain socket: reads the greeting, negotiates capabilities, then
 * sends one command at a time and waits (bounded) for its reply. Asynchronous events are kept
 * for {@link #events()} and {@link #awaitEvent}.
 *
 * <pre>{@code
 * try (QmpClient qmp = QmpClient.connect(socket, Duration.ofSeconds(10))) {
 *   qmp.migrate(MigrationUri.toFile(file));
 *   MigrationStatus s = qmp.awaitMigration(Duration.ofSeconds(30));
 * }
 * }</pre>
 *
 * <p>Thread-safe: commands are serialized; each carries an {@code id} and only the reply with
 * that id is taken, so a reply that arrives after its command timed out cannot be mistaken for
 * the next one's.
 */
public final class QmpClient implements AutoCloseable {
  /** How long a command waits for its reply unless told otherwise. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  private static final JsonMapper JSON = JsonMapper.shared();

  private final QmpConnection connection;
  private final JsonNode greeting;
  private final Duration timeout;
  private long nextId;

  private QmpClient(SocketChannel channel, Duration timeout) {
    this.connection = new QmpConnection(channel);
    this.timeout = timeout;
    JsonNode g = connection.take(timeout, "the QMP greeting");
    if (!g.has("QMP")) {
      throw new QemuException("not a QMP greeting: " + g);
    }
    greeting = g;
  }

  /**
   * Connects to QEMU's QMP socket (waiting up to {@code timeout} for it to appear) and sends
   * {@code qmp_capabilities}. Commands then wait up to {@code timeout} for their replies.
   */
  public static QmpClient connect(Path socket, Duration timeout) {
    return connect(socket, timeout, () -> true);
  }

  /**
   * As {@link #connect(Path, Duration)}, giving up early when {@code alive} turns false (the
   * QEMU process exited before it opened its socket).
   */
  public static QmpClient connect(Path socket, Duration timeout, BooleanSupplier alive) {
    Objects.requireNonNull(socket, "socket");
    long deadline = System.nanoTime() + timeout.toNanos();
    IOException last = null;
    while (true) {
      if (Files.exists(socket)) {
        SocketChannel ch = null;
        try {
          ch = SocketChannel.open(UnixDomainSocketAddress.of(socket));
          QmpClient c = new QmpClient(ch, timeout);
          c.execute("qmp_capabilities");
          return c;
        } catch (IOException e) {
          last = e;
          QmpConnection.closeQuietly(ch);
        } catch (RuntimeException e) {
          QmpConnection.closeQuietly(ch);
          throw e;
        }
      }
      if (!alive.getAsBoolean()) {
        throw new QemuException("QEMU exited before its QMP socket " + socket + " accepted a"
            + " connection");
      }
      if (System.nanoTime() > deadline) {
        throw new QemuException("no QMP socket at " + socket + " after " + timeout.toMillis()
            + " ms" + (last == null ? "" : ": " + last.getMessage()), last);
      }
      sleep(20);
    }
  }

  /** The greeting QEMU sent ({@code {"QMP": {"version": ...}}}). */
  public JsonNode greeting() {
    return greeting;
  }

  /** QEMU's version as {@code major.minor.micro}. */
  public String version() {
    JsonNode v = greeting.path("QMP").path("version").path("qemu");
    return v.path("major").asInt() + "." + v.path("minor").asInt() + "." + v.path("micro").asInt();
  }

  /** Runs a command without arguments; returns its {@code return} value. */
  public JsonNode execute(String command) {
    return execute(command, null, timeout);
  }

  /** Runs a command; returns its {@code return} value. */
  public JsonNode execute(String command, @Nullable Map<String, ?> arguments) {
    return execute(command, arguments, timeout);
  }

  /**
   * Runs a command and waits up to {@code wait} for its reply; returns its {@code return}
   * value. A QMP error is thrown as {@link QemuException} with QEMU's class and description.
   */
  public synchronized JsonNode execute(String command, @Nullable Map<String, ?> arguments,
      Duration wait) {
    Objects.requireNonNull(command, "command");
    long id = ++nextId;
    ObjectNode msg = JSON.createObjectNode();
    msg.put("execute", command);
    if (arguments != null && !arguments.isEmpty()) {
      msg.set("arguments", JSON.valueToTree(arguments));
    }
    msg.put("id", id);
    connection.send(msg, command);
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      JsonNode reply = connection.take(Duration.ofNanos(Math.max(0, left)), "the reply to '" + command + "'");
      if (reply.path("id").asLong(-1) != id) {
        continue;
      }
      JsonNode error = reply.get("error");
      if (error != null) {
        String cls = error.path("class").asString("");
        throw new QemuException("QMP '" + command + "' failed: " + cls + ": "
            + error.path("desc").asString(""), cls, null);
      }
      return reply.path("return");
    }
  }

  // ------------------------------------------------------------ commands

  /** {@code stop}: pauses the guest. */
  public void stop() {
    execute("stop");
  }

  /** {@code cont}: lets the guest run. */
  public void cont() {
    execute("cont");
  }

  /** {@code query-status}: the run state, e.g. {@code running}, {@code paused}, {@code inmigrate}. */
  public String runState() {
    return execute("query-status").path("status").asString("");
  }

  /** {@code human-monitor-command}: runs an HMP command line and returns its text. */
  public String hmp(String commandLine) {
    return execute("human-monitor-command", Map.of("command-line", commandLine)).asString("");
  }

  /** {@code migrate}: starts migrating to {@code uri}; see {@link MigrationUri}. */
  public void migrate(String uri) {
    execute("migrate", Map.of("uri", uri));
  }

  /** {@code migrate-incoming}: a destination started with {@code -incoming defer} listens or reads {@code uri}. */
  public void migrateIncoming(String uri) {
    execute("migrate-incoming", Map.of("uri", uri));
  }

  /** {@code migrate_cancel}. */
  public void migrateCancel() {
    execute("migrate_cancel");
  }

  /** {@code query-migrate}. */
  public MigrationStatus queryMigrate() {
    return MigrationStatus.of(execute("query-migrate"));
  }

  /** {@code migrate-set-capabilities} with each capability set as given. */
  public void setCapabilities(Map<String, Boolean> capabilities) {
    List<Map<String, Object>> list = new ArrayList<>();
    capabilities.forEach((name, on) -> list.add(Map.of("capability", name, "state", on)));
    execute("migrate-set-capabilities", Map.of("capabilities", list));
  }

  /** {@code migrate-set-capabilities} for one capability, e.g. {@code x-ignore-shared}. */
  public void setCapability(String name, boolean on) {
    setCapabilities(Map.of(name, on));
  }

  /** {@code migrate-set-parameters}, e.g. {@code Map.of("max-bandwidth", 100_000_000_000L)}. */
  public void setParameters(Map<String, ?> parameters) {
    execute("migrate-set-parameters", parameters);
  }

  /** Raises (or lowers) the migration bandwidth limit, in bytes per second. */
  public void setMaxBandwidth(long bytesPerSecond) {
    setParameters(Map.of("max-bandwidth", bytesPerSecond));
  }

  /** {@code query-migrate-parameters}. */
  public JsonNode migrationParameters() {
    return execute("query-migrate-parameters");
  }

  /**
   * Polls {@code query-migrate} until the migration is {@code completed}, {@code failed} or
   * {@code cancelled}; fails when it is still going after {@code wait}.
   */
  public MigrationStatus awaitMigration(Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    MigrationStatus s;
    while (!(s = queryMigrate()).finished()) {
      if (System.nanoTime() > deadline) {
        throw new QemuException("migration still '" + s.status() + "' after " + wait.toMillis()
            + " ms");
      }
      sleep(10);
    }
    return s;
  }

  /**
   * {@code quit}: QEMU exits. The connection closes at once, so a missing reply is not an
   * error here.
   */
  public void quit() {
    try {
      execute("quit", null, Duration.ofSeconds(2));
    } catch (QemuException e) {
      if (!connection.disconnected()) {
        throw e;
      }
    }
  }

  // ------------------------------------------------------------ events

  /** Every event received so far ({@code {"event": NAME, "data": ..., "timestamp": ...}}). */
  public List<JsonNode> events() {
    return connection.events();
  }

  /**
   * Waits up to {@code wait} for an event named {@code name} that arrives after the events
   * already taken by earlier calls; returns it.
   */
  public JsonNode awaitEvent(String name, Duration wait) {
    return connection.awaitEvent(name, wait);
  }

  /** Whether QEMU closed the connection (it exited or quit). */
  public boolean disconnected() {
    return connection.disconnected();
  }

  @Override
  public void close() {
    connection.close();
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new QemuException("interrupted", e);
    }
  }
}
