package org.vmstate4j.engine.stream;

/** Receives progress of a stream save or load. */
@FunctionalInterface
public interface Progress {
  /**
   * Called at least once per section and about every 4 MiB within big sections.
   *
   * @param done bytes written or read so far (never decreases)
   * @param total the stream's length when known, else -1
   */
  void update(long done, long total);
}
