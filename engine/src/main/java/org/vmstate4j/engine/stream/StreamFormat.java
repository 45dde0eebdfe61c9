package org.vmstate4j.engine.stream;

/** Constants of QEMU's migration stream (migration/savevm.c). */
public final class StreamFormat {
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

  private StreamFormat() {}
}
