package org.vmstate4j.console;

import org.jspecify.annotations.Nullable;

/**
 * Where an input came from, so errors in scripts can say {@code demo.jsh:12:}. Interactive input
 * has no origin and gets no prefix.
 */
record SourcePosition(@Nullable String origin, int line) {
  static final SourcePosition INTERACTIVE = new SourcePosition(null, 1);

  /** The position {@code lines} lines further down. */
  SourcePosition plusLines(int lines) {
    return new SourcePosition(origin, line + lines);
  }

  /** {@code "file:line: "} for script input, empty for interactive input. */
  String prefix() {
    return origin == null ? "" : origin + ":" + line + ": ";
  }
}
