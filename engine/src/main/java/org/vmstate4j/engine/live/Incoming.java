package org.vmstate4j.engine.live;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.VmStateException;

/**
 * A port that waits for one migration: it accepts the first connection and handles it on its
 * own thread. Start it, point QEMU's {@code migrate tcp:HOST:PORT} at {@link #address()}, then
 * {@link #await} the result. Closing it stops waiting and drops a connection in progress.
 *
 * <pre>{@code
 * try (Incoming<ReceiveResult> port = MigrationReceiver.builder().build()
 *     .listen(HostPort.parse("127.0.0.1:0"))) {
 *   qmp.migrate("tcp:" + HostPort.format(port.address()));
 *   ReceiveResult r = port.await(Duration.ofMinutes(1));
 * }
 * }</pre>
 *
 * @param <R> what handling the connection gives
 */
public final class Incoming<R> implements AutoCloseable {
  /** Handles the accepted connection. */
  @FunctionalInterface
  interface Session<R> {
    R run(SocketChannel connection) throws IOException;
  }

  private final ServerSocketChannel server;
  private final InetSocketAddress address;
  private final CompletableFuture<R> result = new CompletableFuture<>();
  private final Thread thread;
  private volatile @Nullable SocketChannel connection;

  private Incoming(ServerSocketChannel server, String name, Session<R> session) {
    this.server = server;
    try {
      this.address = (InetSocketAddress) server.getLocalAddress();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.thread = new Thread(() -> serve(session), name + "-" + address.getPort());
    thread.setDaemon(true);
  }

  /** Binds {@code at} (port 0: any free port) and starts waiting for one connection. */
  static <R> Incoming<R> start(InetSocketAddress at, String name, Session<R> session)
      throws IOException {
    ServerSocketChannel server = ServerSocketChannel.open();
    try {
      server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      server.bind(at, 1);
    } catch (IOException e) {
      server.close();
      throw new IOException("cannot listen on " + HostPort.format(at) + ": " + e.getMessage(), e);
    }
    Incoming<R> in = new Incoming<>(server, name, session);
    in.thread.start();
    return in;
  }

  private void serve(Session<R> session) {
    Warmup.start();
    try {
      SocketChannel c;
      try {
        c = server.accept();
      } finally {
        server.close();
      }
      connection = c;
      try (c) {
        result.complete(session.run(c));
      }
    } catch (Throwable e) {
      result.completeExceptionally(e);
    }
  }

  /** The address QEMU should connect to (the bound port when 0 was asked for). */
  public InetSocketAddress address() {
    return address;
  }

  /** The bound port. */
  public int port() {
    return address.getPort();
  }

  /** Whether the migration has ended, successfully or not. */
  public boolean isDone() {
    return result.isDone();
  }

  /**
   * Waits for the migration to end and returns its result. Throws the migration's failure
   * ({@link LiveMigrationException} and the like), or a {@link LiveMigrationException} when it
   * has not ended within {@code timeout}; the port stays open then, close it to give up.
   */
  public R await(Duration timeout) {
    try {
      return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new LiveMigrationException("no complete migration on " + HostPort.format(address)
          + " within " + timeout.toMillis() + " ms" + (connection == null
          ? " (nothing connected)" : ""), -1, "", null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LiveMigrationException("interrupted while waiting for the migration", -1, "", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof VmStateException v) {
        throw v;
      }
      if (cause instanceof IOException io) {
        throw new UncheckedIOException(io);
      }
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      throw new LiveMigrationException(String.valueOf(cause), -1, "", cause);
    }
  }

  /** Stops listening and drops a connection in progress; waits (boundedly) for the thread. */
  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      // closing is best effort: the thread ends either way
    }
    SocketChannel c = connection;
    if (c != null) {
      try {
        c.close();
      } catch (IOException e) {
        // as above
      }
    }
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
