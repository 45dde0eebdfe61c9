package org.vmstate4j.qemu;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The first CPU's registers as HMP {@code info registers} prints them.
 *
 * @param eip the instruction pointer ({@code EIP=}, or the low 32 bits of {@code RIP=})
 * @param halted whether the CPU is halted ({@code HLT=1})
 * @param text the whole output
 */
public record CpuRegisters(long eip, boolean halted, String text) {
  private static final Pattern EIP = Pattern.compile("\\b[ER]IP=([0-9a-fA-F]+)");
  private static final Pattern HLT = Pattern.compile("\\bHLT=([01])");

  public CpuRegisters {
    Objects.requireNonNull(text, "text");
  }

  /** Parses {@code info registers}. */
  public static CpuRegisters parse(String text) {
    Matcher eip = EIP.matcher(text);
    Matcher hlt = HLT.matcher(text);
    if (!eip.find() || !hlt.find()) {
      throw new QemuException("no EIP/HLT in 'info registers' output: " + text);
    }
    return new CpuRegisters(Long.parseUnsignedLong(eip.group(1), 16) & 0xffffffffL,
        hlt.group(1).equals("1"), text);
  }

  /**
   * The value of a register printed as {@code NAME=hex} (e.g. {@code EAX}, {@code ESP},
   * {@code EFL}), of the first CPU.
   */
  public long value(String name) {
    Matcher m = Pattern.compile("\\b" + Pattern.quote(name) + "=([0-9a-fA-F]+)").matcher(text);
    if (!m.find()) {
      throw new QemuException("no register " + name + " in 'info registers' output");
    }
    return Long.parseUnsignedLong(m.group(1), 16);
  }

  @Override
  public String toString() {
    return String.format("EIP=%08x HLT=%d", eip, halted ? 1 : 0);
  }
}
