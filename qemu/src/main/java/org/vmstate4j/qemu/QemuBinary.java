package org.vmstate4j.qemu;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where {@code qemu-system-x86_64} is: the system property {@value #PROPERTY} or the environment
 * variable {@value #ENV} when set, else the first match on {@code PATH}, {@code /usr/bin} and
 * {@code /usr/local/bin}.
 */
public final class QemuBinary {
  /** The executable's name. */
  public static final String NAME = "qemu-system-x86_64";
  /** System property naming the executable to use. */
  public static final String PROPERTY = "vmstate4j.qemu";
  /** Environment variable naming the executable to use. */
  public static final String ENV = "VMSTATE4J_QEMU";
  /** What {@link #require()} says when there is none. */
  public static final String MISSING = NAME + " is missing: install qemu-system-x86"
      + " (Debian/Ubuntu: apt-get install -y --no-install-recommends qemu-system-x86;"
      + " Fedora: dnf install qemu-system-x86-core) or set " + ENV + " to its path";

  private QemuBinary() {}

  /** The executable, if one is installed. */
  public static Optional<Path> find() {
    String given = System.getProperty(PROPERTY);
    if (given == null || given.isBlank()) {
      given = System.getenv(ENV);
    }
    if (given != null && !given.isBlank()) {
      Path p = Path.of(given);
      return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
    }
    List<String> dirs = new ArrayList<>();
    String path = System.getenv("PATH");
    if (path != null) {
      dirs.addAll(List.of(path.split(File.pathSeparator)));
    }
    dirs.add("/usr/bin");
    dirs.add("/usr/local/bin");
    for (String d : dirs) {
      if (d.isEmpty()) {
        continue;
      }
      Path p = Path.of(d, NAME);
      if (Files.isRegularFile(p) && Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** The executable; fails with {@link #MISSING} when there is none. */
  public static Path require() {
    return find().orElseThrow(() -> new QemuException(MISSING));
  }

  /** Whether an executable is installed. */
  public static boolean installed() {
    return find().isPresent();
  }
}
