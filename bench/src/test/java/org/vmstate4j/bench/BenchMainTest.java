package org.vmstate4j.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The runs of each mode, and the targets' verdicts: a ratio is judged with its error, not alone. */
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

  private static BenchArgs args(String... a) {
    BenchArgs b = new BenchArgs();
    new CommandLine(b).parseArgs(a);
    return b;
  }

  @Test
  void quickRunsTheSmallScenariosWithManyShortMeasurementsAndTheBufferWithLongerOnes() {
    List<BenchArgs.Plan> plans = args("--quick").plans();
    assertThat(plans).hasSize(2);
    assertThat(plans.get(0).include()).contains("NvmeBench|PitBench").contains("(?!loadFresh)");
    assertThat(plans.get(0).iterations()).isEqualTo(16);
    assertThat(plans.get(1).include()).contains("BufferBench").doesNotContain("PitBench");
    assertThat(plans.get(1).millis()).isGreaterThan(plans.get(0).millis());
    Pattern small = Pattern.compile(plans.get(0).include());
    assertThat(small.matcher("org.vmstate4j.bench.PitBench.load_vmstate4j").find()).isTrue();
    assertThat(small.matcher("org.vmstate4j.bench.PitBench.loadFresh_vmstate4j").find()).isFalse();
    assertThat(small.matcher("org.vmstate4j.bench.BufferBench.load_vmstate4j").find()).isFalse();
  }

  @Test
  void anOverrideOrTheFullModeIsOneRunOfEverything() {
    assertThat(args("--quick", "--iterations", "3").plans()).singleElement()
        .satisfies(p -> assertThat(p.iterations()).isEqualTo(3))
        .satisfies(p -> assertThat(p.include()).contains("NvmeBench|PitBench|BufferBench"));
    assertThat(args("--full").plans()).singleElement()
        .satisfies(p -> assertThat(p.millis()).isEqualTo(1000))
        .satisfies(p -> assertThat(p.include()).doesNotContain("loadFresh"));
  }
}
