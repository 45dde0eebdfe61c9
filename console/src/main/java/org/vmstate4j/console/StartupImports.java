package org.vmstate4j.console;

import java.util.List;

/** The imports every session starts with, so scripts can use the DSL and engine unqualified. */
final class StartupImports {
  /**
   * Evaluated in order at start-up and after {@code /reset}. An import whose package or class is
   * not on the class path yet is rejected by JShell and skipped without a word, so this list may
   * name modules that are still being written.
   */
  static final List<String> IMPORTS = List.of(
      "import static org.vmstate4j.dsl.Vmstate.*;",
      "import org.vmstate4j.dsl.*;",
      "import org.vmstate4j.engine.*;",
      "import static org.vmstate4j.console.Consoles.*;",
      "import org.vmstate4j.console.ProgressBar;");

  private StartupImports() {}
}
