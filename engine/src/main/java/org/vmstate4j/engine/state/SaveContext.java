package org.vmstate4j.engine.state;

import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.io.VmOutput;
import org.vmstate4j.engine.json.VmDescWriter;

/** State of one save: the output and, optionally, the JSON description being written. */
final class SaveContext {
  final VmOutput out;
  /** Where the current element is described; null while a compressed run is skipped. */
  @Nullable VmDescWriter json;

  SaveContext(VmOutput out, @Nullable VmDescWriter json) {
    this.out = out;
    this.json = json;
  }
}
