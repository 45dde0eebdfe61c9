package org.vmstate4j.engine;

import org.jspecify.annotations.Nullable;

/** A stream could not be loaded. Names the path, the byte offset, and expected vs found. */
public final class VmStateLoadException extends PathedException {
  private static final long serialVersionUID = 1L;

  public VmStateLoadException(String reason, long offset) {
    super(reason, offset, null, null, null);
  }

  public VmStateLoadException(
      String reason, long offset, @Nullable String expected, @Nullable String found) {
    super(reason, offset, expected, found, null);
  }

  public VmStateLoadException(String reason, long offset, @Nullable String expected,
      @Nullable String found, @Nullable Throwable cause) {
    super(reason, offset, expected, found, cause);
  }

  public VmStateLoadException(String reason, long offset, Throwable cause) {
    super(reason, offset, null, null, cause);
  }

  @Override
  public VmStateLoadException under(String segment) {
    super.under(segment);
    return this;
  }
}
