package org.vmstate4j.engine.wire;

/**
 * One part of a stream and its byte span. Numbers that do not apply are -1.
 *
 * @param kind what the bytes are
 * @param offset stream offset of the first byte
 * @param length number of bytes
 * @param sectionId the section this part belongs to (-1 outside sections)
 * @param name the section idstr, the subsection name, the RAM block, the command name, or the
 *     machine type for CONFIGURATION; "" when none
 * @param instanceId instance id (START/FULL headers and their bodies)
 * @param versionId version id (START/FULL headers, subsections, the header's stream version)
 * @param flags RAM record flags ({@link RamFlags}), or the command number
 * @param address RAM page address (or total size for MEM_SIZE)
 */
public record WirePart(PartKind kind, long offset, long length, long sectionId, String name,
    long instanceId, long versionId, int flags, long address) {

  /** First byte after the part. */
  public long end() {
    return offset + length;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(kind.name()).append(" @").append(offset).append('+')
        .append(length);
    if (sectionId >= 0) {
      sb.append(" id=").append(sectionId);
    }
    if (!name.isEmpty()) {
      sb.append(" '").append(name).append('\'');
    }
    if (instanceId >= 0) {
      sb.append(" instance=").append(instanceId);
    }
    if (versionId >= 0) {
      sb.append(" version=").append(versionId);
    }
    if (kind == PartKind.RAM_RECORD) {
      sb.append(' ').append(RamFlags.names(flags)).append(String.format(" 0x%x", address));
    } else if (kind == PartKind.COMMAND) {
      sb.append(" cmd=").append(flags);
    }
    return sb.toString();
  }
}
