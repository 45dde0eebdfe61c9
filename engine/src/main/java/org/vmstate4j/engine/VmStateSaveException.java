package org.vmstate4j.engine;

import org.jspecify.annotations.Nullable;

/** State could not be saved. Names the path, the byte offset reached, and expected vs found. */
public final class VmStateSaveException extends PathedException {
  private static final long serialVersionUID = 1L;

  public VmStateSaveException(String reason, long offset) {
    super(reason, offset, null, null, null);
  }

  public VmStateSaveException(
      String reason, long offset, @Nullable String expected, @Nullable String found) {
    super(reason, offset, expected, found, null);
  }

  public VmStateSaveException(String reason, long offset, Throwable cause) {
    super(reason, offset, null, null, cause);
  }

  @Override
  public VmStateSaveException under(String segment) {
    super.under(segment);
    return this;
  }
}
