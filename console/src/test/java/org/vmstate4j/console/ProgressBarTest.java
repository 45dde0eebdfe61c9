package org.vmstate4j.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
  private static final long MS = 1_000_000L;

  private final StringWriter screen = new StringWriter();
  private final AtomicLong now = new AtomicLong(5_000 * MS);

  private ProgressBar bar(boolean redraw) {
    return new ProgressBar("saving", new PrintWriter(screen), () -> 60, now::get, redraw);
  }

  @Test
  void rendersFilledBarPercentAndSizes() {
    String line = ProgressBar.render("saving", 512 * 1024, 2 * 1024 * 1024, 60);

    // 59 columns: label, 25-wide bar a quarter full, percent, done / total.
    assertThat(line).isEqualTo(
        "saving [" + "=".repeat(6) + ">" + " ".repeat(18) + "]  25% 512.0 KiB / 2.0 MiB");
    assertThat(line).hasSize(59);
  }

  @Test
  void emptyAndFullBars() {
    assertThat(ProgressBar.render("x", 0, 100, 40))
        .isEqualTo("x [>" + " ".repeat(17) + "]   0% 0 B / 100 B")
        .hasSize(39);
    assertThat(ProgressBar.render("x", 100, 100, 40))
        .isEqualTo("x [" + "=".repeat(16) + "] 100% 100 B / 100 B")
        .hasSize(39);
  }

  @Test
  void neverWiderThanTheTerminalLessOneColumn() {
    for (int width = 1; width <= 120; width++) {
      assertThat(ProgressBar.render("loading nvme-lite", 3_000_000, 7_000_000, width).length())
          .as("width %d", width).isLessThanOrEqualTo(Math.max(1, width - 1));
    }
  }

  @Test
  void narrowTerminalDropsTheBarButKeepsTheNumbers() {
    assertThat(ProgressBar.render("load", 50, 100, 30)).isEqualTo("load  50% 50 B / 100 B");
  }

  @Test
  void unknownTotalShowsBytesOnly() {
    assertThat(ProgressBar.render("analyzing", 3 * 1024 * 1024 + 300 * 1024, -1, 60))
        .isEqualTo("analyzing 3.3 MiB");
  }

  @Test
  void doneBeyondTotalIsClampedTo100Percent() {
    assertThat(ProgressBar.render("x", 150, 100, 40)).contains("100%").doesNotContain(">");
  }

  @Test
  void zeroTotalIsComplete() {
    assertThat(ProgressBar.render("x", 0, 0, 40)).contains("100%");
  }

  @Test
  void byteUnits() {
    assertThat(ProgressBar.bytes(0)).isEqualTo("0 B");
    assertThat(ProgressBar.bytes(1023)).isEqualTo("1023 B");
    assertThat(ProgressBar.bytes(1536)).isEqualTo("1.5 KiB");
    assertThat(ProgressBar.bytes(5L << 30)).isEqualTo("5.0 GiB");
    assertThat(ProgressBar.bytes(Long.MAX_VALUE)).isEqualTo("8.0 EiB");
  }

  @Test
  void quickOperationPrintsNothing() {
    ProgressBar bar = bar(true);
    bar.update(10, 100);
    now.addAndGet(900 * MS);
    bar.update(100, 100);
    bar.close();

    assertThat(screen.toString()).isEmpty();
  }

  @Test
  void slowOperationRedrawsOneLineAndEndsIt() {
    ProgressBar bar = bar(true);
    now.addAndGet(1_100 * MS);
    bar.update(25, 100);
    now.addAndGet(10 * MS);
    bar.update(30, 100); // too soon after the last redraw: skipped
    now.addAndGet(200 * MS);
    bar.update(50, 100);
    bar.close();

    String out = screen.toString();
    assertThat(out.split("\r", -1)).hasSize(4); // three draws: 25%, 50%, final
    assertThat(out).contains(" 25% ").contains(" 50% ").doesNotContain(" 30% ")
        .endsWith(" 50% 50 B / 100 B\n");
  }

  @Test
  void finishingUpdateIsAlwaysDrawn() {
    ProgressBar bar = bar(true);
    now.addAndGet(1_100 * MS);
    bar.update(25, 100);
    now.addAndGet(1 * MS);
    bar.update(100, 100);

    assertThat(screen.toString()).contains("100%");
  }

  @Test
  void withoutRedrawOnlyTheFinalLineOfASlowOperationIsPrinted() {
    ProgressBar bar = bar(false);
    now.addAndGet(1_500 * MS);
    bar.update(40, 100);
    now.addAndGet(500 * MS);
    bar.update(80, 100);
    bar.close();
    bar.close();

    assertThat(screen.toString()).isEqualTo(ProgressBar.render("saving", 80, 100, 60) + "\n");
  }
}
