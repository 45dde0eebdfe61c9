package org.vmstate4j.engine.stream;

import org.vmstate4j.engine.VmStateLoadException;
import org.vmstate4j.engine.io.VmInput;

/**
 * Reads past the data of a {@code ram} section (START, PART or END), following QEMU's
 * ram_load_precopy: page records of be64 (address | flags) until EOS.
 */
final class RamSkipper {
  static final int ZERO = 0x02;
  static final int MEM_SIZE = 0x04;
  static final int PAGE = 0x08;
  static final int EOS = 0x10;
  static final int CONTINUE = 0x20;
  static final int XBZRLE = 0x40;
  static final int HOOK = 0x80;
  static final int COMPRESS_PAGE = 0x100;
  static final int MULTIFD_FLUSH = 0x200;

  private final long pageSize;
  private final boolean ignoreShared;
  /** Pages and zero pages skipped, for the record. */
  long pages;

  RamSkipper(int pageSize, boolean ignoreShared) {
    this.pageSize = pageSize;
    this.ignoreShared = ignoreShared;
  }

  /** Skips one section's records, up to and including EOS. */
  void skip(VmInput in) {
    while (true) {
      long at = in.position();
      long word = in.readLong();
      int flags = (int) (word & (pageSize - 1));
      long addr = word & -pageSize;
      switch (flags & ~CONTINUE) {
        case MEM_SIZE:
          skipBlockList(in, addr);
          break;
        case ZERO:
          name(in, flags);
          in.readU8();
          pages++;
          break;
        case PAGE:
          name(in, flags);
          in.skip(pageSize);
          pages++;
          break;
        case COMPRESS_PAGE: {
          name(in, flags);
          long len = in.readU32();
          if (len > 2 * pageSize + 64) {
            throw new VmStateLoadException("Invalid compressed data length: " + len,
                in.position() - 4, "<= " + (2 * pageSize + 64), Long.toString(len));
          }
          in.skip(len);
          pages++;
          break;
        }
        case XBZRLE: {
          name(in, flags);
          int xh = in.readU8();
          if (xh != 0x01) {
            throw new VmStateLoadException("Failed to load XBZRLE page - wrong compression!",
                in.position() - 1, "0x01", String.format("0x%02x", xh));
          }
          int len = in.readU16();
          if (len > pageSize) {
            throw new VmStateLoadException("Failed to load XBZRLE page - len overflow!",
                in.position() - 2, "<= " + pageSize, Integer.toString(len));
          }
          in.skip(len);
          pages++;
          break;
        }
        case MULTIFD_FLUSH:
          break;
        case EOS:
          return;
        default:
          if ((flags & HOOK) != 0) {
            throw new VmStateLoadException(
                "RAM hook records (RDMA) cannot be skipped", at, "page records", "hook");
          }
          throw new VmStateLoadException(
              String.format("Unknown combination of migration flags: 0x%x", flags), at,
              "a RAM record", String.format("0x%016x", word));
      }
    }
  }

  private static void name(VmInput in, int flags) {
    if ((flags & CONTINUE) == 0) {
      in.readCountedString();
    }
  }

  private void skipBlockList(VmInput in, long total) {
    long left = total;
    while (left > 0) {
      long at = in.position();
      String id = in.readCountedString();
      long len = in.readLong();
      if (len <= 0 || len > left) {
        throw new VmStateLoadException("RAM block list inconsistent at block '" + id + "'", at,
            "a length of 1.." + left, Long.toUnsignedString(len));
      }
      if (ignoreShared) {
        in.readLong();
      }
      left -= len;
    }
  }
}
