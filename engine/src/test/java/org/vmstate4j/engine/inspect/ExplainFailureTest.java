package org.vmstate4j.engine.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.vmstate4j.engine.testing.NvmeLiteModel;
import org.vmstate4j.engine.testing.NvmeLiteModel.Ctrl;
import org.vmstate4j.engine.testing.Readme;

/** explain on corrupted nvme-lite streams: the last good item and the bytes around the failure. */
class ExplainFailureTest {
  private static final int SQ1_MARKER = 0x66;

  @Test
  void badMarkerInBothViews() {
    byte[] s = NvmeLiteModel.stream(NvmeLiteModel.example());
    s[SQ1_MARKER] = 0x32;
    for (Explanation x : new Explanation[] {
        Explain.of(NvmeLiteModel.registry(Ctrl.configured(4)), s), Explain.fromStream(s)}) {
      assertThat(x.ok()).isFalse();
      ExplainFailure f = x.failure().orElseThrow();
      assertThat(f.offset()).isEqualTo(SQ1_MARKER);
      assertThat(f.path()).isEqualTo("nvme-lite/sq[1]");
      assertThat(f.message()).startsWith("Unexpected ptr marker: 50");
      assertThat(f.lastGood().path()).isEqualTo("nvme-lite/sq[0]/dma_addr");
      assertThat(f.context()).containsExactly(
          "0x0056  00 00 00 03 00 00 00 20 00 00 00 00 10 00 00 00",
          "0x0066 [32]31 00 02 00 01 00 00 00 10 00 00 00 12 00 00");
      String text = x.text();
      assertThat(text).contains("!! 0x0066  nvme-lite/sq[1]: Unexpected ptr marker: 50"
          + " (expected 0x30 or 0x31, found 0x32)");
      assertThat(text).contains("   last good item: 0x005e  nvme-lite/sq[0]/dma_addr  uint64"
          + "  0000000010000000  268435456 (0x10000000)");
      assertThat(text).contains("   0x0066 [32]31 00 02");
      // items stop before the failure, then the failing marker itself is shown
      assertThat(x.items().get(x.items().size() - 1).path()).isEqualTo("nvme-lite/sq[1]");
      // the README shows how this failure ends the listing
      String failure = Readme.block("output-of ExplainFailureTest");
      assertThat(failure).startsWith("!! 0x0066").hasLineCount(5);
      assertThat(text).endsWith(failure);
    }
  }

  @Test
  void equalMismatchNamesTheFieldAndItsOffset() {
    byte[] s = NvmeLiteModel.stream(NvmeLiteModel.example());
    Explanation x = Explain.of(NvmeLiteModel.registry(Ctrl.configured(5)), s);
    ExplainFailure f = x.failure().orElseThrow();
    assertThat(f.path()).isEqualTo("nvme-lite/num_queues");
    assertThat(f.offset()).isEqualTo(0x49);
    assertThat(f.message()).isEqualTo("5 != 4 (expected 5, found 4)");
    assertThat(f.lastGood().path()).isEqualTo("nvme-lite/acq");
    assertThat(f.context().get(1)).startsWith("0x0049 [00]00 00 04 31");
    // the source view has no destination configuration to disagree with
    assertThat(Explain.fromStream(s).ok()).isTrue();
  }

  @Test
  void truncatedStreamStopsInsideTheQueue() {
    byte[] whole = NvmeLiteModel.stream(NvmeLiteModel.example());
    byte[] cut = Arrays.copyOf(whole, 0xad + 2); // two bytes into cq[1]/vector
    Explanation x = Explain.of(NvmeLiteModel.registry(Ctrl.configured(4)), cut);
    ExplainFailure f = x.failure().orElseThrow();
    assertThat(f.path()).isEqualTo("nvme-lite/cq[1]/vector");
    assertThat(f.offset()).isEqualTo(0xad);
    assertThat(f.message()).startsWith("unexpected end of stream");
    assertThat(f.lastGood().path()).isEqualTo("nvme-lite/cq[1]/tail");
    assertThat(f.context()).last().asString().endsWith("[00]00");
    // without its tail the stream has no JSON description: the source view says so
    Explanation y = Explain.fromStream(cut);
    assertThat(y.failure().orElseThrow().message()).contains("no JSON description");
    assertThat(y.items()).extracting(ExplainItem::path).contains("nvme-lite");
  }
}
