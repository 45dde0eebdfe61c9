package org.vmstate4j.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/** Files of incompressible bytes, the same for every run (seed 42), to fill guest memory with. */
final class RandomFile {
  private RandomFile() {}

  /** Writes {@code bytes} pseudo-random bytes to {@code file}, replacing it. */
  static void write(Path file, long bytes) throws IOException {
    SplittableRandom random = new SplittableRandom(42);
    byte[] chunk = new byte[1 << 20];
    try (OutputStream out = Files.newOutputStream(file)) {
      for (long done = 0; done < bytes; done += chunk.length) {
        random.nextBytes(chunk);
        out.write(chunk, 0, (int) Math.min(chunk.length, bytes - done));
      }
    }
  }
}
