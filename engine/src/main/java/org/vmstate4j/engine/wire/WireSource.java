package org.vmstate4j.engine.wire;

import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.VmStateLoadException;
import org.vmstate4j.engine.io.VmInput;

/**
 * Where the walker reads from, with the stream offset of every byte: a file through a direct
 * buffer ({@link FileSource}), or a {@link VmInput} over an InputStream or an array
 * ({@link VmSource}). Running out of bytes is {@code "unexpected end of stream"} with the offset
 * of what could not be read whole, as {@link VmInput} says it.
 */
abstract class WireSource {
  /** Look-ahead guaranteed by {@link #peek}, {@link #take} and {@link #findFooter}. */
  static final int LOOKAHEAD = 1 << 20;

  abstract long position();

  /** Bytes left when the end is known, else -1. */
  abstract long remaining();

  /** Where the input ends: known, or (after running out) where the bytes read so far end. */
  abstract long knownEnd();

  abstract boolean atEnd();

  /** The byte {@code ahead} positions on, or -1 past the end. */
  abstract int peek(int ahead);

  /** {@code n} bytes from {@code ahead} positions on, or null when the input ends first. */
  abstract byte @Nullable [] peekBytes(int ahead, int n);

  abstract int u8();

  abstract int u16();

  abstract int s32();

  final long u32() {
    return s32() & 0xffffffffL;
  }

  abstract long u64();

  /** QEMU's counted string: u8 length, then the bytes (as ISO-8859-1). */
  abstract String countedString();

  abstract byte[] bytes(int n);

  abstract void skip(long n);

  /**
   * Consumes {@code n} (at most {@link #LOOKAHEAD}) bytes and returns them between the buffer's
   * position and limit, valid until the next read.
   */
  abstract ByteBuffer take(int n);

  /**
   * The distance to a footer for {@code sectionId} within the look-ahead: 0x7e, be32 id, then a
   * byte that can start the next part (or the end). -1 when there is none.
   */
  abstract int findFooter(long sectionId);

  /** Consumes everything left; returns how many bytes that was. */
  abstract long drain();

  /** The next {@code n} bytes, or null (consuming what there was) when the input ends first. */
  abstract byte @Nullable [] readAvailable(long n);

  /** An input for a visitor that reads a body, starting here. */
  abstract VmInput body();

  /** Goes on after what the visitor read from {@link #body()}. */
  abstract void bodyDone(VmInput in);

  static VmStateLoadException truncated(long at, long wanted, long had) {
    return new VmStateLoadException("unexpected end of stream", at, wanted + " more bytes",
        had + " bytes");
  }

  /** Whether the footer candidate at {@code b[i]} is one for {@code sectionId}. */
  static boolean footerAt(long id, long sectionId, int next) {
    return id == sectionId && (next <= WireFormat.SECTION_FULL || next == WireFormat.COMMAND);
  }
}
