package org.vmstate4j.engine.live;

import java.nio.file.Path;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.analyze.AnalyzedStream;
import org.vmstate4j.engine.analyze.DecodedValue;
import org.vmstate4j.engine.stream.LoadResult;

/**
 * A complete migration stream that was received and decoded.
 *
 * @param bytes the stream's length
 * @param ramPages RAM pages received, counting resent pages each time
 * @param ramPasses RAM sections received (START, PARTs, END)
 * @param deviceOffset stream offset of the first device section: what came before it was
 *     passed on as it arrived, the rest waited on disk for the JSON description
 * @param machineType the configuration section's machine type, e.g. {@code pc-i440fx-7.2}; null
 *     when the stream has none
 * @param analysis the stream decoded as {@code analyze} decodes a stream file. Decoded values
 *     carry offsets into a copy of the stream without RAM pages: add
 *     {@code deviceOffset - analysisShift} to those of device sections for stream offsets
 * @param analysisShift see {@code analysis}
 * @param loaded what loading the registry's devices did; null when no registry was given
 * @param recorded the file the stream was written to; null when it was not kept
 * @param timings where the time went
 */
public record ReceiveResult(long bytes, long ramPages, int ramPasses, long deviceOffset,
    @Nullable String machineType, AnalyzedStream analysis, long analysisShift,
    @Nullable LoadResult loaded, @Nullable Path recorded, MigrationTimings timings) {

  /** The decoded sections, keyed as {@code analyze} keys them ({@code "serial (39)"}). */
  public Map<String, DecodedValue> devices() {
    return analysis.state();
  }

  /** Exactly what {@code analyze FILE} prints for the same stream written to a file. */
  public String dumpState() {
    return analysis.dumpState();
  }

  /** Exactly what {@code analyze FILE --dump desc} prints for the same stream. */
  public String dumpDesc() {
    return analysis.dumpDesc();
  }

  /** One line: bytes, pages, passes, machine type and timings. */
  public String summary() {
    return String.format("received %d bytes (%d RAM pages in %d RAM sections, devices from byte"
        + " %d)%s; %s", bytes, ramPages, ramPasses, deviceOffset,
        machineType == null ? "" : ", machine " + machineType, timings);
  }
}
