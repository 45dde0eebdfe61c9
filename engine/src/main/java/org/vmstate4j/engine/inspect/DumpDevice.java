package org.vmstate4j.engine.inspect;

import org.jspecify.annotations.Nullable;

/**
 * One device type of a {@code -dump-vmstate} file: the section-level versions QEMU lists next to
 * the device type, and its description.
 *
 * @param type the device type (QOM type name, the member's key)
 * @param versionId the section-level {@code version_id}
 * @param minimumVersionId the section-level {@code minimum_version_id}
 * @param description the {@code Description} member, or null when the file has none
 */
public record DumpDevice(
    String type, int versionId, int minimumVersionId, @Nullable CompatDescription description) {

  /** A device type whose section-level versions are its description's. */
  public static DumpDevice of(String type, CompatDescription d) {
    return new DumpDevice(type, d.versionId(), d.minimumVersionId(), d);
  }
}
