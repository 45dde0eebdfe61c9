package org.vmstate4j.engine.live;

import java.time.Duration;

/**
 * Where the time of a live migration went.
 *
 * @param stream from the connection to the stream's last byte
 * @param ram from the connection to the first byte of the device sections: the part that is
 *     passed on while it arrives
 * @param decode decoding, loading and editing the device sections once the stream was complete
 * @param total from the connection to the end (for a proxy, after the destination got the last
 *     byte)
 */
public record MigrationTimings(Duration stream, Duration ram, Duration decode, Duration total) {
  @Override
  public String toString() {
    return String.format("stream %d ms (RAM %d ms), decode %d ms, total %d ms", stream.toMillis(),
        ram.toMillis(), decode.toMillis(), total.toMillis());
  }
}
