package org.vmstate4j.engine.state;

import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.io.VmInput;

/** State of one load: the input, the options and the undo journal. */
final class LoadContext {
  final VmInput in;
  final LoadOptions options;
  final @Nullable Journal journal;
  /** False while loading into objects this load created: they need no undo records. */
  boolean journaling;
  /** Watches the load item by item; null for ordinary loads. */
  @Nullable LoadObserver observer;

  LoadContext(VmInput in, LoadOptions options) {
    this(in, options, options.transactional() ? Journal.acquire() : null);
  }

  /** A load that records into {@code journal} (shared by the loads of a transaction). */
  LoadContext(VmInput in, LoadOptions options, @Nullable Journal journal) {
    this.in = in;
    this.options = options;
    this.journal = journal;
    this.journaling = journal != null;
  }

  @Nullable Journal journal() {
    return journaling ? journal : null;
  }
}
