package org.vmstate4j.engine.live;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.VmStateLoadException;
import org.vmstate4j.engine.wire.LiveWalk;
import org.vmstate4j.engine.wire.StreamWalker;
import org.vmstate4j.engine.wire.VmDescription;
import org.vmstate4j.engine.wire.WireTap;

/**
 * Reads one migration stream from a connection, for a receiver or a proxy: the walker passes
 * header, configuration and RAM on as they arrive (to the record file, to the forward tap, and
 * into the compact copy's head) and leaves the tail in {@code work}; then the compact copy is
 * written there. Failures become {@link LiveMigrationException}s naming offset and section.
 */
final class Intake {
  final StreamTracker tracker = new StreamTracker();
  final CompactCopy compact = new CompactCopy(tracker);
  final Path tail;
  final Path compactFile;
  private final @Nullable Path record;
  private final @Nullable WireTap forward;
  private final ProgressListener progress;
  private final long started = System.nanoTime();
  private volatile long lastLive = started;
  private @Nullable CountingChannel counting;
  private @Nullable LiveWalk walk;
  private long ended;

  Intake(Path work, @Nullable Path record, @Nullable WireTap forward,
      ProgressListener progress) {
    this.tail = work.resolve("tail.mig");
    this.compactFile = work.resolve("devices.mig");
    this.record = record;
    this.forward = forward;
    this.progress = progress;
  }

  /** Reads the stream to its end; the tail is then in {@link #tail}, the copy in compactFile. */
  LiveWalk run(ReadableByteChannel input) throws IOException {
    CountingChannel in = new CountingChannel(input, this::report);
    counting = in;
    try (FileChannel rec = record == null ? null : FileChannel.open(record,
        StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      WireTap through = (data, offset) -> {
        lastLive = System.nanoTime();
        compact.take(data, offset);
        if (forward != null) {
          forward.bytes(data.duplicate(), offset);
        }
        if (rec != null) {
          write(rec, data.duplicate());
        }
      };
      LiveWalk w;
      try {
        w = StreamWalker.walkLive(in, tracker, through, tail);
      } catch (VmStateLoadException e) {
        throw ended(e, e.offset(), e.getMessage());
      } catch (UncheckedIOException e) {
        throw ended(e, in.count(), String.valueOf(e.getCause().getMessage()));
      } catch (ClosedChannelException e) {
        throw new LiveMigrationException("the connection was closed while receiving",
            in.count(), tracker.lastSection(), e);
      } catch (IOException e) {
        throw ended(e, in.count(), String.valueOf(e.getMessage()));
      }
      walk = w;
      ended = System.nanoTime();
      if (rec != null) {
        try (FileChannel t = FileChannel.open(tail, StandardOpenOption.READ)) {
          long size = t.size();
          for (long done = 0; done < size; ) {
            done += t.transferTo(done, size - done, rec);
          }
        }
      }
      progress.progress(new LiveProgress(in.count(), -1, tracker.ramPages(),
          tracker.ramPasses(), true));
      compact.write(tail, w, compactFile);
      return w;
    }
  }

  private LiveMigrationException ended(Exception e, long offset, String detail) {
    CountingChannel in = counting;
    long received = in == null ? 0 : in.count();
    String reason;
    if (e instanceof VmStateLoadException) {
      boolean cut = e.getMessage().contains("end of stream");
      if (!cut && Files.exists(tail)) {
        // QEMU sends the description last: a tail without one was cut short
        try (FileChannel t = FileChannel.open(tail, StandardOpenOption.READ)) {
          cut = VmDescription.locate(t, 0) == null;
        } catch (IOException | RuntimeException ignored) {
          cut = true;
        }
        if (cut) {
          detail = "no JSON description at its end, so " + detail;
        }
      }
      reason = cut ? "the connection closed after " + received + " bytes, before the stream"
          + " was complete (" + detail + ")" : "malformed migration stream: " + detail;
    } else {
      reason = "the connection failed after " + received + " bytes: " + detail;
    }
    return new LiveMigrationException(reason, offset, tracker.lastSection(), e);
  }

  private void write(FileChannel rec, ByteBuffer b) {
    try {
      while (b.hasRemaining()) {
        rec.write(b);
      }
    } catch (IOException e) {
      throw new LiveMigrationException("cannot write " + record + ": " + e.getMessage(), -1,
          "", e);
    }
  }

  private void report() {
    CountingChannel in = counting;
    if (in != null) {
      progress.progress(new LiveProgress(in.count(), -1, tracker.ramPages(),
          tracker.ramPasses(), false));
    }
  }

  /** Bytes read from the connection so far. */
  long bytes() {
    CountingChannel in = counting;
    return in == null ? 0 : in.count();
  }

  /** Nanoseconds from the start to the end of the stream. */
  long streamNanos() {
    return ended - started;
  }

  /** Nanoseconds from the start to the last byte passed on live. */
  long ramNanos() {
    return lastLive - started;
  }

  long started() {
    return started;
  }
}
