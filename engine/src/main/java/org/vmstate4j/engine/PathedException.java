package org.vmstate4j.engine;

import java.util.ArrayDeque;
import java.util.Deque;
import org.jspecify.annotations.Nullable;

/**
 * A save or load error that knows where it happened: the path of the item
 * ({@code nvme-lite/sq[2]/head}), the stream byte offset, and what was expected and found.
 *
 * <p>The path grows while the exception unwinds: each level of the walk prepends its own
 * segment, so the happy path pays nothing for path bookkeeping.
 */
public abstract class PathedException extends VmStateException {
  private static final long serialVersionUID = 1L;

  private final Deque<String> segments = new ArrayDeque<>();
  private final String reason;
  private final long offset;
  private final @Nullable String expected;
  private final @Nullable String found;

  protected PathedException(
      String reason, long offset, @Nullable String expected, @Nullable String found,
      @Nullable Throwable cause) {
    super(reason, cause);
    this.reason = reason;
    this.offset = offset;
    this.expected = expected;
    this.found = found;
  }

  /** Prepends one path segment: a description name, a field name, or {@code [i]} for an index. */
  public PathedException under(String segment) {
    if (segment.startsWith("[") && !segments.isEmpty()) {
      segments.addFirst(segment + "/" + segments.removeFirst());
    } else if (segment.startsWith("[")) {
      segments.addFirst(segment);
    } else {
      String first = segments.peekFirst();
      if (first != null && first.startsWith("[")) {
        segments.removeFirst();
        segments.addFirst(segment + first);
      } else {
        segments.addFirst(segment);
      }
    }
    return this;
  }

  /** The path of the failing item, e.g. {@code nvme-lite/sq[2]/head}; empty when unknown. */
  public String path() {
    return String.join("/", segments);
  }

  /** Stream byte offset where the problem was detected, or -1 when it does not apply. */
  public long offset() {
    return offset;
  }

  /** What the reader expected, or null. */
  public @Nullable String expected() {
    return expected;
  }

  /** What the reader found, or null. */
  public @Nullable String found() {
    return found;
  }

  /** The problem without path and offset, e.g. {@code Unexpected ptr marker: 50}. */
  public String reason() {
    return reason;
  }

  @Override
  public String getMessage() {
    StringBuilder sb = new StringBuilder();
    String path = path();
    if (!path.isEmpty()) {
      sb.append(path);
    }
    if (offset >= 0) {
      if (sb.length() > 0) {
        sb.append(' ');
      }
      sb.append("@").append(offset).append(" (0x").append(Long.toHexString(offset)).append(')');
    }
    if (sb.length() > 0) {
      sb.append(": ");
    }
    sb.append(reason);
    if (expected != null || found != null) {
      sb.append(" (expected ").append(expected == null ? "?" : expected)
          .append(", found ").append(found == null ? "?" : found).append(')');
    }
    return sb.toString();
  }
}
