package org.vmstate4j.dsl.qemu;

import static org.vmstate4j.dsl.VmsdDsl.field;
import static org.vmstate4j.dsl.VmsdDsl.vmsd;

import org.vmstate4j.engine.model.VmStateDescription;

/**
 * An ISA serial port (isa-serial), VMSD {@code "serial"} version 3 (minimum 2), id string
 * {@code "serial"} with one instance per port: a single struct field {@code state} holding the
 * UART ({@link Serial}, itself VMSD {@code "serial"} v3).
 */
public final class IsaSerial {
  public Serial state = new Serial();

  public static final VmStateDescription VMSD = vmsd("serial", IsaSerial.class)
      .version(3)
      .minimumVersion(2)
      .fields(field("state").struct(Serial.VMSD))
      .build();
}
