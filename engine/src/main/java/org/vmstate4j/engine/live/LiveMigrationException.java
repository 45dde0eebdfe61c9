package org.vmstate4j.engine.live;

import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.VmStateException;

/**
 * A live migration that did not complete: the connection dropped mid-stream, the stream is
 * malformed, the other side refused it, or an edit could not be applied. The message says what
 * happened, at which stream byte, and in which section.
 */
public class LiveMigrationException extends VmStateException {
  private static final long serialVersionUID = 1L;

  private final long offset;
  private final String section;

  /**
   * @param reason what went wrong
   * @param offset the stream byte where it was noticed, -1 when it does not apply
   * @param section the last section seen, e.g. {@code ram (id 2) PART at 196}; empty for none
   */
  public LiveMigrationException(String reason, long offset, String section,
      @Nullable Throwable cause) {
    super(message(reason, offset, section), cause);
    this.offset = offset;
    this.section = section;
  }

  private static String message(String reason, long offset, String section) {
    StringBuilder sb = new StringBuilder(reason);
    if (offset >= 0) {
      sb.append(" [stream byte ").append(offset).append(" (0x").append(Long.toHexString(offset))
          .append(')');
      if (!section.isEmpty()) {
        sb.append(", last section ").append(section);
      }
      sb.append(']');
    }
    return sb.toString();
  }

  /** The stream byte where the problem was noticed, or -1. */
  public long offset() {
    return offset;
  }

  /** The last section seen before the problem, e.g. {@code ram (id 2) PART at 196}, or "". */
  public String section() {
    return section;
  }
}
