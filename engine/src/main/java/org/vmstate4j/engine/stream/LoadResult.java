package org.vmstate4j.engine.stream;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a load did.
 *
 * @param machineName the machine name of the configuration section, or null without one
 * @param loaded sections loaded into registered devices, in stream order
 * @param absent registered devices that had no section in the stream
 * @param skipped sections of unregistered devices that were skipped
 * @param warnings problems that did not fail the load (e.g. a missing JSON description)
 * @param bytes bytes read up to the end of the stream (including the JSON description)
 * @param dryRun whether every change was undone again
 * @param vmdesc the stream's JSON description when it was read, else null
 */
public record LoadResult(
    @Nullable String machineName,
    List<SectionInfo> loaded,
    List<Registry.Entry> absent,
    List<Skipped> skipped,
    List<String> warnings,
    long bytes,
    boolean dryRun,
    @Nullable String vmdesc) {
  public LoadResult {
    loaded = List.copyOf(loaded);
    absent = List.copyOf(absent);
    skipped = List.copyOf(skipped);
    warnings = List.copyOf(warnings);
  }

  /**
   * A skipped section.
   *
   * @param section where it was
   * @param how how its length was found, e.g. {@code "RAM page records"}
   */
  public record Skipped(SectionInfo section, String how) {}
}
