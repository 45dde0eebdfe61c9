package org.vmstate4j.engine.live;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.vmstate4j.engine.edit.StreamEdit;
import org.vmstate4j.engine.internal.progress.ProgressOutputStream;

/**
 * Plays a stream file into a QEMU started with {@code -incoming tcp:HOST:PORT}, optionally with
 * edits applied on the way: generic {@code PATH=VALUE} edits and typed edits, with the syntax and
 * rules of {@link StreamEdit} (everything else passes byte for byte; RAM is never held).
 *
 * <pre>{@code
 * MigrationSender.builder().set(Assignment.parse("serial/state/scr=0x5a")).build()
 *     .send(Path.of("vm.mig"), HostPort.parse("127.0.0.1:4444"));
 * }</pre>
 */
public final class MigrationSender {
  private final Edits edits;
  private final Duration connectTimeout;
  private final Duration closeWait;
  private final ProgressListener progress;

  private MigrationSender(Builder b) {
    this.edits = b.edits;
    this.connectTimeout = b.connectTimeout;
    this.closeWait = b.closeWait;
    this.progress = b.progress;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Sends {@code file} to {@code to}. Edits are resolved before connecting, so a bad path fails
   * without touching the destination. Afterwards waits (at most the close wait) for the
   * destination to close the connection, as QEMU does once it has read the stream.
   */
  public SendResult send(Path file, InetSocketAddress to) throws IOException {
    long size = Files.size(file);
    try (StreamEdit edit = prepare(file)) {
      long start = System.nanoTime();
      try (SocketChannel ch = SocketChannel.open()) {
        try {
          ch.socket().connect(to, (int) connectTimeout.toMillis());
        } catch (IOException e) {
          throw new LiveMigrationException("cannot connect to " + HostPort.format(to) + ": "
              + e.getMessage(), -1, "", e);
        }
        ProgressOutputStream out = new ProgressOutputStream(Channels.newOutputStream(ch),
            count -> progress.progress(new LiveProgress(count, size, 0, 0, false)));
        long n;
        try {
          n = edit.writeTo(out);
        } catch (IOException e) {
          throw new LiveMigrationException("the destination " + HostPort.format(to)
              + " closed the connection after " + out.count() + " bytes (QEMU stops reading at"
              + " the first thing it refuses; its log says why): " + e.getMessage(),
              out.count(), "", e);
        }
        progress.progress(new LiveProgress(n, size, 0, 0, true));
        ch.shutdownOutput();
        Close close = awaitClose(ch, closeWait);
        if (close == Close.RESET) {
          // the whole stream fit in the sockets' buffers, but the peer closed with bytes unread
          throw new LiveMigrationException("the destination " + HostPort.format(to)
              + " closed the connection before reading all " + n + " bytes (QEMU stops reading"
              + " at the first thing it refuses; its log says why)", -1, "", null);
        }
        return new SendResult(n, edit.edits(), close == Close.CLOSED,
            Duration.ofNanos(System.nanoTime() - start));
      }
    }
  }

  /** Writes {@code file} with the edits to {@code out} (not closed); returns the bytes written. */
  public long writeTo(Path file, OutputStream out) throws IOException {
    try (StreamEdit edit = prepare(file)) {
      return edit.writeTo(out);
    }
  }

  private StreamEdit prepare(Path file) throws IOException {
    return edits.applyTo(StreamEdit.of(file));
  }

  /** How a peer ended the connection after the last byte. */
  enum Close {
    /** An orderly close: it read everything (QEMU does once it has loaded the stream). */
    CLOSED,
    /** A reset: it closed with bytes unread, so it stopped before the end. */
    RESET,
    /** Still open when the wait ended. */
    OPEN
  }

  /** Reads until the peer closes or {@code wait} has passed. */
  static Close awaitClose(SocketChannel ch, Duration wait) {
    try {
      ch.socket().setSoTimeout((int) Math.max(1, wait.toMillis()));
      var in = ch.socket().getInputStream();
      byte[] sink = new byte[4096];
      long deadline = System.nanoTime() + wait.toNanos();
      while (System.nanoTime() < deadline) {
        if (in.read(sink) < 0) {
          return Close.CLOSED;
        }
      }
      return Close.OPEN;
    } catch (java.net.SocketTimeoutException e) {
      return Close.OPEN;
    } catch (IOException e) {
      return Close.RESET;
    }
  }

  /** Configures a sender; every setting is optional. */
  public static final class Builder extends LiveBuilder<Builder> {
    private Builder() {}

    @Override
    Builder self() {
      return this;
    }

    public MigrationSender build() {
      return new MigrationSender(this);
    }
  }
}
