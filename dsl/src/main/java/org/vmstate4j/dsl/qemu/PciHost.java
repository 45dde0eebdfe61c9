package org.vmstate4j.dsl.qemu;

import static org.vmstate4j.dsl.VmsdDsl.field;
import static org.vmstate4j.dsl.VmsdDsl.vmsd;

import org.vmstate4j.engine.model.VmStateDescription;

/**
 * A PCI host bridge's configuration address register (pci-host-bridge, i440FX-pcihost), VMSD
 * {@code "PCIHost"} version 1 (minimum 1), id string {@code "PCIHost"}.
 */
public final class PciHost {
  /** uint32: the last value written to the CONFIG_ADDRESS port. */
  public int configReg;
  /** Not migrated: the config register migration switch (a machine compatibility property). */
  public boolean migEnabled = true;

  public static final VmStateDescription VMSD = vmsd("PCIHost", PciHost.class)
      .version(1)
      .needed(h -> h.migEnabled)
      .fields(field("config_reg").uint32())
      .build();
}
