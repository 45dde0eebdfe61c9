package org.vmstate4j.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The table's target verdicts: a ratio is judged with its error, not alone. */
class BenchMainTest {
  private static BenchRow row(double ns, double err) {
    return new BenchRow("s", "load", "c", "b", ns, err, 1, 0);
  }

  @Test
  void ratioErrorCombinesRelativeErrors() {
    // 3% and 4% relative errors: 5% of the ratio 2
    assertThat(BenchTargets.ratioError(row(200, 6), row(100, 4))).isCloseTo(0.1, within(1e-9));
  }

  @Test
  void verdictNeedsTheWholeErrorBarOnOneSide() {
    assertThat(BenchTargets.verdict(1.2, 0.05, 1.3)).isEqualTo("PASS");
    assertThat(BenchTargets.verdict(1.2, 0.2, 1.3)).isEqualTo("NOISY");
    assertThat(BenchTargets.verdict(1.4, 0.2, 1.3)).isEqualTo("NOISY");
    assertThat(BenchTargets.verdict(1.6, 0.2, 1.3)).isEqualTo("MISS");
    assertThat(BenchTargets.verdict(1.6, Double.NaN, 1.3)).isEqualTo("MISS");
    assertThat(BenchTargets.verdict(1.2, Double.NaN, 1.3)).isEqualTo("PASS");
  }
}
