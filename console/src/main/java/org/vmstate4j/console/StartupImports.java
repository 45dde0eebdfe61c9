package org.vmstate4j.console;

import java.util.List;

/** The imports every session starts with, so scripts can use the DSL and engine unqualified. */
final class StartupImports {
  /**
   * Evaluated in order at start-up and after {@code /reset}. An import whose package or class is
   * not on the class path is rejected by JShell and skipped without a word.
   */
  static final List<String> IMPORTS = List.of(
      "import static org.vmstate4j.dsl.VmsdDsl.*;",
      "import org.vmstate4j.dsl.*;",
      "import org.vmstate4j.engine.*;",
      "import org.vmstate4j.engine.model.*;",
      "import org.vmstate4j.engine.codec.*;",
      "import org.vmstate4j.engine.io.*;",
      "import org.vmstate4j.engine.state.*;",
      "import org.vmstate4j.engine.stream.*;",
      "import org.vmstate4j.qemu.*;",
      "import java.nio.file.*;",
      "import static org.vmstate4j.console.Consoles.*;",
      "import org.vmstate4j.console.ProgressBar;");

  private StartupImports() {}
}
