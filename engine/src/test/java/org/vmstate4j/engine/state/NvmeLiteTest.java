package org.vmstate4j.engine.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vmstate4j.engine.testing.NvmeLiteModel.NVME_LITE;

import java.util.Arrays;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.vmstate4j.engine.VmStateLoadException;
import org.vmstate4j.engine.testing.Hex;
import org.vmstate4j.engine.testing.LoadHarness;
import org.vmstate4j.engine.testing.LoadHarness.Cut;
import org.vmstate4j.engine.testing.NvmeLiteModel;
import org.vmstate4j.engine.testing.NvmeLiteModel.Ctrl;
import org.vmstate4j.engine.testing.Readme;

/** The nvme-lite model of autoalloc-nvme-security.md §2.6, at engine level. */
class NvmeLiteTest {
  static final String SQ_BYTES = "31 0000 0000 00000003 00000003 00000020 0000000010000000"
      + " 30"
      + " 31 0002 0001 00000010 00000012 00000400 000000000007f000"
      + " 30";
  static final String CQ_BYTES =
      "31 01 0000 0001 00000003 00000003 00000000 00000020 0000000010001000"
          + " 31 00 0001 0001 000003ff 00000000 00000001 00000400 0000000000080000"
          + " 30"
          + " 30";
  static final String HEAD = "00000001 00000001 001f001f 0000000010000000 0000000010001000"
      + " 00000004";

  /** The reference's example state with cc 1; dbbuf on or off. */
  static Ctrl example(boolean dbbuf) {
    return NvmeLiteModel.example(1, dbbuf);
  }

  @Test
  void sqAndCqFieldsAreTheReferenceBytes() {
    byte[] b = VmState.save(NVME_LITE, example(false));
    assertThat(b).hasSize(32 + 52 + 62);
    assertThat(Hex.str(Arrays.copyOfRange(b, 0, 32))).isEqualTo(Hex.norm(HEAD));
    assertThat(Hex.str(Arrays.copyOfRange(b, 32, 84))).isEqualTo(Hex.norm(SQ_BYTES));
    assertThat(Hex.str(Arrays.copyOfRange(b, 84, 146))).isEqualTo(Hex.norm(CQ_BYTES));
  }

  @Test
  void roundTripWithoutDbbuf() {
    Ctrl src = example(false);
    byte[] b = VmState.save(NVME_LITE, src);
    Ctrl dst = LoadHarness.loadVector(NVME_LITE, () -> Ctrl.configured(4), 1, b);
    assertThat(dst).usingRecursiveComparison().isEqualTo(src);
    assertThat(dst.sq[1]).isNull();
    assertThat(dst.cq[3]).isNull();
  }

  @Test
  void roundTripWithDbbufSubsection() {
    Ctrl src = example(true);
    byte[] b = VmState.save(NVME_LITE, src);
    String sub = "05 0f" + Hex.str("nvme-lite/dbbuf".getBytes(java.nio.charset.StandardCharsets
        .US_ASCII)) + " 00000001 0000000020000000 0000000020001000";
    assertThat(Hex.str(b)).isEqualTo(Hex.norm(HEAD + SQ_BYTES + CQ_BYTES + sub));

    Ctrl dst = LoadHarness.loadVector(NVME_LITE, () -> Ctrl.configured(4), 1, b);
    assertThat(dst).usingRecursiveComparison().isEqualTo(src);
    assertThat(VmState.save(NVME_LITE, dst)).isEqualTo(b);
  }

  @Test
  void numQueuesMismatchIsAnEqualError() {
    byte[] b = VmState.save(NVME_LITE, example(false));
    Ctrl dst = Ctrl.configured(5);
    VmStateLoadException e = LoadHarness.loadFails(NVME_LITE, dst, 1, b);
    assertThat(e.path()).isEqualTo("nvme-lite/num_queues");
    assertThat(e.reason()).isEqualTo("5 != 4");
    assertThat(e.offset()).isEqualTo(28);
    assertThat(dst).usingRecursiveComparison().isEqualTo(Ctrl.configured(5));
  }

  @Test
  void badMarkerInSqNamesTheSlot() {
    byte[] b = VmState.save(NVME_LITE, example(false));
    b[32 + 25] = 0x32; // sq[1]
    Ctrl dst = Ctrl.configured(4);
    VmStateLoadException e = LoadHarness.loadFails(NVME_LITE, dst, 1, b);
    assertThat(e.path()).isEqualTo("nvme-lite/sq[1]");
    assertThat(e.reason()).isEqualTo("Unexpected ptr marker: 50");
    assertThat(e.offset()).isEqualTo(57);
    assertThat(dst).usingRecursiveComparison().isEqualTo(Ctrl.configured(4));
    // the README's sample error is this one
    assertThat(Readme.block("output-of NvmeLiteTest")).isEqualTo(e.getMessage() + "\n");
  }

  @Test
  void cutInsideCqNamesTheField() {
    byte[] b = Arrays.copyOf(VmState.save(NVME_LITE, example(false)), 84 + 30 + 1 + 14);
    Ctrl dst = Ctrl.configured(4);
    VmStateLoadException e = LoadHarness.loadFails(NVME_LITE, dst, 1, b);
    assertThat(e.path()).isEqualTo("nvme-lite/cq[1]/vector");
    assertThat(dst).usingRecursiveComparison().isEqualTo(Ctrl.configured(4));
  }
}
