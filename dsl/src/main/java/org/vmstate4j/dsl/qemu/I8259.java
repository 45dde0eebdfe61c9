package org.vmstate4j.dsl.qemu;

import static org.vmstate4j.dsl.VmsdDsl.field;
import static org.vmstate4j.dsl.VmsdDsl.vmsd;

import org.vmstate4j.engine.model.VmStateDescription;

/**
 * One 8259 interrupt controller (isa-i8259, pic-common), VMSD {@code "i8259"} version 1
 * (minimum 1), id string {@code "i8259"}: instance 0 is the master, instance 1 the slave.
 * Every register is a uint8.
 */
public final class I8259 {
  public int lastIrr;
  public int irr;
  public int imr;
  public int isr;
  public int priorityAdd;
  public int irqBase;
  public int readRegSelect;
  public int poll;
  public int specialMask;
  public int initState;
  public int autoEoi;
  public int rotateOnAutoEoi;
  public int specialFullyNestedMode;
  public int init4;
  public int singleMode;
  public int elcr;

  public static final VmStateDescription VMSD = vmsd("i8259", I8259.class)
      .version(1)
      .fields(
          field("last_irr").uint8(),
          field("irr").uint8(),
          field("imr").uint8(),
          field("isr").uint8(),
          field("priority_add").uint8(),
          field("irq_base").uint8(),
          field("read_reg_select").uint8(),
          field("poll").uint8(),
          field("special_mask").uint8(),
          field("init_state").uint8(),
          field("auto_eoi").uint8(),
          field("rotate_on_auto_eoi").uint8(),
          field("special_fully_nested_mode").uint8(),
          field("init4").uint8(),
          field("single_mode").uint8(),
          field("elcr").uint8())
      .build();
}
