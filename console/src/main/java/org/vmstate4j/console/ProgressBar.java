package org.vmstate4j.console;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * A one-line progress bar for long operations, fed with bytes done and the total when known.
 * Nothing appears for operations that finish within a second. On a terminal that can redraw
 * it repaints one line with {@code \r}; otherwise (pipes, dumb terminals) it prints only the
 * final line.
 *
 * <pre>{@code
 * try (ProgressBar bar = progress("saving")) {
 *   bar.update(done, total);
 * }
 * }</pre>
 */
public final class ProgressBar implements AutoCloseable {
  static final long SHOW_AFTER_NANOS = 1_000_000_000L;
  static final long REDRAW_EVERY_NANOS = 100_000_000L;
  static final int MIN_BAR = 10;

  private final String label;
  private final PrintWriter out;
  private final IntSupplier width;
  private final LongSupplier clock;
  private final boolean redraw;
  private final long startNanos;
  private long lastDrawNanos = Long.MIN_VALUE;
  private long done;
  private long total = -1;
  private String detail = "";
  private boolean shown;
  private boolean closed;

  /**
   * @param width the terminal's width in columns; 0 or less means unknown (80 is used)
   * @param clock {@link System#nanoTime()} or a test clock
   * @param redraw whether the output can repaint a line with {@code \r}
   */
  ProgressBar(String label, PrintWriter out, IntSupplier width, LongSupplier clock,
      boolean redraw) {
    this.label = label;
    this.out = out;
    this.width = width;
    this.clock = clock;
    this.redraw = redraw;
    this.startNanos = clock.getAsLong();
  }

  /**
   * Reports progress.
   *
   * @param done bytes done so far
   * @param total bytes in all, or a negative number when unknown
   */
  public synchronized void update(long done, long total) {
    update(done, total, detail);
  }

  /**
   * Reports progress with a few words shown after the sizes, e.g. {@code 4096 RAM pages}.
   *
   * @param done bytes done so far
   * @param total bytes in all, or a negative number when unknown
   */
  public synchronized void update(long done, long total, String detail) {
    this.done = done;
    this.total = total;
    this.detail = detail;
    if (!redraw || closed) {
      return;
    }
    long now = clock.getAsLong();
    if (now - startNanos < SHOW_AFTER_NANOS) {
      return;
    }
    if (shown && now - lastDrawNanos < REDRAW_EVERY_NANOS && done != total) {
      return;
    }
    lastDrawNanos = now;
    shown = true;
    out.print("\r" + render(label, done, total, columns(), detail));
    out.flush();
  }

  /** Ends the bar: completes its line if one was shown, prints nothing for quick operations. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    boolean slow = clock.getAsLong() - startNanos >= SHOW_AFTER_NANOS;
    if (shown || slow) {
      out.print((redraw ? "\r" : "") + render(label, done, total, columns(), detail) + "\n");
      out.flush();
    }
  }

  private int columns() {
    int w = width.getAsInt();
    return w > 0 ? w : 80;
  }

  /**
   * One line of at most {@code width - 1} characters (the last column is left free so the
   * terminal does not wrap): {@code label [=====>    ]  45% 1.2 MiB / 2.7 MiB}, or
   * {@code label 1.2 MiB} when the total is unknown.
   */
  static String render(String label, long done, long total, int width) {
    return render(label, done, total, width, "");
  }

  /** As {@link #render(String, long, long, int)}, with {@code , detail} after the sizes. */
  static String render(String label, long done, long total, int width, String detail) {
    int room = Math.max(1, width - 1);
    String line;
    String more = detail.isEmpty() ? "" : ", " + detail;
    if (total < 0) {
      line = label + " " + bytes(done) + more;
    } else {
      long clamped = Math.max(0, Math.min(done, total));
      int percent = total == 0 ? 100 : (int) (clamped * 100 / total);
      String suffix = String.format(Locale.ROOT, " %3d%% %s / %s", percent, bytes(done),
          bytes(total)) + more;
      int bar = room - label.length() - 3 - suffix.length();
      if (bar < MIN_BAR) {
        line = label + suffix;
      } else {
        int filled = total == 0 ? bar : (int) (clamped * bar / total);
        StringBuilder sb = new StringBuilder(label).append(" [");
        sb.append("=".repeat(filled));
        if (filled < bar) {
          sb.append('>').append(" ".repeat(bar - filled - 1));
        }
        line = sb.append(']').append(suffix).toString();
      }
    }
    return line.length() > room ? line.substring(0, room) : line;
  }

  /** {@code 512 B}, {@code 1.5 KiB}, {@code 12.0 MiB}, {@code 3.2 GiB}. */
  static String bytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    double value = n;
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }
}
