package org.vmstate4j.dsl.qemu;

import static org.vmstate4j.dsl.VmsdDsl.field;
import static org.vmstate4j.dsl.VmsdDsl.vmsd;

import org.vmstate4j.engine.model.VmStateDescription;

/**
 * A PCI bus's interrupt line counters, VMSD {@code "PCIBUS"} version 1 (minimum 1), id string
 * {@code "PCIBUS"}: {@code nirq} must match the destination's, then {@code nirq} int32 counters.
 * The root bus of pc-i440fx has 4 lines, that of pc-q35 8 (PIRQ A to H); {@link #forMachine}
 * picks the count from a machine type.
 */
public final class PciBus {
  /** Interrupt lines of the i440FX root bus. */
  public static final int I440FX_LINES = 4;
  /** Interrupt lines of the q35 root bus. */
  public static final int Q35_LINES = 8;

  /** int32, checked for equality on load. */
  public int nirq;
  public int[] irqCount;

  /** A bus with 4 interrupt lines, as the i440FX root bus. */
  public PciBus() {
    this(I440FX_LINES);
  }

  public PciBus(int nirq) {
    this.nirq = nirq;
    this.irqCount = new int[nirq];
  }

  /**
   * The root bus of {@code machineType} as a stream's configuration section names it: 8 lines
   * for q35 ({@code pc-q35-7.2}, {@code q35}), else 4 as i440FX.
   */
  public static PciBus forMachine(String machineType) {
    boolean q35 = machineType.equals("q35") || machineType.startsWith("pc-q35-");
    return new PciBus(q35 ? Q35_LINES : I440FX_LINES);
  }

  public static final VmStateDescription VMSD = vmsd("PCIBUS", PciBus.class)
      .version(1)
      .fields(
          field("nirq").int32Equal(),
          field("irq_count").varrayInt32("nirq").pointer().int32())
      .build();
}
