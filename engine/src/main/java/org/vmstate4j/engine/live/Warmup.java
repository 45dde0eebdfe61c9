package org.vmstate4j.engine.live;

import java.nio.charset.StandardCharsets;
import org.vmstate4j.engine.wire.VmDescription;

/**
 * Initialises the JSON parser while a port waits for its connection: its first use costs
 * hundreds of milliseconds of class loading, which would otherwise fall between the stream's
 * last byte and the result.
 */
final class Warmup {
  private static volatile boolean started;

  private Warmup() {}

  static void start() {
    if (started) {
      return;
    }
    started = true;
    Thread t = new Thread(() -> {
      try {
        VmDescription.parse("{\"page_size\":4096,\"devices\":[]}"
            .getBytes(StandardCharsets.US_ASCII), 0);
      } catch (RuntimeException e) {
        // only a head start: the real parse reports its own errors
      }
    }, "vmstate4j-warmup");
    t.setDaemon(true);
    t.start();
  }
}
