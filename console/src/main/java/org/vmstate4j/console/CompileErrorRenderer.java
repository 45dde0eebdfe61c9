package org.vmstate4j.console;

/**
 * Renders a compile error as its message, the offending source line and a caret under the
 * position, the way javac and jshell do.
 */
final class CompileErrorRenderer {
  private CompileErrorRenderer() {}

  /**
   * @param source the snippet's source, to which all positions are relative
   * @param start first character of the offending span, or -1 when unknown
   * @param position the character the error points at, or -1 when unknown
   * @param end one past the last character of the span, or -1 when unknown
   * @param at where {@code source} starts, for the {@code file:line:} prefix of script errors
   */
  static String render(
      String source, long start, long position, long end, String message, SourcePosition at) {
    int pos = (int) (position >= 0 ? position : Math.max(start, -1));
    if (pos < 0 || pos > source.length()) {
      return at.prefix() + "error: " + indentContinuation(message) + "\n";
    }
    int lineStart = source.lastIndexOf('\n', pos - 1) + 1;
    int lineEnd = source.indexOf('\n', pos);
    if (lineEnd < 0) {
      lineEnd = source.length();
    }
    int lineIndex = (int) source.substring(0, lineStart).chars().filter(c -> c == '\n').count();
    String line = source.substring(lineStart, lineEnd);
    // Clamp the span to the line holding the position; multi-line spans only mark their start.
    int from = (int) (start >= lineStart && start <= pos ? start : pos) - lineStart;
    int to = (int) (end > pos && end <= lineEnd ? end : pos + 1) - lineStart;

    StringBuilder sb = new StringBuilder();
    sb.append(at.plusLines(lineIndex).prefix()).append("error: ")
        .append(indentContinuation(message)).append('\n');
    sb.append("  ").append(line).append('\n');
    sb.append("  ");
    for (int i = 0; i < from; i++) {
      // Copy tabs so the caret lines up however the terminal expands them.
      sb.append(i < line.length() && line.charAt(i) == '\t' ? '\t' : ' ');
    }
    int width = Math.max(1, to - from);
    if (width <= 2) {
      sb.append("^".repeat(width));
    } else {
      sb.append('^').append("-".repeat(width - 2)).append('^');
    }
    return sb.append('\n').toString();
  }

  private static String indentContinuation(String message) {
    StringBuilder sb = new StringBuilder();
    for (String line : (Iterable<String>) message.strip().lines()::iterator) {
      // "location: class" names JShell's invisible wrapper class; it tells users nothing.
      if (line.strip().equals("location: class") || line.contains("$JShell$")) {
        continue;
      }
      sb.append(sb.length() == 0 ? "" : "\n  ").append(line);
    }
    return sb.toString();
  }
}
