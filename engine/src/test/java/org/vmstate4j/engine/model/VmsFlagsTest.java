package org.vmstate4j.engine.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VmsFlagsTest {
  @Test
  void describeNamesEachSetFlag() {
    assertThat(VmsFlags.describe(VmsFlags.ARRAY | VmsFlags.STRUCT)).isEqualTo("ARRAY|STRUCT");
    assertThat(VmsFlags.describe(VmsFlags.VSTRUCT | VmsFlags.ARRAY_OF_POINTER_AUTO_ALLOC))
        .isEqualTo("VSTRUCT|ARRAY_OF_POINTER_AUTO_ALLOC");
    assertThat(VmsFlags.describe(0)).isEqualTo("0");
  }

  @Test
  void bitsWithoutAConstantAreShownInHex() {
    // 0x4000 is QEMU's VMS_MULTIPLY_ELEMENTS, which this engine has no constant for
    assertThat(VmsFlags.describe(VmsFlags.ALLOC | 0x4000 | VmsFlags.VSTRUCT))
        .isEqualTo("ALLOC|0x4000|VSTRUCT");
    assertThat(VmsFlags.describe(VmsFlags.END | 0x40000)).isEqualTo("END|0x40000");
  }
}
