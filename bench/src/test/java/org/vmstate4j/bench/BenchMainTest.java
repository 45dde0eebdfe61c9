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
  void quickRunsTheSmallScenariosWithShortMeasurementsAndTheBufferWithLongerOnes() {
    List<BenchArgs.Plan> plans = args("--quick").plans();
    assertThat(plans).hasSize(2);
    assertThat(plans.get(0).include()).contains("NvmeBench|PitBench").contains("(?!loadFresh)");
    assertThat(plans.get(0).iterations()).isEqualTo(8);
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

  @Test
  void theQuickModeJudgesTheHandWrittenTargetsSideBySideUnlessAskedNotTo() {
    assertThat(args("--quick").paired()).isTrue();
    assertThat(args().paired()).isTrue();
    assertThat(args("--quick", "--no-paired").paired()).isFalse();
    assertThat(args("--full").paired()).isFalse();
    assertThat(args("--include", "Pit.*load").paired()).isFalse();
  }

  @Test
  void pairedVerdictsAreReadFromPairedMainsOutput() {
    List<BenchTargets.Target> t = PairedRun.targets(List.of(
        "pit-varray  save vmstate4j              1.60 ms    2.14 ms   0.94x   0.98x",
        "  PASS  pit-varray  save vmstate4j <= 1.3x hand                 0.98x [0.92-1.02]",
        "  MISS  pit-varray  load vmstate4j <= 1.3x hand                 1.85x [1.69-1.87]",
        "  NOISY nvme-lite   fresh vmstate4j faster than Kryo            1.01x [0.90-1.10]"));
    assertThat(t).extracting(BenchTargets.Target::verdict).containsExactly("PASS", "MISS",
        "NOISY");
    assertThat(t.get(0).target()).isEqualTo("pit-varray save vmstate4j <= 1.3x hand");
    assertThat(t.get(1).value()).isEqualTo("1.85x [1.69-1.87]");
    assertThat(t.get(2).target()).isEqualTo("nvme-lite fresh vmstate4j faster than Kryo");
  }
}
