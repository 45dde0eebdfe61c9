package org.vmstate4j.engine.inspect;

/**
 * One line of an explained stream: where it is, what it is and what it says.
 *
 * @param offset stream offset of the first byte
 * @param length number of bytes (0 for a field the loader skipped)
 * @param kind what the bytes are
 * @param path where the item sits, e.g. {@code nvme-lite/sq[2]/head}; the section id string
 *     for section headers and footers
 * @param codec QEMU's type name ({@code uint32}, {@code ptr-marker}, ...) or the framing element
 *     ({@code section-full}, {@code footer}, {@code subsection}, ...)
 * @param hex the bytes in hex, cut after 16 bytes ({@code ...} marks the cut)
 * @param value the decoded value or a short description
 */
public record ExplainItem(
    long offset, long length, Kind kind, String path, String codec, String hex, String value) {

  /** What an item is. */
  public enum Kind {
    /** Magic and stream version. */
    HEADER,
    /** The configuration section and its members. */
    CONFIGURATION,
    /** A START, PART, END or FULL section header. */
    SECTION,
    /** A subsection header (0x05, name, version). */
    SUBSECTION,
    /** The value of one field element. */
    FIELD,
    /** A NULL/VALID pointer marker. */
    MARKER,
    /** Bytes a codec adds around nested elements (queue element flags). */
    FRAMING,
    /** A field the loader did not read at this version (no bytes). */
    ABSENT,
    /** RAM page records and block lists, summarised. */
    RAM,
    /** A section body read by another description than the view's (not registered). */
    NOTE,
    /** A section footer. */
    FOOTER,
    /** A QEMU_VM_COMMAND. */
    COMMAND,
    /** The EOF byte. */
    EOF,
    /** The JSON description after EOF. */
    VMDESC
  }

  /** First byte after the item. */
  public long end() {
    return offset + length;
  }

  /** Whether the item carries device state (a field value or a pointer marker). */
  public boolean isState() {
    return kind == Kind.FIELD || kind == Kind.MARKER;
  }
}
