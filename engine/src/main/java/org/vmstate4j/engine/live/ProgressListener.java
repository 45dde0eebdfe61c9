package org.vmstate4j.engine.live;

/**
 * Receives progress of a live migration, e.g. for a console progress bar. Called on the thread
 * that reads the stream, about every 4 MiB and once the stream is complete: keep it quick.
 */
@FunctionalInterface
public interface ProgressListener {
  void progress(LiveProgress progress);

  /** A listener that ignores progress. */
  static ProgressListener none() {
    return p -> { };
  }
}
