package org.vmstate4j.engine.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.jspecify.annotations.Nullable;

/**
 * Keeps the old contents of a ByteBuffer region for the undo journal: in memory when small,
 * in a temporary file when large, so that big off-heap buffers stay out of the heap. The file
 * is deleted when the step runs or when the journal lets it go after a successful load.
 */
final class ByteBufferUndo {
  private static final int IN_MEMORY_LIMIT = 16 << 20;

  private ByteBufferUndo() {}

  static Journal.Undo save(ByteBuffer target, int size) {
    if (size <= IN_MEMORY_LIMIT) {
      byte[] old = new byte[size];
      target.get(0, old, 0, size);
      return () -> target.put(0, old, 0, size);
    }
    @Nullable FileChannel ch = null;
    try {
      Path tmp = Files.createTempFile("vmstate4j-undo", ".bin");
      try {
        ch = FileChannel.open(tmp, StandardOpenOption.READ, StandardOpenOption.WRITE,
            StandardOpenOption.DELETE_ON_CLOSE);
      } finally {
        if (ch == null) {
          Files.deleteIfExists(tmp);
        }
      }
      ByteBuffer view = target.duplicate();
      view.position(0).limit(size);
      while (view.hasRemaining()) {
        ch.write(view);
      }
    } catch (IOException e) {
      close(ch);
      throw new UncheckedIOException(e);
    }
    return new FileUndo(ch, target, size);
  }

  private static void close(@Nullable FileChannel ch) {
    if (ch == null) {
      return;
    }
    try {
      ch.close();
    } catch (IOException e) {
      // the file goes with the channel; nothing else to release
    }
  }

  /** The old contents in an open temporary file, deleted when the channel closes. */
  private static final class FileUndo implements Journal.Undo {
    private final FileChannel ch;
    private final ByteBuffer target;
    private final int size;

    FileUndo(FileChannel ch, ByteBuffer target, int size) {
      this.ch = ch;
      this.target = target;
      this.size = size;
    }

    @Override
    public void run() {
      try (FileChannel c = ch) {
        ByteBuffer view = target.duplicate();
        view.position(0).limit(size);
        long at = 0;
        while (view.hasRemaining()) {
          int r = c.read(view, at);
          if (r < 0) {
            break;
          }
          at += r;
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void discard() {
      close(ch);
    }
  }
}
