package org.vmstate4j.engine.analyze;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import org.vmstate4j.engine.VmStateLoadException;
import org.vmstate4j.engine.analyze.DecodedValue.IntValue;
import org.vmstate4j.engine.analyze.DecodedValue.StructValue;

/**
 * The iterative RAM section ({@code ram}, version 4). Each record is a be64 holding a page address
 * and, in its low bits, flags; the block list comes with MEM_SIZE. Page contents are skipped, so
 * memory use does not grow with guest RAM. The value is the script's
 * {@code {"section sizes": {block: used_length}}}.
 */
final class RamSectionReader implements SectionReader {
  static final int RAM_SAVE_FLAG_ZERO = 0x02;
  static final int RAM_SAVE_FLAG_MEM_SIZE = 0x04;
  static final int RAM_SAVE_FLAG_PAGE = 0x08;
  static final int RAM_SAVE_FLAG_EOS = 0x10;
  static final int RAM_SAVE_FLAG_CONTINUE = 0x20;
  static final int RAM_SAVE_FLAG_XBZRLE = 0x40;
  static final int RAM_SAVE_FLAG_HOOK = 0x80;
  static final int RAM_SAVE_FLAG_MULTIFD_FLUSH = 0x200;

  private static final long MAPPED_RAM_HEADER_VERSION = 1;

  private final long pageSize;
  private final boolean ignoreShared;
  private final boolean mappedRam;
  private final Map<String, DecodedValue> sizes = new LinkedHashMap<>();

  RamSectionReader(long version, long pageSize, boolean ignoreShared, boolean mappedRam, long at) {
    if (version != 4) {
      throw new VmStateLoadException("Unknown RAM version " + version, at, "4",
          Long.toString(version));
    }
    this.pageSize = pageSize;
    this.ignoreShared = ignoreShared;
    this.mappedRam = mappedRam;
  }

  @Override
  public void read(StreamSource in) {
    long mask = pageSize - 1;
    while (true) {
      long at = in.offset();
      long record = in.u64();
      long flags = record & mask;
      long addr = record & ~mask;

      if ((flags & RAM_SAVE_FLAG_MEM_SIZE) != 0) {
        readBlockList(in, addr);
        flags &= ~RAM_SAVE_FLAG_MEM_SIZE;
      }
      if ((flags & RAM_SAVE_FLAG_ZERO) != 0) {
        flags = blockReference(in, flags);
        in.u8(); // fill byte
        flags &= ~RAM_SAVE_FLAG_ZERO;
      } else if ((flags & RAM_SAVE_FLAG_PAGE) != 0) {
        flags = blockReference(in, flags);
        in.skip(pageSize);
        flags &= ~RAM_SAVE_FLAG_PAGE;
      } else if ((flags & RAM_SAVE_FLAG_XBZRLE) != 0) {
        throw new VmStateLoadException("XBZRLE RAM compression is not supported yet", at);
      } else if ((flags & RAM_SAVE_FLAG_HOOK) != 0) {
        throw new VmStateLoadException("RAM hooks don't make sense with files", at);
      }
      if ((flags & RAM_SAVE_FLAG_MULTIFD_FLUSH) != 0) {
        continue;
      }
      if ((flags & RAM_SAVE_FLAG_EOS) != 0) {
        return;
      }
      if (flags != 0) {
        throw new VmStateLoadException("Unknown RAM flags: " + Long.toHexString(flags), at,
            "ZERO, PAGE, MEM_SIZE, CONTINUE, EOS or MULTIFD_FLUSH", Long.toHexString(flags));
      }
    }
  }

  @Override
  public DecodedValue value() {
    Map<String, DecodedValue> out = new LinkedHashMap<>();
    out.put("section sizes", new StructValue(sizes));
    return new StructValue(out);
  }

  /** MEM_SIZE: blocks (counted idstr, be64 used_length) until their lengths cover the total. */
  private void readBlockList(StreamSource in, long total) {
    long left = total;
    while (left != 0) {
      String name;
      try {
        name = in.countedString();
      } catch (VmStateLoadException e) {
        throw e.under("section sizes");
      }
      long at = in.offset();
      long length = in.u64();
      sizes.put(name, new IntValue(at, 8, false, new BigInteger(Long.toUnsignedString(length))));
      left = Long.compareUnsigned(length, left) >= 0 ? 0 : left - length;
      if (ignoreShared) {
        in.u64(); // the block's guest address
      }
      if (mappedRam) {
        skipMappedRam(in, length, at);
      }
    }
  }

  /** Unless CONTINUE is set, a page record names its block; returns flags without CONTINUE. */
  private static long blockReference(StreamSource in, long flags) {
    if ((flags & RAM_SAVE_FLAG_CONTINUE) != 0) {
      return flags & ~RAM_SAVE_FLAG_CONTINUE;
    }
    in.countedString();
    return flags;
  }

  /** mapped-ram: a header per block points at its pages elsewhere in the file. */
  private void skipMappedRam(StreamSource in, long length, long at) {
    long version = in.u32();
    if (version != MAPPED_RAM_HEADER_VERSION) {
      throw new VmStateLoadException("Unsupported MappedRamHeader version " + version, at, "1",
          Long.toString(version));
    }
    long headerPageSize = in.u64();
    if (headerPageSize != pageSize) {
      throw new VmStateLoadException("Page size mismatch in MappedRamHeader", at,
          Long.toString(pageSize), Long.toUnsignedString(headerPageSize));
    }
    long bitmapOffset = in.u64();
    long pagesOffset = in.u64();
    if (ignoreShared && bitmapOffset == 0 && pagesOffset == 0) {
      return; // a shared block: no pages in the file
    }
    long end = pagesOffset + length;
    if (pagesOffset < 0 || length < 0 || end < 0) {
      throw new VmStateLoadException("mapped-ram pages outside the file", at,
          "offset within the file", Long.toUnsignedString(pagesOffset));
    }
    in.seek(end);
  }
}
