package org.vmstate4j.qemu;

import static org.assertj.core.api.Assertions.fail;

/** Tests in this module need QEMU: without it they fail saying so, never skip. */
final class RequireQemu {
  private RequireQemu() {}

  static void installed() {
    if (!QemuBinary.installed()) {
      fail(QemuBinary.MISSING);
    }
  }
}
