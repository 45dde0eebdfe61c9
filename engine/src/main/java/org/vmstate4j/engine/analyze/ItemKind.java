package org.vmstate4j.engine.analyze;

/** The kinds of top-level items in a migration stream, named after their QEMU_VM_* type bytes. */
public enum ItemKind {
  /** 0x07: machine type and optional subsections, without a section header. */
  CONFIGURATION,
  /** 0x01: first part of an iterative section (RAM), with the full header. */
  START,
  /** 0x02: a further part of an iterative section. */
  PART,
  /** 0x03: the last part of an iterative section. */
  END,
  /** 0x04: a complete device section. */
  FULL,
  /** 0x08: a command such as SWITCHOVER_START. */
  COMMAND,
  /** 0x00: end of the device state; the vmdesc follows. */
  EOF
}
