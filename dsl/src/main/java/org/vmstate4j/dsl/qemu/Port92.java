package org.vmstate4j.dsl.qemu;

import static org.vmstate4j.dsl.VmsdDsl.field;
import static org.vmstate4j.dsl.VmsdDsl.vmsd;

import org.vmstate4j.engine.model.VmStateDescription;

/**
 * The system control port A at I/O port 0x92 (A20 gate and fast reset), VMSD {@code "port92"}
 * version 1 (minimum 1), id string {@code "port92"}.
 */
public final class Port92 {
  /** uint8. */
  public int outport;

  public static final VmStateDescription VMSD = vmsd("port92", Port92.class)
      .version(1)
      .fields(field("outport").uint8())
      .build();
}
