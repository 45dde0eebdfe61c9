package org.vmstate4j.engine.wire;

import org.jspecify.annotations.Nullable;

/**
 * The byte codes of QEMU's migration stream (migration/savevm.c), declared once for the engine:
 * the walker reads them, the writer writes them.
 */
public final class WireFormat {
  private WireFormat() {}

  /** {@code QEVM}. */
  public static final int MAGIC = 0x5145564d;
  /** The only stream version accepted. */
  public static final int VERSION = 3;
  /** The obsolete stream version, rejected with its own message. */
  public static final int VERSION_COMPAT = 2;
  public static final int EOF = 0x00;
  public static final int SECTION_START = 0x01;
  public static final int SECTION_PART = 0x02;
  public static final int SECTION_END = 0x03;
  public static final int SECTION_FULL = 0x04;
  public static final int SUBSECTION = 0x05;
  public static final int VMDESCRIPTION = 0x06;
  public static final int CONFIGURATION = 0x07;
  public static final int COMMAND = 0x08;
  public static final int SECTION_FOOTER = 0x7e;
  /** Target page size QEMU writes into the description for x86 and most targets. */
  public static final int DEFAULT_PAGE_SIZE = 4096;

  /** MIG_CMD_PACKAGED: a postcopy package follows (be32 length, then sections). */
  public static final int CMD_PACKAGED = 7;
  /** MIG_CMD_SWITCHOVER_START (QEMU 8+): no data. */
  public static final int CMD_SWITCHOVER_START = 0x0b;

  private static final String[] COMMANDS = {
    "INVALID", "OPEN_RETURN_PATH", "PING", "POSTCOPY_ADVISE", "POSTCOPY_LISTEN", "POSTCOPY_RUN",
    "POSTCOPY_RAM_DISCARD", "PACKAGED", "ENABLE_COLO", "POSTCOPY_RESUME", "RECV_BITMAP",
    "SWITCHOVER_START"
  };

  /** QEMU's name of a command ({@code MIG_CMD_} left out), or null when there is none. */
  public static @Nullable String commandName(int cmd) {
    return cmd > 0 && cmd < COMMANDS.length ? COMMANDS[cmd] : null;
  }

  /** Whether {@code cmd} is a command QEMU defines (1..11). */
  public static boolean isCommand(int cmd) {
    return cmd > 0 && cmd < COMMANDS.length;
  }
}
