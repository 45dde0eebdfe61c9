package org.vmstate4j.engine.live;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The destination-to-source direction of a proxied connection: copies what the destination
 * sends (QEMU's return path, when the source enabled it) back to the source, and notices when
 * the destination closes. A destination that closes before the stream was forwarded refused
 * it, so the source is closed too, which ends the proxy's read.
 */
final class ReturnPath {
  private final SocketChannel destination;
  private final SocketChannel source;
  private final CountDownLatch ended = new CountDownLatch(1);
  private final Thread thread;
  private volatile boolean forwardDone;
  private volatile boolean closedEarly;
  private volatile boolean reset;
  private volatile boolean stopping;
  private volatile long returned;

  ReturnPath(SocketChannel destination, SocketChannel source, String name) {
    this.destination = destination;
    this.source = source;
    this.thread = new Thread(this::run, name);
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  private void run() {
    ByteBuffer buf = ByteBuffer.allocate(1 << 16);
    try {
      while (destination.read(buf.clear()) >= 0) {
        buf.flip();
        returned += buf.remaining();
        try {
          while (buf.hasRemaining()) {
            source.write(buf);
          }
        } catch (IOException e) {
          // the source is gone: keep reading until the destination closes too
        }
      }
    } catch (IOException e) {
      // a reset means the destination closed with bytes unread: it stopped reading mid-stream
      reset = !stopping;
    } finally {
      if (!forwardDone) {
        closedEarly = true;
        try {
          source.close();
        } catch (IOException e) {
          // the read it interrupts reports the failure
        }
      }
      ended.countDown();
    }
  }

  /** The whole stream went to the destination: its closing the connection is the normal end. */
  void forwardDone() {
    forwardDone = true;
  }

  /** Whether the destination closed the connection before the stream was forwarded. */
  boolean closedEarly() {
    return closedEarly;
  }

  /**
   * Whether the destination reset the connection: it closed with bytes it had not read, so it
   * stopped loading before the end (an orderly close after the last byte is QEMU's normal end).
   */
  boolean reset() {
    return reset;
  }

  /** Bytes the destination sent back. */
  long returned() {
    return returned;
  }

  /** Waits at most {@code wait} for the destination to close; true when it did. */
  boolean awaitEnd(Duration wait) {
    try {
      return ended.await(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Stops copying (closes the destination's side if still open) and joins the thread. */
  void stop() {
    stopping = true;
    try {
      destination.close();
    } catch (IOException e) {
      // it was closing anyway
    }
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
