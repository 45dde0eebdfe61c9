package org.vmstate4j.engine;

/** A description breaks one of QEMU's rules; raised when the description is built. */
public final class DescriptionException extends VmStateException {
  private static final long serialVersionUID = 1L;

  public DescriptionException(String message) {
    super(message);
  }
}
