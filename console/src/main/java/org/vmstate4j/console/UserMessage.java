package org.vmstate4j.console;

import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/**
 * The one line a user sees for a failed command: what went wrong, in words, never the name of a
 * Java exception class ({@code no such file: x.mig}, not {@code NoSuchFileException: x.mig}).
 */
final class UserMessage {
  private UserMessage() {}

  static String of(Throwable t) {
    if (t instanceof UncheckedIOException && t.getCause() != null) {
      return of(t.getCause());
    }
    if (t instanceof NoSuchFileException e) {
      return "no such file: " + e.getFile();
    }
    if (t instanceof AccessDeniedException e) {
      return "permission denied: " + e.getFile();
    }
    if (t instanceof FileSystemException e) {
      String reason = e.getReason();
      return e.getFile() + ": " + (reason != null ? reason : "cannot be used");
    }
    String message = t.getMessage();
    if (message == null || message.isBlank()) {
      Throwable cause = t.getCause();
      if (cause != null && cause != t) {
        return of(cause);
      }
      // No message means a bug, not a user error: the class is all there is to report.
      return "internal error (" + ExceptionRenderer.simpleName(t.getClass().getName())
          + "); start vmstate with -v for the stack trace";
    }
    String text = ExceptionRenderer.withoutWrapperNames(message).strip();
    String first = text.lines().findFirst().orElse("");
    return text.lines().skip(1).findAny().isPresent() ? first + " ..." : first;
  }
}
