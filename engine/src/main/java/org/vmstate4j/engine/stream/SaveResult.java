package org.vmstate4j.engine.stream;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a save wrote.
 *
 * @param sections the FULL sections written, in stream order
 * @param notNeeded devices skipped because their description's needed() said no
 * @param bytes total bytes written
 * @param vmdesc the JSON description appended after EOF, or null when disabled
 */
public record SaveResult(
    List<SectionInfo> sections,
    List<Registry.Entry> notNeeded,
    long bytes,
    @Nullable String vmdesc) {
  public SaveResult {
    sections = List.copyOf(sections);
    notNeeded = List.copyOf(notNeeded);
  }
}
