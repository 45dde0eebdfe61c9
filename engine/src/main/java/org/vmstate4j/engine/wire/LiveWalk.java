package org.vmstate4j.engine.wire;

import org.jspecify.annotations.Nullable;

/**
 * Where {@link StreamWalker#walkLive} split a stream.
 *
 * @param tailOffset stream offset of the tail file's first byte: the first part that needed the
 *     JSON description (a device section, or EOF)
 * @param end stream offset after the last byte read: the stream's length
 * @param description the JSON description found at the end, or null when the stream has none
 */
public record LiveWalk(long tailOffset, long end, @Nullable VmDescription description) {
  /** Bytes in the tail file. */
  public long tailLength() {
    return end - tailOffset;
  }
}
