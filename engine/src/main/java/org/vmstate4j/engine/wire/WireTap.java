package org.vmstate4j.engine.wire;

import java.nio.ByteBuffer;

/**
 * Receives the bytes of a stream as a walk consumes them: in stream order, each byte once, in
 * chunks as large as the walker's buffer allows. A program between a migration source and a
 * destination forwards or records them here without a second copy of the stream.
 */
@FunctionalInterface
public interface WireTap {
  /**
   * Takes the bytes from {@code data}'s position to its limit, the first at stream offset
   * {@code offset}. The buffer is reused after the call returns: copy or write it out before.
   * Unchecked exceptions end the walk and propagate out of it.
   */
  void bytes(ByteBuffer data, long offset);
}
