package org.vmstate4j.dsl.qemu;

import static org.vmstate4j.dsl.VmsdDsl.field;
import static org.vmstate4j.dsl.VmsdDsl.vmsd;

import org.vmstate4j.engine.model.VmStateDescription;

/**
 * Whether the firmware has already fetched (patched) the ACPI tables, VMSD
 * {@code "acpi_build"} version 1 (minimum 1), id string {@code "acpi_build"}.
 */
public final class AcpiBuild {
  /** uint8. */
  public int patched;

  public static final VmStateDescription VMSD = vmsd("acpi_build", AcpiBuild.class)
      .version(1)
      .fields(field("patched").uint8())
      .build();
}
