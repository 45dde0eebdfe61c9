package org.vmstate4j.engine.state;

/**
 * How a load behaves.
 *
 * @param transactional on failure, put every destination object back as it was (default on)
 * @param dryRun validate only: load, then undo every change even on success
 * @param maxAllocationBytes upper bound for one allocation driven by stream content
 */
public record LoadOptions(boolean transactional, boolean dryRun, long maxAllocationBytes) {
  /** Transactional, 1 GiB allocation limit. */
  public static final LoadOptions DEFAULT = new LoadOptions(true, false, 1L << 30);

  public LoadOptions {
    if (maxAllocationBytes < 0) {
      throw new IllegalArgumentException("negative allocation limit");
    }
  }

  public LoadOptions withTransactional(boolean on) {
    return new LoadOptions(on, dryRun, maxAllocationBytes);
  }

  public LoadOptions withDryRun(boolean on) {
    return new LoadOptions(transactional || on, on, maxAllocationBytes);
  }

  public LoadOptions withMaxAllocationBytes(long bytes) {
    return new LoadOptions(transactional, dryRun, bytes);
  }
}
