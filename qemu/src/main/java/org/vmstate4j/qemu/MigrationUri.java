package org.vmstate4j.qemu;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

/** The migration URIs QEMU takes for {@code migrate}, {@code -incoming} and {@code migrate-incoming}. */
public final class MigrationUri {
  /** The only address tests and scripts use. */
  public static final String LOOPBACK = "127.0.0.1";

  private MigrationUri() {}

  /** {@code exec:cat > 'FILE'}: the source writes its stream to {@code file}. */
  public static String toFile(Path file) {
    return "exec:cat > " + shellQuote(file.toAbsolutePath().toString());
  }

  /** {@code exec:cat 'FILE'}: the destination reads its stream from {@code file}. */
  public static String fromFile(Path file) {
    return "exec:cat " + shellQuote(file.toAbsolutePath().toString());
  }

  /** {@code tcp:HOST:PORT}: for {@code migrate} (connect) or {@code -incoming} (listen). */
  public static String tcp(String host, int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    return "tcp:" + host + ":" + port;
  }

  /** {@code tcp:127.0.0.1:PORT}. */
  public static String tcp(int port) {
    return tcp(LOOPBACK, port);
  }

  /**
   * A TCP port on 127.0.0.1 that was free a moment ago (another program may take it before it
   * is used: retry on "Address already in use").
   */
  public static int freeLoopbackPort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The word in single quotes for {@code /bin/sh}, which QEMU's {@code exec:} runs. */
  static String shellQuote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }
}
