package org.vmstate4j.qemu;

import java.io.ByteArrayOutputStream;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reading device and guest state through HMP commands sent with QMP's
 * {@code human-monitor-command}: I/O ports, CMOS bytes, physical memory and CPU registers.
 *
 * <pre>{@code
 * Hmp hmp = destination.hmp();
 * int scr = hmp.inb(0x3ff);          // COM1 scratch register
 * int b = hmp.cmos(0x0e);            // CMOS byte 0x0e
 * int w = hmp.xpWord(0x400);         // 0x03f8 after the BIOS ran with COM1
 * CpuRegisters cpu = hmp.registers();
 * }</pre>
 *
 * Note that {@link #cmos} writes the RTC's index port, which is device state too.
 */
public final class Hmp {
  private static final Pattern PORT = Pattern.compile("port[bwl]\\[0x[0-9a-fA-F]+\\] = 0x([0-9a-fA-F]+)");
  private static final Pattern HEX = Pattern.compile("0x([0-9a-fA-F]+)");

  private final QmpClient qmp;

  public Hmp(QmpClient qmp) {
    this.qmp = Objects.requireNonNull(qmp, "qmp");
  }

  /** Runs an HMP command line and returns its output. */
  public String command(String line) {
    return qmp.hmp(line);
  }

  /** {@code i /b PORT}: reads a byte from an I/O port. */
  public int inb(int port) {
    String out = command(String.format("i /b 0x%x", port));
    Matcher m = PORT.matcher(out);
    if (!m.find()) {
      throw new QemuException(String.format("unexpected answer to 'i /b 0x%x': %s", port, out));
    }
    return Integer.parseInt(m.group(1), 16);
  }

  /** {@code o /b PORT VALUE}: writes a byte to an I/O port. */
  public void outb(int port, int value) {
    String out = command(String.format("o /b 0x%x 0x%x", port, value & 0xff));
    if (!out.isBlank()) {
      throw new QemuException(String.format("unexpected answer to 'o /b 0x%x': %s", port, out));
    }
  }

  /** CMOS byte {@code index}: {@code o /b 0x70 INDEX} then {@code i /b 0x71}. */
  public int cmos(int index) {
    outb(0x70, index);
    return inb(0x71);
  }

  /** {@code xp /1hx ADDR}: the little-endian 16-bit word of guest physical memory at {@code address}. */
  public int xpWord(long address) {
    String out = command(String.format("xp /1hx 0x%x", address));
    int colon = out.indexOf(':');
    Matcher m = HEX.matcher(colon < 0 ? "" : out.substring(colon));
    if (!m.find()) {
      throw new QemuException(String.format("unexpected answer to 'xp /1hx 0x%x': %s", address,
          out));
    }
    return Integer.parseInt(m.group(1), 16);
  }

  /** {@code xp /Nxb ADDR}: {@code n} bytes of guest physical memory at {@code address}. */
  public byte[] xpBytes(long address, int n) {
    if (n <= 0) {
      throw new IllegalArgumentException("byte count must be positive: " + n);
    }
    String out = command(String.format("xp /%dxb 0x%x", n, address));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(n);
    for (String line : out.split("\r?\n")) {
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      Matcher m = HEX.matcher(line.substring(colon));
      while (m.find()) {
        bytes.write(Integer.parseInt(m.group(1), 16));
      }
    }
    if (bytes.size() != n) {
      throw new QemuException(String.format("'xp /%dxb 0x%x' gave %d bytes: %s", n, address,
          bytes.size(), out));
    }
    return bytes.toByteArray();
  }

  /** {@code info registers}: the first CPU's registers. */
  public CpuRegisters registers() {
    return CpuRegisters.parse(command("info registers"));
  }
}
