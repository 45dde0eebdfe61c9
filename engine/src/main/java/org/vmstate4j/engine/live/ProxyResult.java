package org.vmstate4j.engine.live;

import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.analyze.AnalyzedStream;
import org.vmstate4j.engine.edit.FieldEdit;

/**
 * A migration that went through a proxy.
 *
 * @param received bytes received from the source
 * @param forwarded bytes sent to the destination (differs from {@code received} when a typed
 *     edit changed a section's length)
 * @param ramPages RAM pages passed through, counting resent pages each time
 * @param ramPasses RAM sections passed through (START, PARTs, END)
 * @param deviceOffset stream offset of the first device section: what came before it was
 *     forwarded as it arrived, the rest at completion, edited
 * @param machineType the configuration section's machine type; null when the stream has none
 * @param edits the generic edits applied, with the stream offsets they changed
 * @param analysis the received stream decoded as {@code analyze} does, when asked for
 * @param destinationClosed whether the destination closed the connection after the last byte
 *     within the wait (QEMU does once it has loaded the stream, successfully or not)
 * @param recorded the file the received stream was written to, or null
 * @param timings where the time went
 */
public record ProxyResult(long received, long forwarded, long ramPages, int ramPasses,
    long deviceOffset, @Nullable String machineType, List<FieldEdit> edits,
    @Nullable AnalyzedStream analysis, boolean destinationClosed, @Nullable Path recorded,
    MigrationTimings timings) {
  public ProxyResult {
    edits = List.copyOf(edits);
  }

  /** One line: bytes, pages, passes, edits and timings. */
  public String summary() {
    return String.format("forwarded %d of %d bytes (%d RAM pages in %d RAM sections, devices"
        + " from byte %d)%s, %d edit(s); %s", forwarded, received, ramPages, ramPasses,
        deviceOffset, machineType == null ? "" : ", machine " + machineType, edits.size(),
        timings);
  }
}
