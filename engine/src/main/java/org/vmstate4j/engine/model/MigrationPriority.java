package org.vmstate4j.engine.model;

/** QEMU's MigrationPriority: devices are saved in descending priority, then registration order. */
public enum MigrationPriority {
  UNINITIALIZED,
  LOW,
  DEFAULT,
  IOMMU,
  PCI_BUS,
  VIRTIO_MEM,
  APIC,
  GICV3_ITS,
  GICV3,
  MAX;

  /** Priority used for ordering (UNINITIALIZED counts as DEFAULT). */
  public int effective() {
    return this == UNINITIALIZED ? DEFAULT.ordinal() : ordinal();
  }
}
