package org.vmstate4j.engine.live;

import java.time.Duration;
import java.util.List;
import org.vmstate4j.engine.edit.FieldEdit;

/**
 * A stream that was sent.
 *
 * @param bytes bytes written to the destination
 * @param edits the generic edits applied, with the stream offsets they changed
 * @param destinationClosed whether the destination closed the connection after reading the
 *     whole stream within the wait (QEMU does once it has loaded it, successfully or not)
 * @param time from connecting to the end of the wait
 */
public record SendResult(long bytes, List<FieldEdit> edits, boolean destinationClosed,
    Duration time) {
  public SendResult {
    edits = List.copyOf(edits);
  }
}
