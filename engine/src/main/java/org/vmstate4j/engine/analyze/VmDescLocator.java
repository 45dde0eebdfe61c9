package org.vmstate4j.engine.analyze;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.VmStateLoadException;

/**
 * Finds the JSON description QEMU appends after the EOF byte: {@code 0x06 | be32 length | JSON}.
 *
 * <p>First the way QEMU's script does it (last NUL byte in the last 10 MiB, then the first
 * {@code '{'}, which must be preceded by 0x06 and a length); when that guess fails, because a
 * byte of the length happens to be NUL or {@code '{'}, it falls back to the 0x06 marker whose
 * length makes the JSON end exactly at the end of the file.
 */
final class VmDescLocator {
  static final int QEMU_VM_VMDESCRIPTION = 0x06;
  private static final int TAIL = 10 * 1024 * 1024;

  /** Where the description sits: its 0x06 marker, the JSON's first byte, and the JSON bytes. */
  record Located(long markerOffset, long jsonOffset, byte[] json) {}

  private VmDescLocator() {}

  static Located locate(SeekableByteChannel channel) throws IOException {
    long size = channel.size();
    int tailLength = (int) Math.min(size, TAIL);
    long tailStart = size - tailLength;
    byte[] tail = new byte[tailLength];
    ByteBuffer buf = ByteBuffer.wrap(tail);
    channel.position(tailStart);
    while (buf.hasRemaining()) {
      if (channel.read(buf) < 0) {
        throw new IOException("file shrank while reading");
      }
    }
    @Nullable Located guess = scriptGuess(channel, tail, tailStart);
    if (guess != null) {
      return guess;
    }
    @Nullable Located exact = endingAtEof(tail, tailStart);
    if (exact != null) {
      return exact;
    }
    throw new VmStateLoadException("No Debug Migration device found", tailStart,
        "0x06 + be32 length + JSON at the end of the file", "none");
  }

  private static @Nullable Located scriptGuess(SeekableByteChannel channel, byte[] tail, long tailStart)
      throws IOException {
    int nul = lastIndexOf(tail, (byte) 0);
    if (nul < 0) {
      return null;
    }
    int brace = indexOf(tail, (byte) '{', nul);
    if (brace < 0) {
      return null;
    }
    long marker = tailStart + brace - 5;
    if (marker < 0) {
      return null;
    }
    byte[] header = new byte[5];
    if (marker >= tailStart) {
      System.arraycopy(tail, brace - 5, header, 0, 5);
    } else {
      ByteBuffer buf = ByteBuffer.wrap(header);
      channel.position(marker);
      while (buf.hasRemaining() && channel.read(buf) >= 0) {
        // keep reading: the 5 header bytes straddle the start of the tail
      }
    }
    if (header[0] != QEMU_VM_VMDESCRIPTION) {
      return null;
    }
    long length = ByteBuffer.wrap(header, 1, 4).getInt() & 0xffffffffL;
    if (brace + length > tail.length) {
      return null;
    }
    byte[] json = new byte[(int) length];
    System.arraycopy(tail, brace, json, 0, json.length);
    return new Located(marker, tailStart + brace, json);
  }

  private static @Nullable Located endingAtEof(byte[] tail, long tailStart) {
    for (int p = tail.length - 6; p >= 0; p--) {
      if (tail[p] != QEMU_VM_VMDESCRIPTION || tail[p + 5] != '{') {
        continue;
      }
      long length = ByteBuffer.wrap(tail, p + 1, 4).getInt() & 0xffffffffL;
      if (length == tail.length - (p + 5L)) {
        byte[] json = new byte[(int) length];
        System.arraycopy(tail, p + 5, json, 0, json.length);
        return new Located(tailStart + p, tailStart + p + 5, json);
      }
    }
    return null;
  }

  private static int lastIndexOf(byte[] data, byte value) {
    for (int i = data.length - 1; i >= 0; i--) {
      if (data[i] == value) {
        return i;
      }
    }
    return -1;
  }

  private static int indexOf(byte[] data, byte value, int from) {
    for (int i = from; i < data.length; i++) {
      if (data[i] == value) {
        return i;
      }
    }
    return -1;
  }
}
