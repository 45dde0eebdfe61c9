package org.vmstate4j.engine.stream;

/** The kinds of device sections of a stream, with their type bytes. */
public enum SectionType {
  /** First section of an iterative device (e.g. RAM): full header. */
  START(0x01),
  /** Middle section of an iterative device: section id only. */
  PART(0x02),
  /** Last section of an iterative device: section id only. */
  END(0x03),
  /** The whole state of a device: full header. */
  FULL(0x04);

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
