package org.vmstate4j.engine.wire;

import java.util.StringJoiner;

/**
 * QEMU's {@code RAM_SAVE_FLAG_*} (migration/ram.c): the low bits of the be64 word that starts
 * every RAM record; the high bits are the page address (or, for MEM_SIZE, the total RAM size).
 */
public final class RamFlags {
  private RamFlags() {}

  /** Formerly FULL; never written by QEMU 7.2, refused by its loader. */
  public static final int FULL = 0x01;
  /** A page whose bytes are all one value: one byte follows (QEMU 7.2 names it ZERO). */
  public static final int ZERO = 0x02;
  /** The block list: total size in the address bits, then (name, be64 length) per block. */
  public static final int MEM_SIZE = 0x04;
  /** A whole page follows. */
  public static final int PAGE = 0x08;
  /** End of this section's records. */
  public static final int EOS = 0x10;
  /** Same block as the previous record: no block name follows. */
  public static final int CONTINUE = 0x20;
  /** An XBZRLE-encoded page: 0x01, be16 length, data. */
  public static final int XBZRLE = 0x40;
  /** An RDMA hook record. */
  public static final int HOOK = 0x80;
  /** A zlib-compressed page: be32 length, data. */
  public static final int COMPRESS_PAGE = 0x100;
  /** Multifd channels flushed (QEMU 8+). */
  public static final int MULTIFD_FLUSH = 0x200;

  /** Flag names, e.g. {@code PAGE|CONTINUE}. */
  public static String names(int flags) {
    StringJoiner j = new StringJoiner("|");
    String[] names = {"FULL", "ZERO", "MEM_SIZE", "PAGE", "EOS", "CONTINUE", "XBZRLE", "HOOK",
        "COMPRESS_PAGE", "MULTIFD_FLUSH"};
    for (int i = 0; i < names.length; i++) {
      if ((flags & (1 << i)) != 0) {
        j.add(names[i]);
      }
    }
    int rest = flags & ~((1 << names.length) - 1);
    if (rest != 0) {
      j.add(String.format("0x%x", rest));
    }
    return j.length() == 0 ? "0" : j.toString();
  }
}
