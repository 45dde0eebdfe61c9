package org.vmstate4j.dsl.qemu;

import static org.vmstate4j.dsl.Vmstate.field;
import static org.vmstate4j.dsl.Vmstate.vmsd;

import org.vmstate4j.engine.model.VmStateDescription;

/**
 * A PCI bus's interrupt line counters, VMSD {@code "PCIBUS"} version 1 (minimum 1), id string
 * {@code "PCIBUS"} (the root bus of pc-i440fx has 4 lines): {@code nirq} must match the
 * destination's, then {@code nirq} int32 counters.
 */
public final class PciBus {
  /** int32, checked for equality on load. */
  public int nirq;
  public int[] irqCount;

  /** A bus with 4 interrupt lines, as the i440FX root bus. */
  public PciBus() {
    this(4);
  }

  public PciBus(int nirq) {
    this.nirq = nirq;
    this.irqCount = new int[nirq];
  }

  public static final VmStateDescription VMSD = vmsd("PCIBUS", PciBus.class)
      .version(1)
      .fields(
          field("nirq").int32Equal(),
          field("irq_count").varrayInt32("nirq").pointer().int32())
      .build();
}
