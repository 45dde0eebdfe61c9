package org.vmstate4j.engine.stream;

/**
 * Where one section lies in a stream.
 *
 * @param type the section type
 * @param sectionId the section id of the header (and footer)
 * @param idstr the device's id string (for PART/END: that of the START section)
 * @param instanceId the instance id (unsigned 32-bit on the wire)
 * @param versionId the version the data was written at (PART/END: that of the START section)
 * @param headerOffset offset of the section type byte
 * @param dataOffset offset of the first data byte
 * @param dataEnd offset just after the data, i.e. of the footer
 */
public record SectionInfo(
    SectionType type,
    int sectionId,
    String idstr,
    int instanceId,
    int versionId,
    long headerOffset,
    long dataOffset,
    long dataEnd) {

  /** Data bytes of the section. */
  public long dataLength() {
    return dataEnd - dataOffset;
  }

  @Override
  public String toString() {
    return type + " '" + idstr + "' " + Integer.toUnsignedString(instanceId) + " v" + versionId
        + " (section " + sectionId + ", data @" + dataOffset + ".." + dataEnd + ")";
  }
}
