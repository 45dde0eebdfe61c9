package org.vmstate4j.qemu;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The arguments that define a guest's hardware, given alike to a source and to its destination
 * (QEMU loads a stream only into the same machine). {@link QemuProcess} adds the rest
 * (display, QMP socket, {@code -S}, {@code -incoming}).
 *
 * <pre>{@code
 * Machine m = Machine.pc().withSerial();                  // -M pc -nodefaults -m 16 ...
 * Machine big = Machine.pc().memory(1024).withLoader(randomFile, 0x1000000);
 * }</pre>
 *
 * @param args the arguments, in order
 */
public record Machine(List<String> args) {
  public Machine {
    args = List.copyOf(args);
    for (String a : args) {
      Objects.requireNonNull(a, "argument");
    }
  }

  /** Any arguments. */
  public static Machine of(String... args) {
    return new Machine(Arrays.asList(args));
  }

  /**
   * {@code -M pc -nodefaults -m 16 -accel tcg}: i440FX ({@code pc-i440fx-7.2} on QEMU 7.2), no
   * default devices, 16 MiB; TCG so that the CPU state does not depend on the host.
   */
  public static Machine pc() {
    return of("-M", "pc", "-nodefaults", "-m", "16", "-accel", "tcg");
  }

  /** {@code -M q35 -nodefaults -m 16 -accel tcg} ({@code pc-q35-7.2} on QEMU 7.2). */
  public static Machine q35() {
    return of("-M", "q35", "-nodefaults", "-m", "16", "-accel", "tcg");
  }

  /** These arguments followed by {@code more}. */
  public Machine with(String... more) {
    List<String> all = new ArrayList<>(args);
    all.addAll(Arrays.asList(more));
    return new Machine(all);
  }

  /**
   * Adds COM1 ({@code isa-serial} at 0x3f8, backed by a null chardev): a {@code serial}
   * section, and the BIOS writes the port's address (f8 03) to RAM at 0x400.
   */
  public Machine withSerial() {
    return with("-chardev", "null,id=serial0", "-device", "isa-serial,chardev=serial0");
  }

  /** The same machine with {@code -m MIB} (replacing an earlier {@code -m}). */
  public Machine memory(int mib) {
    if (mib <= 0) {
      throw new IllegalArgumentException("memory must be positive: " + mib + " MiB");
    }
    List<String> all = new ArrayList<>(args);
    int i = all.indexOf("-m");
    if (i >= 0 && i + 1 < all.size()) {
      all.set(i + 1, Integer.toString(mib));
    } else {
      all.add("-m");
      all.add(Integer.toString(mib));
    }
    return new Machine(all);
  }

  /**
   * Loads {@code file} into guest RAM at {@code address} before the guest starts
   * ({@code -device loader,file=...,addr=...,force-raw=on}): RAM that holds real pages.
   */
  public Machine withLoader(Path file, long address) {
    String path = file.toAbsolutePath().toString();
    if (path.contains(",")) {
      throw new IllegalArgumentException("QEMU option values cannot hold ',': " + path);
    }
    return with("-device", "loader,file=" + path + ",addr=0x" + Long.toHexString(address)
        + ",force-raw=on");
  }

  /** The value of {@code -M} / {@code -machine} up to its first option, or null. */
  public @Nullable String machineType() {
    for (int i = 0; i + 1 < args.size(); i++) {
      if (args.get(i).equals("-M") || args.get(i).equals("-machine")) {
        String v = args.get(i + 1);
        int comma = v.indexOf(',');
        return comma < 0 ? v : v.substring(0, comma);
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return String.join(" ", args);
  }
}
