package org.vmstate4j.engine.analyze;

import org.jspecify.annotations.Nullable;

/**
 * One top-level item of a stream, in stream order, with its byte offsets.
 *
 * <p>Numbers that do not apply to the kind are {@link #ABSENT}: only START and FULL carry
 * {@code instanceId} and {@code versionId}; CONFIGURATION, COMMAND and EOF have no section id; EOF
 * has only its header offset; {@code footerOffset} is absent when the section had no footer.
 *
 * @param kind the item's type byte
 * @param sectionId section id, for START/PART/END/FULL
 * @param idstr section idstr (PART and END repeat their START's), or for COMMAND the command name
 * @param instanceId instance id, for START/FULL
 * @param versionId version id, for START/FULL
 * @param headerOffset offset of the type byte
 * @param dataOffset first byte after the header
 * @param dataEnd first byte after the data
 * @param footerOffset offset of the 0x7e footer byte
 * @param value what the section decoded to; for an iterative section the value after all of its
 *     parts, shared by its START/PART/END items; null for COMMAND and EOF
 */
public record StreamItem(
    ItemKind kind,
    long sectionId,
    @Nullable String idstr,
    long instanceId,
    long versionId,
    long headerOffset,
    long dataOffset,
    long dataEnd,
    long footerOffset,
    @Nullable DecodedValue value) {

  /** Marks a number that does not apply to the item's kind. */
  public static final long ABSENT = -1;
}
