package org.vmstate4j.engine.stream;

import org.vmstate4j.engine.wire.WireFormat;

/** The kinds of device sections of a stream, with their type bytes. */
public enum SectionType {
  /** First section of an iterative device (e.g. RAM): full header. */
  START(WireFormat.SECTION_START),
  /** Middle section of an iterative device: section id only. */
  PART(WireFormat.SECTION_PART),
  /** Last section of an iterative device: section id only. */
  END(WireFormat.SECTION_END),
  /** The whole state of a device: full header. */
  FULL(WireFormat.SECTION_FULL);

  private final int code;

  SectionType(int code) {
    this.code = code;
  }

  /** The type byte on the wire. */
  public int code() {
    return code;
  }

  /** Whether the header carries idstr, instance id and version id. */
  public boolean hasFullHeader() {
    return this == START || this == FULL;
  }
}
