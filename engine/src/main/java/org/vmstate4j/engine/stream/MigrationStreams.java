package org.vmstate4j.engine.stream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * Saving and loading whole migration streams in one call.
 *
 * <pre>{@code
 * MigrationStreams.save(registry, Path.of("vm.mig"));
 * LoadResult r = MigrationStreams.load(registry, Path.of("vm.mig"), ReadOptions.DEFAULT);
 * }</pre>
 *
 * @see StreamWriter
 * @see StreamReader
 */
public final class MigrationStreams {
  private MigrationStreams() {}

  /**
   * Writes the registry's devices to {@code file} with QEMU's defaults. A registry that skipped
   * sections when it was loaded ({@link Registry#skippedOnLoad()}) is refused, naming the
   * sections the new stream would drop, unless {@link WriteOptions#withDevicesOnly} asks for a
   * stream of the registered devices only.
   */
  public static SaveResult save(Registry registry, Path file) throws IOException {
    return new StreamWriter(registry).write(file);
  }

  public static SaveResult save(Registry registry, Path file, WriteOptions options)
      throws IOException {
    return new StreamWriter(registry, options).write(file);
  }

  /** Writes the registry's devices to {@code out} (flushed, not closed). */
  public static SaveResult save(Registry registry, OutputStream out) {
    return new StreamWriter(registry).write(out);
  }

  public static SaveResult save(Registry registry, OutputStream out, WriteOptions options) {
    return new StreamWriter(registry, options).write(out);
  }

  /** The stream as bytes. */
  public static byte[] toBytes(Registry registry) {
    return new StreamWriter(registry).toBytes();
  }

  /** Loads {@code file} into the registry's devices. */
  public static LoadResult load(Registry registry, Path file, ReadOptions options)
      throws IOException {
    return new StreamReader(registry, options).read(file);
  }

  /** Loads a stream of unknown length into the registry's devices. */
  public static LoadResult load(Registry registry, InputStream in, ReadOptions options) {
    return new StreamReader(registry, options).read(in);
  }

  /** Loads a stream held in memory into the registry's devices. */
  public static LoadResult load(Registry registry, byte[] stream, ReadOptions options) {
    return new StreamReader(registry, options).read(stream);
  }
}
