package org.vmstate4j.engine.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Keeps the old contents of a ByteBuffer region for the undo journal: in memory when small,
 * in a temporary file when large, so that big off-heap buffers stay out of the heap.
 */
final class ByteBufferUndo {
  private static final int IN_MEMORY_LIMIT = 16 << 20;

  private ByteBufferUndo() {}

  static Runnable save(ByteBuffer target, int size) {
    if (size <= IN_MEMORY_LIMIT) {
      byte[] old = new byte[size];
      target.get(0, old, 0, size);
      return () -> target.put(0, old, 0, size);
    }
    try {
      Path tmp = Files.createTempFile("vmstate4j-undo", ".bin");
      tmp.toFile().deleteOnExit();
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ByteBuffer view = target.duplicate();
        view.position(0).limit(size);
        while (view.hasRemaining()) {
          ch.write(view);
        }
      }
      return () -> {
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.READ,
            StandardOpenOption.DELETE_ON_CLOSE)) {
          ByteBuffer view = target.duplicate();
          view.position(0).limit(size);
          while (view.hasRemaining()) {
            if (ch.read(view) < 0) {
              break;
            }
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      };
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
