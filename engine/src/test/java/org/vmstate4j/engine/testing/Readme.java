package org.vmstate4j.engine.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The README's sample outputs, for the tests that produce them: the code block after the line
 * {@code <!-- readme-test: MARKER -->} (the console module's ReadmeTest checks every block has
 * such a line).
 */
public final class Readme {
  static final Path README = Path.of("..", "README.md");

  private Readme() {}

  /** The text of the block marked {@code marker}, e.g. {@code output-of NvmeLiteTest}. */
  public static String block(String marker) {
    List<String> lines;
    try {
      lines = Files.readAllLines(README, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int at = lines.indexOf("<!-- readme-test: " + marker + " -->");
    if (at < 0 || at + 1 >= lines.size() || !lines.get(at + 1).startsWith("```")) {
      throw new AssertionError("README.md has no block marked '" + marker + "'");
    }
    StringBuilder sb = new StringBuilder();
    for (int i = at + 2; i < lines.size() && !lines.get(i).startsWith("```"); i++) {
      sb.append(lines.get(i)).append('\n');
    }
    return sb.toString();
  }
}
