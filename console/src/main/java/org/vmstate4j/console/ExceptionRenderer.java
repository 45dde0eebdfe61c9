package org.vmstate4j.console;

import java.util.regex.Pattern;
import jdk.jshell.EvalException;
import org.jspecify.annotations.Nullable;

/**
 * Renders exceptions thrown by snippets: one line by default (vmstate4j's exceptions already put
 * the failing path into their message), the full trace on request.
 */
final class ExceptionRenderer {
  private static final Pattern WRAPPER = Pattern.compile("REPL\\.\\$JShell\\$\\d+[A-Z]*[.$]");

  private ExceptionRenderer() {}

  /** {@code SimpleName: first line of the message}. */
  static String oneLine(Throwable t) {
    String message = t.getMessage();
    if ((message == null || message.isBlank()) && t.getCause() != null) {
      return oneLine(t.getCause());
    }
    return oneLine(className(t), message);
  }

  static String oneLine(String className, @Nullable String message) {
    String name = simpleName(className);
    if (message == null || message.isBlank()) {
      return name;
    }
    String text = withoutWrapperNames(message).strip();
    String firstLine = text.lines().findFirst().orElse("");
    boolean more = text.lines().skip(1).findAny().isPresent();
    return name + ": " + firstLine + (more ? " ..." : "");
  }

  /**
   * Snippet variables and classes live in generated wrappers; messages name them as
   * {@code REPL.$JShell$7.s} or {@code REPL.$JShell$12$Dev}, which users know as {@code s} and
   * {@code Dev}.
   */
  static String withoutWrapperNames(String message) {
    return WRAPPER.matcher(message).replaceAll("");
  }

  /** The trace with causes, frames of snippets shown as {@code (#id:line)}. */
  static String trace(Throwable t) {
    StringBuilder sb = new StringBuilder();
    appendTrace(sb, t, "");
    return sb.toString();
  }

  private static void appendTrace(StringBuilder sb, Throwable t, String heading) {
    String message = t.getMessage();
    sb.append(heading).append(className(t));
    if (message != null) {
      sb.append(": ").append(message);
    }
    sb.append('\n');
    for (StackTraceElement frame : t.getStackTrace()) {
      sb.append("\tat ").append(frame).append('\n');
    }
    Throwable cause = t.getCause();
    if (cause != null && cause != t) {
      appendTrace(sb, cause, "Caused by: ");
    }
  }

  /** Snippet exceptions arrive wrapped; report the class the snippet actually threw. */
  static String className(Throwable t) {
    return t instanceof EvalException eval ? eval.getExceptionClassName() : t.getClass().getName();
  }

  /** {@code REPL.$JShell$12$BadDevice} and {@code a.b.Outer$Bad} become the names users wrote. */
  static String simpleName(String className) {
    String name = className.substring(className.lastIndexOf('.') + 1);
    int dollar = name.lastIndexOf('$');
    return dollar >= 0 && dollar < name.length() - 1 ? name.substring(dollar + 1) : name;
  }
}
