package org.vmstate4j.engine.live;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.vmstate4j.engine.wire.LiveWalk;
import org.vmstate4j.engine.wire.RamFlags;

/**
 * A stream file with the same device state as a received stream but none of its RAM pages: the
 * header, the configuration and the {@code ram} START section up to its block list (closed with
 * an EOS record and its footer), then the received tail (device sections, EOF, the JSON
 * description). {@code analyze} prints the same for it as for the whole stream, since RAM adds
 * only its block sizes; registries load from it, and edits are resolved on it.
 *
 * <p>Only the first bytes of the stream, up to the block list, are held while receiving.
 */
final class CompactCopy {
  /** More than this before the RAM block list is not a QEMU stream. */
  static final int MAX_HEAD = 16 << 20;

  private final StreamTracker tracker;
  private final ByteArrayOutputStream head = new ByteArrayOutputStream(4096);
  private long tailStart = -1;
  private long streamTail = -1;

  CompactCopy(StreamTracker tracker) {
    this.tracker = tracker;
  }

  /** Takes the next bytes of the live part of the stream, in order from offset 0. */
  void take(ByteBuffer data, long offset) {
    long limit = tracker.blockListEnd();
    if ((limit >= 0 && offset >= limit) || offset != head.size()) {
      return;
    }
    int n = data.remaining();
    if (limit >= 0) {
      n = (int) Math.min(n, limit - offset);
    }
    if (head.size() + (long) n > MAX_HEAD) {
      n = MAX_HEAD - head.size();
    }
    ByteBuffer d = data.duplicate();
    byte[] chunk = new byte[n];
    d.get(chunk);
    head.write(chunk, 0, n);
  }

  /** Writes the copy to {@code out}: the kept head, then the tail file of {@code walk}. */
  void write(Path tail, LiveWalk walk, Path out) throws IOException {
    byte[] kept = head.toByteArray();
    long limit = tracker.blockListEnd();
    ByteBuffer prefix;
    if (tracker.ramId() >= 0 && limit >= 0 && limit <= kept.length) {
      boolean footer = tracker.ramStartFooter();
      prefix = ByteBuffer.allocate((int) limit + 8 + (footer ? 5 : 0));
      prefix.put(kept, 0, (int) limit);
      prefix.putLong(RamFlags.EOS); // at address 0
      if (footer) {
        prefix.put((byte) 0x7e).putInt((int) tracker.ramId());
      }
      prefix.flip();
    } else if (kept.length >= walk.tailOffset()) {
      prefix = ByteBuffer.wrap(kept, 0, (int) walk.tailOffset());
    } else {
      throw new LiveMigrationException("the stream has more than " + (MAX_HEAD >> 20)
          + " MiB before its first device section and no RAM block list", walk.tailOffset(),
          tracker.lastSection(), null);
    }
    try (FileChannel o = FileChannel.open(out, StandardOpenOption.CREATE,
        StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        FileChannel t = FileChannel.open(tail, StandardOpenOption.READ)) {
      while (prefix.hasRemaining()) {
        o.write(prefix);
      }
      tailStart = o.position();
      long size = t.size();
      long done = 0;
      while (done < size) {
        done += t.transferTo(done, size - done, o);
      }
    }
    streamTail = walk.tailOffset();
  }

  /** The stream offset of a byte of the copy. */
  long streamOffset(long copyOffset) {
    return copyOffset >= tailStart ? streamTail + copyOffset - tailStart : copyOffset;
  }

  /** Where the received tail starts in the copy. */
  long tailStart() {
    return tailStart;
  }
}
