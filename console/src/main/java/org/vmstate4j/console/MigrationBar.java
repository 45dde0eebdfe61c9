package org.vmstate4j.console;

import java.util.Locale;
import org.vmstate4j.engine.live.LiveProgress;
import org.vmstate4j.engine.live.ProgressListener;

/**
 * A progress bar for a live migration: bytes, and RAM pages and sections as they arrive
 * ({@code receive 12.0 MiB, 3,072 RAM pages in 5 sections}).
 */
final class MigrationBar implements ProgressListener, AutoCloseable {
  private final ProgressBar bar;

  /**
   * In the console or a script (the context has registered devices), the bar the console has
   * bound; on the command line, one on stderr that repaints when there is a terminal.
   */
  MigrationBar(String label, CliContext context) {
    this.bar = context.registered() != null ? Consoles.progress(label)
        : Consoles.commandLineProgress(label, context.err());
  }

  @Override
  public void progress(LiveProgress p) {
    bar.update(p.bytes(), p.total(), detail(p));
  }

  static String detail(LiveProgress p) {
    String pages = p.ramPasses() == 0 ? "" : String.format(Locale.ROOT,
        "%,d RAM pages in %d sections", p.ramPages(), p.ramPasses());
    if (p.complete()) {
      return pages.isEmpty() ? "complete" : pages + ", complete";
    }
    return pages;
  }

  @Override
  public void close() {
    bar.close();
  }
}
