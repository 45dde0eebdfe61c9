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

  LoadContext(VmInput in, LoadOptions options) {
    this.in = in;
    this.options = options;
    this.journal = options.transactional() ? new Journal() : null;
    this.journaling = journal != null;
  }

  @Nullable Journal journal() {
    return journaling ? journal : null;
  }
}
