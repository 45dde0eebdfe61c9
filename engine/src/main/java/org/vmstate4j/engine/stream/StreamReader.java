package org.vmstate4j.engine.stream;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.PathedException;
import org.vmstate4j.engine.VmStateLoadException;
import org.vmstate4j.engine.state.LoadTransaction;
import org.vmstate4j.engine.wire.StreamWalker;
import org.vmstate4j.engine.wire.VmDescription;

/**
 * Loads a migration stream into a registry's devices, as QEMU's qemu_loadvm_state does: header
 * and configuration checks, then FULL/START sections matched to devices by id string and
 * instance id, each loaded at the section's version and followed by a checked footer, up to
 * EOF; then the JSON description is read and checked (problems there are warnings). The
 * stream's framing and RAM records are read by the {@link StreamWalker}.
 *
 * <p>The stream is read through a fixed buffer and never held in memory. All device loads form
 * one {@link LoadTransaction}: when anything fails, every device loaded before is restored.
 * Errors are {@link VmStateLoadException}s with the byte offset and QEMU's wording.
 *
 * <p>With {@link ReadOptions#skipUnknown()}, sections of devices that are not registered are
 * skipped: {@code ram} sections by their page records, FULL sections by the sizes in the
 * stream's JSON description, which {@link #read(Path)} reads from the end of the file first
 * (for an InputStream, pass it with {@link ReadOptions#withDescription}). Other iterative
 * sections cannot be skipped.
 */
public final class StreamReader {
  private final Registry registry;
  private final ReadOptions options;

  public StreamReader(Registry registry) {
    this(registry, ReadOptions.DEFAULT);
  }

  public StreamReader(Registry registry, ReadOptions options) {
    this.registry = Objects.requireNonNull(registry);
    this.options = Objects.requireNonNull(options);
  }

  /** Loads from a file; its JSON description (at its end) is read first when skipping. */
  public LoadResult read(Path file) throws IOException {
    long size = Files.size(file);
    Described d;
    if (options.description() == null && options.skipUnknown()) {
      VmDescription.Found found;
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
        found = VmDescription.find(ch);
      }
      d = found == null ? new Described(null, "the file has no JSON description at its end")
          : parsed(found.json(), found.markerOffset());
    } else {
      d = given();
    }
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, size, d);
    }
  }

  /** Loads from a whole stream in memory; its JSON description is found at its end. */
  public LoadResult read(byte[] stream) {
    Described d;
    if (options.description() == null && options.skipUnknown()) {
      VmDescription.Found found = VmDescription.find(stream);
      d = found == null ? new Described(null, "the stream has no JSON description at its end")
          : parsed(found.json(), found.markerOffset());
    } else {
      d = given();
    }
    LoadRun r = new LoadRun(registry, options, stream.length, d.desc(), d.why());
    try {
      return r.run(v -> StreamWalker.walk(stream, r.wireOptions(), v));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Loads from a stream of unknown length. */
  public LoadResult read(InputStream in) {
    return read(in, -1);
  }

  /** Loads from a stream of {@code length} bytes (-1 when unknown). */
  public LoadResult read(InputStream in, long length) {
    try {
      return read(in, length, given());
    } catch (IOException e) {
      throw new VmStateLoadException("read failed: " + e.getMessage(), -1, e);
    }
  }

  private LoadResult read(InputStream raw, long length, Described d) throws IOException {
    ProgressTracker t = new ProgressTracker(options.progress(), length);
    InputStream s = t.wrap(raw);
    LoadRun r = new LoadRun(registry, options, length, d.desc(), d.why());
    r.tracker = t;
    try {
      return r.run(v -> StreamWalker.walk(s, length, r.wireOptions(), v));
    } catch (java.io.UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private Described given() {
    String json = options.description();
    if (json == null) {
      return new Described(null, "reading from an InputStream: pass the stream's JSON"
          + " description with ReadOptions.withDescription, or read from a Path");
    }
    return parsed(json.getBytes(StandardCharsets.UTF_8), -1);
  }

  private static Described parsed(byte[] json, long markerOffset) {
    try {
      return new Described(VmDescription.parseText(json, markerOffset), null);
    } catch (VmStateLoadException e) {
      return new Described(null, "the stream's JSON description is unusable: "
          + VmDescription.problem(e));
    }
  }

  private record Described(@Nullable VmDescription desc, @Nullable String why) {}

  /** An error's path, reason and expected/found, without the offset. */
  static String detail(PathedException e) {
    return detail(e, "");
  }

  /**
   * As {@link #detail(PathedException)}, leaving out a path that is only {@code top} (the
   * device's description, which the surrounding message already names).
   */
  static String detail(PathedException e, String top) {
    StringBuilder sb = new StringBuilder();
    if (!e.path().isEmpty() && !e.path().equals(top)) {
      sb.append(e.path()).append(": ");
    }
    sb.append(e.reason());
    if (e.expected() != null || e.found() != null) {
      sb.append(" (expected ").append(e.expected() == null ? "?" : e.expected())
          .append(", found ").append(e.found() == null ? "?" : e.found()).append(')');
    }
    return sb.toString();
  }
}
