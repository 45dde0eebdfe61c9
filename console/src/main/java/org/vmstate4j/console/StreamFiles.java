package org.vmstate4j.console;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.wire.WireFormat;

/** Whether a file is a migration stream at all, before a tool reads it as one. */
final class StreamFiles {
  private StreamFiles() {}

  /** What a stream starts with, for messages about files that are not streams. */
  static final String MAGIC = String.format("QEMU's magic QEVM (%08x)", WireFormat.MAGIC);

  /**
   * What {@code file} starts with when that is not QEMU's magic ({@code "starts with
   * 2320766d"}, {@code "holds 2 bytes"}), or null when it starts as a migration stream does.
   *
   * @throws java.nio.file.NoSuchFileException when there is no such file
   */
  static @Nullable String notAStream(Path file) throws IOException {
    byte[] head;
    try (InputStream in = Files.newInputStream(file)) {
      head = in.readNBytes(4);
    }
    if (head.length == 4 && ByteBuffer.wrap(head).getInt() == WireFormat.MAGIC) {
      return null;
    }
    return head.length < 4 ? "holds " + head.length + " byte(s)"
        : "starts with " + HexFormat.of().formatHex(head);
  }

  /** The message for one file that is not a stream: {@code x is not a migration stream: ...}. */
  static String notAStreamMessage(Path file, String what) {
    return file + " is not a migration stream: it " + what + ", not " + MAGIC;
  }
}
