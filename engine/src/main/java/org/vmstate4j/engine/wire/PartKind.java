package org.vmstate4j.engine.wire;

/** What the bytes of a {@link WirePart} are. */
public enum PartKind {
  /** Magic {@code QEVM} and the be32 stream version. */
  HEADER,
  /** The configuration section: 0x07, be32 length, machine type (its subsections follow). */
  CONFIGURATION,
  /** A subsection: 0x05, counted name, be32 version (its body is reported as the next part). */
  SUBSECTION,
  /** The body of a configuration subsection. */
  SUBSECTION_BODY,
  /** A START section header: type, be32 id, counted idstr, be32 instance, be32 version. */
  SECTION_START,
  /** A PART section header: type, be32 id. */
  SECTION_PART,
  /** An END section header: type, be32 id. */
  SECTION_END,
  /** A FULL section header: as START. */
  SECTION_FULL,
  /**
   * One RAM record: be64 address|flags, the block name unless CONTINUE, and its data (a page, a
   * fill byte, ...). For MEM_SIZE only the be64 word: the blocks follow as RAM_BLOCK parts.
   */
  RAM_RECORD,
  /**
   * One block of a MEM_SIZE block list: counted name, be64 used length (in {@code address}), the
   * block's be64 guest address with x-ignore-shared, its MappedRamHeader with mapped-ram.
   */
  RAM_BLOCK,
  /** The bitmap and pages a mapped-ram block header points at (QEMU 9+ file migration). */
  MAPPED_RAM,
  /**
   * Bytes of a device section's main fields (up to its first subsection or its end). Its
   * subsections follow as SUBSECTION + DEVICE_FIELDS parts.
   */
  DEVICE_FIELDS,
  /** A device section body read by the walker's caller ({@link WireVisitor#body}). */
  DEVICE_BODY,
  /** A section body the stream's description does not cover, delimited by its footer. */
  OPAQUE_BODY,
  /**
   * A section footer: 0x7e, be32 section id (the id read is in {@code address}; the walker
   * fails after reporting a footer whose id is not its section's).
   */
  FOOTER,
  /** A command: 0x08, be16 command, be16 length, data. */
  COMMAND,
  /** The EOF byte 0x00. */
  EOF,
  /**
   * The JSON description: 0x06, be32 length (in {@code address}), JSON; shorter than that length
   * when the stream ends first.
   */
  VMDESC,
  /** Bytes after EOF that are not the JSON description, or that follow it. */
  TRAILER
}
