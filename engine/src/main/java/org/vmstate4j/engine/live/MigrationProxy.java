package org.vmstate4j.engine.live;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.VmStateException;
import org.vmstate4j.engine.analyze.AnalyzedStream;
import org.vmstate4j.engine.analyze.StreamAnalyzer;
import org.vmstate4j.engine.edit.FieldEdit;
import org.vmstate4j.engine.edit.StreamEdit;
import org.vmstate4j.engine.edit.StreamEditException;
import org.vmstate4j.engine.wire.LiveWalk;
import org.vmstate4j.engine.wire.WireTap;

/**
 * Sits between a source QEMU ({@code migrate tcp:LISTEN}) and a destination QEMU
 * ({@code -incoming tcp:FORWARD}). RAM iterations pass through as they arrive; the device
 * sections, which QEMU sends at completion, are held on disk until the JSON description (sent
 * last) is there, then decoded, edited with the syntax and rules of {@link StreamEdit}, and
 * forwarded; a typed edit's JSON entry is rewritten to match. What the destination sends back
 * (QEMU's return path) goes to the source.
 *
 * <p>An edit that cannot be applied (unknown path, value that does not fit) fails the migration:
 * both connections are closed and the destination never gets the unedited device state. A
 * destination that closes the connection early (QEMU refusing the stream) closes the source too.
 *
 * <pre>{@code
 * MigrationProxy proxy = MigrationProxy.builder(HostPort.parse("127.0.0.1:4445"))
 *     .set(Assignment.parse("serial/state/scr=0x5a"))
 *     .build();
 * try (Incoming<ProxyResult> port = proxy.listen(HostPort.parse("127.0.0.1:4444"))) {
 *   System.out.println(port.await(Duration.ofMinutes(5)).summary());
 * }
 * }</pre>
 */
public final class MigrationProxy {
  private final InetSocketAddress forward;
  private final Edits edits;
  private final @Nullable Path record;
  private final boolean decode;
  private final Duration connectTimeout;
  private final Duration closeWait;
  private final ProgressListener progress;
  private final @Nullable Path workDir;

  private MigrationProxy(Builder b) {
    this.forward = b.forward;
    this.edits = b.edits;
    this.record = b.record;
    this.decode = b.decode;
    this.connectTimeout = b.connectTimeout;
    this.closeWait = b.closeWait;
    this.progress = b.progress;
    this.workDir = b.workDir;
  }

  /** A proxy that forwards to {@code destination}. */
  public static Builder builder(InetSocketAddress destination) {
    return new Builder(destination);
  }

  /** Proxies one migration arriving on {@code address} (port 0: any free port). */
  public Incoming<ProxyResult> listen(InetSocketAddress address) throws IOException {
    return Incoming.start(address, "vmstate4j-proxy", this::run);
  }

  /** Proxies the migration arriving on {@code source}, which it closes when done. */
  ProxyResult run(SocketChannel source) throws IOException {
    SocketChannel dest = SocketChannel.open();
    try {
      dest.setOption(StandardSocketOptions.TCP_NODELAY, true);
      dest.socket().connect(forward, (int) connectTimeout.toMillis());
    } catch (IOException e) {
      dest.close();
      throw new LiveMigrationException("cannot connect to the destination "
          + HostPort.format(forward) + ": " + e.getMessage(), -1, "", e);
    }
    Path work = workDir == null ? Files.createTempDirectory("vmstate4j-proxy-")
        : Files.createTempDirectory(workDir, "vmstate4j-proxy-");
    ReturnPath back = new ReturnPath(dest, source, "vmstate4j-proxy-return");
    try (dest) {
      back.start();
      Forward out = new Forward(dest);
      Intake intake = new Intake(work, record, out, progress);
      LiveWalk walk;
      try {
        walk = intake.run(source);
      } catch (LiveMigrationException e) {
        if (back.closedEarly() || out.failed) {
          throw refused(intake, out.count, e);
        }
        throw e;
      }
      long decodeStart = System.nanoTime();
      AnalyzedStream analysis = null;
      if (decode) {
        analysis = StreamAnalyzer.open(intake.compactFile);
      }
      Path send = intake.tail;
      long from = 0;
      List<FieldEdit> applied = new ArrayList<>();
      if (!edits.isEmpty()) {
        send = work.resolve("edited.mig");
        from = intake.compact.tailStart();
        try {
          applied = edit(intake, send);
        } catch (VmStateException e) {
          back.stop();
          throw new LiveMigrationException("edit not applied, so the migration was stopped"
              + " before the device state (both connections closed): " + e.getMessage(),
              walk.tailOffset(), intake.tracker.lastSection(), e);
        }
      }
      long decoded = System.nanoTime();
      try {
        sendFile(send, from, out);
      } catch (LiveMigrationException e) {
        throw refused(intake, out.count, e);
      }
      back.forwardDone();
      dest.shutdownOutput();
      boolean closed = back.awaitEnd(closeWait);
      if (back.reset()) {
        throw refused(intake, out.count, null);
      }
      long end = System.nanoTime();
      MigrationTimings t = new MigrationTimings(Duration.ofNanos(intake.streamNanos()),
          Duration.ofNanos(intake.ramNanos()), Duration.ofNanos(decoded - decodeStart),
          Duration.ofNanos(end - intake.started()));
      return new ProxyResult(walk.end(), out.count, intake.tracker.ramPages(),
          intake.tracker.ramPasses(), walk.tailOffset(), intake.tracker.machineType(), applied,
          analysis, closed, record, t);
    } finally {
      back.stop();
      MigrationReceiver.deleteTree(work);
    }
  }

