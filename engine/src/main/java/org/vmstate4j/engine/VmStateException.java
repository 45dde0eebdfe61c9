package org.vmstate4j.engine;

/**
 * Root of vmstate4j's unchecked exception family.
 *
 * <p>Every problem vmstate4j reports is one of: {@link DescriptionException} (a description is
 * inconsistent, raised when it is built), {@link VmStateLoadException} (a stream cannot be
 * loaded) or {@link VmStateSaveException} (state cannot be saved).
 */
public class VmStateException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public VmStateException(String message) {
    super(message);
  }

  public VmStateException(String message, Throwable cause) {
    super(message, cause);
  }
}
