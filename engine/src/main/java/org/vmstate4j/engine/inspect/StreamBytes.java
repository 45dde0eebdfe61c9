package org.vmstate4j.engine.inspect;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The bytes of an explained stream by offset: a stream in memory, or a file read where needed
 * (through a small window, so items next to each other cost one read). A view reads its items'
 * bytes here while the walker reads the stream once; nothing holds the whole stream.
 */
abstract class StreamBytes {
  private static final Cleaner CLEANER = Cleaner.create();

  /** Length of the stream. */
  abstract long length();

  /** Up to {@code n} bytes from {@code off} (fewer at the end of the stream). */
  abstract byte[] read(long off, int n);

  /** The byte at {@code off}, or -1 past the end. */
  int byteAt(long off) {
    byte[] b = read(off, 1);
    return b.length == 0 ? -1 : b[0] & 0xff;
  }

  /**
   * The first offset where this stream and {@code other} differ, or -1 when they are equal
   * (the length of the shorter when it is a prefix of the other).
   */
  long mismatch(StreamBytes other) {
    long n = Math.min(length(), other.length());
    final int piece = 1 << 20;
    for (long done = 0; done < n; done += piece) {
      int k = (int) Math.min(piece, n - done);
      int m = java.util.Arrays.mismatch(read(done, k), other.read(done, k));
      if (m >= 0) {
        return done + m;
      }
    }
    return length() == other.length() ? -1 : n;
  }

  /** Keeps a file open for many reads until {@link #release()}. */
  void hold() {}

  void release() {}

  static StreamBytes of(byte[] stream) {
    return new InMemory(stream);
  }

  static StreamBytes of(Path file) throws IOException {
    return new InFile(file, Files.size(file));
  }

  /** Deletes a temporary copy of a stream once {@code owner} (which reads it) is unreachable. */
  static void deleteWhenUnreachable(Path file, Object owner) {
    CLEANER.register(owner, () -> {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        file.toFile().deleteOnExit();
      }
    });
  }

  private static final class InMemory extends StreamBytes {
    private final byte[] data;

    InMemory(byte[] data) {
      this.data = data;
    }

    @Override
    long length() {
      return data.length;
    }

    @Override
    byte[] read(long off, int n) {
      int from = (int) Math.min(Math.max(off, 0), data.length);
      int to = (int) Math.min((long) from + Math.max(n, 0), data.length);
      return Arrays.copyOfRange(data, from, to);
    }

    @Override
    int byteAt(long off) {
      return off >= 0 && off < data.length ? data[(int) off] & 0xff : -1;
    }
  }

  private static final class InFile extends StreamBytes {
    private static final int WINDOW = 1 << 16;

    private final Path file;
    private final long length;
    private @Nullable FileChannel channel;
    private int holds;
    private final byte[] window = new byte[WINDOW];
    private long windowStart = -1;
    private int windowLength;

    InFile(Path file, long length) {
      this.file = file;
      this.length = length;
    }

    @Override
    long length() {
      return length;
    }

    @Override
    synchronized void hold() {
      holds++;
    }

    @Override
    synchronized void release() {
      if (--holds <= 0) {
        holds = 0;
        close();
      }
    }

    private void close() {
      FileChannel ch = channel;
      channel = null;
      windowStart = -1;
      if (ch != null) {
        try {
          ch.close();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }

    @Override
    synchronized byte[] read(long off, int n) {
      long from = Math.min(Math.max(off, 0), length);
      int len = (int) Math.min(Math.max(n, 0), length - from);
      byte[] out = new byte[len];
      if (len == 0) {
        return out;
      }
      try {
        if (channel == null) {
          channel = FileChannel.open(file, StandardOpenOption.READ);
        }
        if (len <= WINDOW) {
          if (windowStart < 0 || from < windowStart || from + len > windowStart + windowLength) {
            windowStart = from;
            windowLength = fill(ByteBuffer.wrap(window, 0, (int) Math.min(WINDOW, length - from)),
                from);
          }
          System.arraycopy(window, (int) (from - windowStart), out, 0, len);
        } else {
          fill(ByteBuffer.wrap(out), from);
        }
        return out;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } finally {
        if (holds == 0) {
          close();
        }
      }
    }

    @Override
    long mismatch(StreamBytes other) {
      if (!(other instanceof InFile f)) {
        return super.mismatch(other);
      }
      long n = Math.min(length, f.length);
      ByteBuffer x = ByteBuffer.allocateDirect(1 << 20);
      ByteBuffer y = ByteBuffer.allocateDirect(1 << 20);
      try (FileChannel a = FileChannel.open(file, StandardOpenOption.READ);
          FileChannel b = FileChannel.open(f.file, StandardOpenOption.READ)) {
        for (long done = 0; done < n; done += x.capacity()) {
          int k = (int) Math.min(x.capacity(), n - done);
          x.clear().limit(k);
          y.clear().limit(k);
          readAll(a, x, done);
          readAll(b, y, done);
          x.flip();
          y.flip();
          int m = x.mismatch(y);
          if (m >= 0) {
            return done + m;
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return length == f.length ? -1 : n;
    }

    private static void readAll(FileChannel ch, ByteBuffer b, long at) throws IOException {
      while (b.hasRemaining()) {
        if (ch.read(b, at + b.position()) < 0) {
          throw new IOException("file shrank while it was compared");
        }
      }
    }

    private int fill(ByteBuffer b, long at) throws IOException {
      int start = b.position();
      FileChannel ch = channel;
      while (b.hasRemaining()) {
        if (ch.read(b, at + b.position() - start) < 0) {
          break;
        }
      }
      return b.position() - start;
    }
  }
}
