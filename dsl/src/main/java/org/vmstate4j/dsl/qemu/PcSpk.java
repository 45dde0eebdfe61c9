package org.vmstate4j.dsl.qemu;

import static org.vmstate4j.dsl.VmsdDsl.field;
import static org.vmstate4j.dsl.VmsdDsl.vmsd;

import org.vmstate4j.engine.model.VmStateDescription;

/**
 * The PC speaker (isa-pcspk), VMSD {@code "pcspk"} version 1 (minimum 1), id string
 * {@code "pcspk"}.
 */
public final class PcSpk {
  /** uint8. */
  public int dataOn;
  /** uint8. */
  public int dummyRefreshClock;
  /** Not migrated: the device's {@code migrate} property. */
  public boolean migrate = true;

  public static final VmStateDescription VMSD = vmsd("pcspk", PcSpk.class)
      .version(1)
      .needed(s -> s.migrate)
      .fields(
          field("data_on").uint8(),
          field("dummy_refresh_clock").uint8())
      .build();
}
