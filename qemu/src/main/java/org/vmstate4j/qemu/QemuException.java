package org.vmstate4j.qemu;

import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.VmStateException;

/**
 * QEMU could not be found or started, a QMP command failed or got no reply in time, or a
 * migration did not end as expected. The message says which command and what QEMU answered
 * (its error class and description, or the end of its log).
 */
public class QemuException extends VmStateException {
  private static final long serialVersionUID = 1L;

  private final @Nullable String errorClass;

  public QemuException(String message) {
    this(message, null, null);
  }

  public QemuException(String message, @Nullable Throwable cause) {
    this(message, null, cause);
  }

  public QemuException(String message, @Nullable String errorClass, @Nullable Throwable cause) {
    super(message, cause);
    this.errorClass = errorClass;
  }

  /** The QMP error class ({@code GenericError}, {@code CommandNotFound}, ...) or null. */
  public @Nullable String errorClass() {
    return errorClass;
  }
}
