package org.vmstate4j.engine.live;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Objects;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.VmStateException;
import org.vmstate4j.engine.analyze.AnalyzedStream;
import org.vmstate4j.engine.analyze.StreamAnalyzer;
import org.vmstate4j.engine.stream.LoadResult;
import org.vmstate4j.engine.stream.MigrationStreams;
import org.vmstate4j.engine.stream.ReadOptions;
import org.vmstate4j.engine.stream.Registry;
import org.vmstate4j.engine.wire.LiveWalk;

/**
 * A migration destination for QEMU's {@code migrate tcp:HOST:PORT} (or any stream from an
 * InputStream, e.g. {@code migrate exec:...}). It reads the whole stream with bounded memory:
 * RAM goes to the record file or nowhere as it arrives, the device sections wait on disk for the
 * JSON description QEMU sends last; then every section is decoded as {@code analyze} decodes a
 * file, and the devices a registry knows are loaded. Success means a complete stream; a
 * connection that drops mid-stream ends with a {@link LiveMigrationException} naming the offset
 * and the last section.
 *
 * <pre>{@code
 * MigrationReceiver receiver = MigrationReceiver.builder()
 *     .recordTo(Path.of("vm.mig"))
 *     .progress(p -> System.err.print("\r" + p.bytes()))
 *     .build();
 * try (Incoming<ReceiveResult> port = receiver.listen(HostPort.parse("127.0.0.1:4444"))) {
 *   System.out.print(port.await(Duration.ofMinutes(5)).dumpState());
 * }
 * }</pre>
 */
public final class MigrationReceiver {
  private final @Nullable Path record;
  private final @Nullable Registry registry;
  private final ReadOptions readOptions;
  private final ProgressListener progress;
  private final @Nullable Path workDir;

  private MigrationReceiver(Builder b) {
    this.record = b.record;
    this.registry = b.registry;
    this.readOptions = b.readOptions;
    this.progress = b.progress;
    this.workDir = b.workDir;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Receives one migration on {@code address} (port 0: any free port), in the background. */
  public Incoming<ReceiveResult> listen(InetSocketAddress address) throws IOException {
    return Incoming.start(address, "vmstate4j-receive", this::receive);
  }

  /** Receives a stream from {@code in} to its end. */
  public ReceiveResult receive(InputStream in) throws IOException {
    return receive(Channels.newChannel(in));
  }

  /** Receives a stream from {@code in} to its end. */
  public ReceiveResult receive(ReadableByteChannel in) throws IOException {
    Path work = workDir == null ? Files.createTempDirectory("vmstate4j-receive-")
        : Files.createTempDirectory(workDir, "vmstate4j-receive-");
    try {
      Intake intake = new Intake(work, record, null, progress);
      LiveWalk walk = intake.run(in);
      long decodeStart = System.nanoTime();
      if (walk.description() == null) {
        throw new LiveMigrationException("the stream ended after " + walk.end() + " bytes"
            + " without the JSON description that QEMU sends after EOF (did the connection"
            + " close early?): its device sections cannot be decoded", walk.end(),
            intake.tracker.lastSection(), null);
      }
      AnalyzedStream analysis;
      try {
        analysis = StreamAnalyzer.open(intake.compactFile);
      } catch (VmStateException e) {
        throw new LiveMigrationException("received the whole stream but cannot decode it: "
            + e.getMessage(), walk.tailOffset(), intake.tracker.lastSection(), e);
      }
      LoadResult loaded = null;
      if (registry != null) {
        loaded = MigrationStreams.load(registry, intake.compactFile, readOptions);
      }
      long end = System.nanoTime();
      MigrationTimings t = new MigrationTimings(Duration.ofNanos(intake.streamNanos()),
          Duration.ofNanos(intake.ramNanos()), Duration.ofNanos(end - decodeStart),
          Duration.ofNanos(end - intake.started()));
      return new ReceiveResult(walk.end(), intake.tracker.ramPages(), intake.tracker.ramPasses(),
          walk.tailOffset(), intake.tracker.machineType(), analysis,
          intake.compact.tailStart(), loaded, record, t);
    } finally {
      deleteTree(work);
    }
  }

  static void deleteTree(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException | UncheckedIOException e) {
      // a temporary directory left behind is not worth failing a migration for
    }
  }

  /** Configures a receiver; every setting is optional. */
  public static final class Builder {
    private @Nullable Path record;
    private @Nullable Registry registry;
    private ReadOptions readOptions = ReadOptions.DEFAULT.withSkipUnknown(true)
        .withMachineCheck(false);
    private ProgressListener progress = ProgressListener.none();
    private @Nullable Path workDir;

    private Builder() {}

    /** Writes the stream, byte for byte as received, to {@code file} (created or replaced). */
    public Builder recordTo(@Nullable Path file) {
      this.record = file;
      return this;
    }

    /**
     * Loads the devices {@code registry} knows from the stream once it is complete; sections of
     * other devices are skipped and the machine type is not checked.
     */
    public Builder registry(@Nullable Registry registry) {
      this.registry = registry;
      return this;
    }

    /** As {@link #registry(Registry)}, with the given read options. */
    public Builder registry(Registry registry, ReadOptions options) {
      this.registry = Objects.requireNonNull(registry, "registry");
      this.readOptions = Objects.requireNonNull(options, "options");
      return this;
    }

    /** Where the device sections wait for the description (default: the system's temp dir). */
    public Builder workDir(@Nullable Path dir) {
      this.workDir = dir;
      return this;
    }

    public Builder progress(ProgressListener listener) {
      this.progress = Objects.requireNonNull(listener, "listener");
      return this;
    }

    public MigrationReceiver build() {
      if (record != null && Files.isDirectory(record)) {
        throw new IllegalArgumentException("record file is a directory: " + record);
      }
      Warmup.start();
      return new MigrationReceiver(this);
    }
  }
}
