package org.vmstate4j.qemu;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The wire side of a {@link QmpClient}: one reader thread splits QEMU's lines into replies and
 * events; messages are written whole. Every wait is bounded; once QEMU closes the socket,
 * waits and sends fail with the reason.
 */
final class QmpConnection implements AutoCloseable {
  private static final JsonMapper JSON = JsonMapper.shared();
  private static final JsonNode END = JSON.createObjectNode().put("end", true);

  private final SocketChannel channel;
  private final BlockingQueue<JsonNode> replies = new LinkedBlockingQueue<>();
  private final BlockingQueue<JsonNode> eventQueue = new LinkedBlockingQueue<>();
  private final List<JsonNode> events = new ArrayList<>();
  private final Thread reader;
  private volatile @Nullable String endReason;

  QmpConnection(SocketChannel channel) {
    this.channel = channel;
    BufferedReader in = new BufferedReader(new InputStreamReader(
        Channels.newInputStream(channel), StandardCharsets.UTF_8));
    reader = new Thread(() -> readLoop(in), "qmp-reader");
    reader.setDaemon(true);
    reader.start();
  }

  /** Writes {@code msg} as one line; {@code command} names it in errors. */
  void send(JsonNode msg, String command) {
    if (endReason != null) {
      throw new QemuException("cannot send '" + command + "': " + endReason);
    }
    ByteBuffer b = ByteBuffer.wrap((JSON.writeValueAsString(msg) + "\n")
        .getBytes(StandardCharsets.UTF_8));
    try {
      synchronized (channel) {
        while (b.hasRemaining()) {
          channel.write(b);
        }
      }
    } catch (IOException e) {
      throw new QemuException("cannot send '" + command + "': " + e.getMessage(), e);
    }
  }

  /** The next reply, waiting up to {@code wait}; {@code what} names it in errors. */
  JsonNode take(Duration wait, String what) {
    JsonNode n;
    try {
      n = replies.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new QemuException("interrupted waiting for " + what, e);
    }
    if (n == null) {
      throw new QemuException("no answer from QEMU within " + wait.toMillis() + " ms waiting for "
          + what);
    }
    if (n == END) {
      replies.offer(END);
      throw new QemuException("QEMU closed the QMP connection waiting for " + what
          + (endReason == null ? "" : " (" + endReason + ")"));
    }
    return n;
  }

  private void readLoop(BufferedReader in) {
    String reason = "QEMU closed the connection";
    try {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode n = JSON.readTree(line);
        if (n.has("event")) {
          synchronized (events) {
            events.add(n);
          }
          eventQueue.offer(n);
        } else {
          replies.offer(n);
        }
      }
    } catch (IOException | RuntimeException e) {
      reason = "QMP connection ended: " + e.getMessage();
    } finally {
      endReason = reason;
      replies.offer(END);
    }
  }

  List<JsonNode> events() {
    synchronized (events) {
      return List.copyOf(events);
    }
  }

  JsonNode awaitEvent(String name, Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      JsonNode e;
      try {
        e = eventQueue.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
      } catch (InterruptedException x) {
        Thread.currentThread().interrupt();
        throw new QemuException("interrupted waiting for QMP event " + name, x);
      }
      if (e == null) {
        throw new QemuException("no QMP event " + name + " within " + wait.toMillis() + " ms"
            + (endReason == null ? "" : " (" + endReason + ")"));
      }
      if (e.path("event").asString("").equals(name)) {
        return e;
      }
    }
  }

  boolean disconnected() {
    return endReason != null;
  }

  @Override
  public void close() {
    closeQuietly(channel);
    try {
      reader.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static void closeQuietly(@Nullable SocketChannel ch) {
    if (ch != null) {
      try {
        ch.close();
      } catch (IOException ignored) {
        // closing a socket that failed: nothing left to release
      }
    }
  }
}