  /** Applies the edits to the compact copy; returns them with stream offsets. */
  private List<FieldEdit> edit(Intake intake, Path edited) throws IOException {
    CompactCopy copy = intake.compact;
    try (StreamEdit edit = edits.applyTo(StreamEdit.of(intake.compactFile))) {
      List<FieldEdit> out = new ArrayList<>();
      for (FieldEdit e : edit.edits()) {
        if (e.offset() < copy.tailStart()) {
          throw new StreamEditException(e.path(), "it is in the RAM section's block list, which"
              + " was forwarded as it arrived; only device sections can be edited");
        }
        out.add(new FieldEdit(e.path(), copy.streamOffset(e.offset()), e.before(), e.after()));
      }
      edit.writeTo(edited);
      return out;
    }
  }

  private static void sendFile(Path file, long from, Forward out) throws IOException {
    try (FileChannel f = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer buf = ByteBuffer.allocate(1 << 16);
      long at = from;
      while (f.read(buf.clear(), at) >= 0) {
        buf.flip();
        at += buf.remaining();
        out.bytes(buf, -1);
      }
    }
  }

  private LiveMigrationException refused(Intake intake, long forwarded,
      @Nullable Throwable cause) {
    String machine = intake.tracker.machineType();
    return new LiveMigrationException("the destination " + HostPort.format(forward)
        + " closed the connection after " + forwarded + " bytes had been forwarded: QEMU"
        + " refused the stream (its log says why" + (machine == null ? ""
        : "; the stream is for machine type '" + machine + "'") + ")", intake.bytes(),
        intake.tracker.lastSection(), cause);
  }

  /** Writes passed-on bytes to the destination; a failed write means the destination is gone. */
  private static final class Forward implements WireTap {
    private final SocketChannel dest;
    long count;
    boolean failed;

    Forward(SocketChannel dest) {
      this.dest = dest;
    }

    @Override
    public void bytes(ByteBuffer data, long offset) {
      try {
        while (data.hasRemaining()) {
          count += dest.write(data);
        }
      } catch (IOException e) {
        failed = true;
        throw new LiveMigrationException("cannot write to the destination: " + e.getMessage(),
            -1, "", e);
      }
    }
  }

  /** Configures a proxy. */
  public static final class Builder extends LiveBuilder<Builder> {
    private final InetSocketAddress forward;
    private @Nullable Path record;
    private boolean decode;
    private @Nullable Path workDir;

    private Builder(InetSocketAddress forward) {
      this.forward = Objects.requireNonNull(forward, "forward");
    }

    /** Writes the stream as received from the source to {@code file}. */
    public Builder recordTo(@Nullable Path file) {
      this.record = file;
      return this;
    }

    /** Decodes the received stream as {@code analyze} does, into the result. */
    public Builder decode(boolean on) {
      this.decode = on;
      return this;
    }

    @Override
    Builder self() {
      return this;
    }

    /** Where the device sections wait for the description (default: the system's temp dir). */
    public Builder workDir(@Nullable Path dir) {
      this.workDir = dir;
      return this;
    }

    public MigrationProxy build() {
      Warmup.start();
      return new MigrationProxy(this);
    }
  }
}
