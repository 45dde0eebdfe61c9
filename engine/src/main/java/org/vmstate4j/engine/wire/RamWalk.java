package org.vmstate4j.engine.wire;

import java.nio.ByteBuffer;
import org.vmstate4j.engine.VmStateLoadException;

/** RAM sections: records up to EOS, the block list, mapped-ram headers. */
final class RamWalk {
  private final StreamWalker w;
  private int pageSize;
  /** Set by the configuration section. */
  int configPageSize;
  boolean ignoreShared;
  boolean mappedRam;
  /**
   * The block of the last RAM record that named one: a record with CONTINUE is in it, also at
   * the start of a later section (QEMU keeps its last sent block across sections).
   */
  private String block = "";

  RamWalk(StreamWalker w) {
    this.w = w;
  }


  private int pageSize() {
    if (pageSize == 0) {
      pageSize = w.options.pageSize() > 0 ? w.options.pageSize()
          : configPageSize > 0 ? configPageSize
          : w.desc != null ? w.desc.pageSize() : WireFormat.DEFAULT_PAGE_SIZE;
    }
    return pageSize;
  }

  /** RAM records up to EOS, as QEMU 7.2's ram_load_precopy reads them. */
  void ram(WirePart h) {
    WireSource src = w.src;
    long ps = pageSize();
    boolean pages = w.out.pages();
    while (true) {
      long at = src.position();
      long word = src.u64();
      int flags = (int) (word & (ps - 1));
      long addr = word & -ps;
      int kind = flags & ~RamFlags.CONTINUE;
      switch (kind) {
        case RamFlags.MEM_SIZE -> {
          w.report(record(at, h, "", flags, addr));
          blockList(h, addr);
        }
        case RamFlags.EOS, RamFlags.MULTIFD_FLUSH -> {
          w.report(record(at, h, "", flags, addr));
          if (kind == RamFlags.EOS) {
            return;
          }
        }
        case RamFlags.ZERO, RamFlags.PAGE, RamFlags.COMPRESS_PAGE, RamFlags.XBZRLE -> {
          if ((flags & RamFlags.CONTINUE) == 0) {
            block = src.countedString();
          }
          if (!pages && (kind == RamFlags.ZERO || kind == RamFlags.PAGE)) {
            src.skip(kind == RamFlags.ZERO ? 1 : ps);
            continue;
          }
          int len;
          if (kind == RamFlags.ZERO) {
            len = 1;
          } else if (kind == RamFlags.PAGE) {
            len = (int) ps;
          } else if (kind == RamFlags.COMPRESS_PAGE) {
            long n = src.u32();
            if (n > 2 * ps + 64) {
              w.report(record(at, h, block, flags, addr));
              throw new VmStateLoadException("Invalid compressed data length: " + n,
                  src.position() - 4, "<= " + (2 * ps + 64), Long.toString(n));
            }
            len = (int) n;
          } else {
            int xh = src.u8();
            int n = src.u16();
            if (xh != 0x01 || n > ps) {
              w.report(record(at, h, block, flags, addr));
              throw xh != 0x01
                  ? new VmStateLoadException("Failed to load XBZRLE page - wrong compression!",
                      src.position() - 3, "0x01", String.format("0x%02x", xh))
                  : new VmStateLoadException("Failed to load XBZRLE page - len overflow!",
                      src.position() - 2, "<= " + ps, Integer.toString(n));
            }
            len = n;
          }
          if (len <= WireSource.LOOKAHEAD) {
            ByteBuffer data = src.take(len);
            WirePart r = record(at, h, block, flags, addr);
            w.report(r);
            w.out.pageData(r, data);
          } else {
            src.skip(len);
            w.report(record(at, h, block, flags, addr));
          }
        }
        default -> {
          w.report(record(at, h, block, flags, addr));
          throw new VmStateLoadException(kind == RamFlags.HOOK
              ? "RAM hook records (RDMA) cannot be read from a stream"
              : String.format("Unknown combination of migration flags: 0x%x", flags), at,
              "a RAM record", String.format("0x%016x", word));
        }
      }
    }
  }

  private WirePart record(long at, WirePart h, String block, int flags, long addr) {
    WireSource src = w.src;
    return new WirePart(PartKind.RAM_RECORD, at, src.position() - at, h.sectionId(), block, -1,
        -1, flags, addr);
  }

  /** MEM_SIZE: blocks (counted name, be64 used length) until their lengths cover the total. */
  private void blockList(WirePart h, long total) {
    WireSource src = w.src;
    long left = total;
    while (left > 0) {
      long at = src.position();
      String name = src.countedString();
      long len = src.u64();
      if (len <= 0 || len > left) {
        throw new VmStateLoadException("RAM block list inconsistent at block '" + name + "'", at,
            "a length of 1.." + left, Long.toUnsignedString(len));
      }
      if (ignoreShared) {
        src.u64(); // the block's guest address
      }
      long pagesEnd = -1;
      if (mappedRam) {
        pagesEnd = mappedRamHeader(at, len);
      }
      w.report(new WirePart(PartKind.RAM_BLOCK, at, src.position() - at, h.sectionId(), name, -1, -1,
          0, len));
      if (pagesEnd >= 0) {
        long p = src.position();
        if (pagesEnd < p) {
          throw new VmStateLoadException("mapped-ram pages outside the file", at,
              "an offset after " + p, Long.toString(pagesEnd));
        }
        src.skip(pagesEnd - p);
        w.report(new WirePart(PartKind.MAPPED_RAM, p, pagesEnd - p, h.sectionId(), name, -1, -1, 0,
            len));
      }
      left -= len;
    }
  }

  /** A mapped-ram block header; returns where the block's pages end, or -1 when it has none. */
  private long mappedRamHeader(long at, long len) {
    WireSource src = w.src;
    long version = src.u32();
    if (version != 1) {
      throw new VmStateLoadException("Unsupported MappedRamHeader version " + version, at, "1",
          Long.toString(version));
    }
    long headerPageSize = src.u64();
    if (headerPageSize != pageSize()) {
      throw new VmStateLoadException("Page size mismatch in MappedRamHeader", at,
          Integer.toString(pageSize()), Long.toUnsignedString(headerPageSize));
    }
    long bitmapOffset = src.u64();
    long pagesOffset = src.u64();
    if (ignoreShared && bitmapOffset == 0 && pagesOffset == 0) {
      return -1; // a shared block: no pages in the file
    }
    long end = pagesOffset + len;
    if (pagesOffset < 0 || end < 0) {
      throw new VmStateLoadException("mapped-ram pages outside the file", at,
          "an offset within the file", Long.toUnsignedString(pagesOffset));
    }
    return end;
  }
}
