package org.vmstate4j.engine.inspect;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.wire.RamFlags;
import org.vmstate4j.engine.wire.WirePart;

/**
 * What a stream leaves in guest RAM, page by page, without the pages: for every page the last
 * record that wrote it (its offset, length and kind) and a 64-bit hash of the page's contents
 * (a ZERO record's page is its fill byte repeated; a compressed or XBZRLE record, which cannot be
 * decoded alone, is hashed as sent). Two images tell which pages differ: {@code diff} of two
 * streams of any size compares RAM in 20 bytes per guest page.
 */
final class RamImage {
  private static final long MIX = 0x9e3779b97f4a7c15L;
  private static final byte ZERO = 1;
  private static final byte PAGE = 2;
  private static final byte OTHER = 3;

  /** One RAM block's pages; offset -1 where no record wrote the page. */
  static final class Block {
    final String name;
    final long length;
    final int pageSize;
    final long[] hash;
    final long[] offset;
    final int[] recordLength;
    final byte[] kind;

    Block(String name, long length, int pageSize) {
      this.name = name;
      this.length = length;
      this.pageSize = pageSize;
      int pages = (int) Math.min(Integer.MAX_VALUE - 8, (length + pageSize - 1) / pageSize);
      hash = new long[pages];
      offset = new long[pages];
      recordLength = new int[pages];
      kind = new byte[pages];
      Arrays.fill(offset, -1);
    }
  }

  /** A page record's place in a stream. */
  record Page(long offset, int length, byte kind, long hash) {}

  private final Map<String, Block> blocks = new LinkedHashMap<>();
  /** Pages of blocks the block list did not announce, or beyond their length. */
  private final Map<String, Page> strays = new HashMap<>();
  private final long[] fillHash = new long[256];
  private final boolean[] fillKnown = new boolean[256];
  private int pageSize;
  private final boolean pageSizeGiven;

  /** @param pageSize the page size the walk uses, or 0 when the configuration tells it */
  RamImage(int pageSize) {
    this.pageSizeGiven = pageSize > 0;
    this.pageSize = pageSize > 0 ? pageSize : 4096;
  }

  /** The configuration's target-page-bits, which count unless the page size was given. */
  void pageBits(long bits) {
    if (!pageSizeGiven && bits > 0 && bits < 31) {
      pageSize = 1 << bits;
    }
  }

  void block(String name, long length) {
    blocks.computeIfAbsent(name, n -> new Block(n, length, pageSize));
  }

  void page(WirePart record, ByteBuffer data) {
    int kind = record.flags() & ~RamFlags.CONTINUE;
    byte k;
    long h;
    if (kind == RamFlags.PAGE) {
      k = PAGE;
      h = hash(data);
    } else if (kind == RamFlags.ZERO) {
      k = ZERO;
      h = fill(data.get(data.position()) & 0xff);
    } else {
      k = OTHER;
      h = hash(data) ^ kind;
    }
    Block b = blocks.get(record.name());
    long index = Long.divideUnsigned(record.address(), pageSize);
    if (b != null && index >= 0 && index < b.hash.length) {
      int i = (int) index;
      b.hash[i] = h;
      b.offset[i] = record.offset();
      b.recordLength[i] = (int) record.length();
      b.kind[i] = k;
    } else {
      strays.put(record.name() + "\u0000" + record.address(),
          new Page(record.offset(), (int) record.length(), k, h));
    }
  }

  private long fill(int value) {
    if (!fillKnown[value]) {
      byte[] page = new byte[pageSize];
      Arrays.fill(page, (byte) value);
      fillHash[value] = hash(ByteBuffer.wrap(page));
      fillKnown[value] = true;
    }
    return fillHash[value];
  }

  /**
   * A 64-bit hash of the bytes between the buffer's position and limit, in four independent
   * lanes (a page hashes at memory speed, not at the latency of one multiply chain).
   */
  static long hash(ByteBuffer b) {
    int i = b.position();
    int end = b.limit();
    long h0 = (end - i) * MIX;
    long h1 = h0 ^ 0x5bd1e995L;
    long h2 = h0 ^ 0x27d4eb2fL;
    long h3 = h0 ^ 0x165667b1L;
    for (; i + 32 <= end; i += 32) {
      h0 = Long.rotateLeft(h0 ^ b.getLong(i), 27) * MIX;
      h1 = Long.rotateLeft(h1 ^ b.getLong(i + 8), 27) * MIX;
      h2 = Long.rotateLeft(h2 ^ b.getLong(i + 16), 27) * MIX;
      h3 = Long.rotateLeft(h3 ^ b.getLong(i + 24), 27) * MIX;
    }
    long h = h0 ^ Long.rotateLeft(h1, 17) ^ Long.rotateLeft(h2, 31) ^ Long.rotateLeft(h3, 47);
    for (; i < end; i++) {
      h = Long.rotateLeft(h ^ b.get(i), 7) * MIX;
    }
    h *= MIX;
    return h ^ (h >>> 29);
  }

  /** A page that differs: its block, its address, and its record in each stream (or null). */
  record Difference(String block, long address, @Nullable Page a, @Nullable Page b) {}

  /** Calls {@code out} for every page whose contents differ, in block and address order. */
  static void compare(RamImage x, RamImage y, Consumer<Difference> out) {
    List<String> names = new ArrayList<>(x.blocks.keySet());
    for (String n : y.blocks.keySet()) {
      if (!x.blocks.containsKey(n)) {
        names.add(n);
      }
    }
    for (String n : names) {
      Block a = x.blocks.get(n);
      Block b = y.blocks.get(n);
      int pages = Math.max(a == null ? 0 : a.hash.length, b == null ? 0 : b.hash.length);
      long ps = a != null ? a.pageSize : b.pageSize;
      for (int i = 0; i < pages; i++) {
        Page pa = page(a, i);
        Page pb = page(b, i);
        if (pa == null && pb == null) {
          continue;
        }
        if (pa == null || pb == null || pa.hash() != pb.hash()) {
          out.accept(new Difference(n, i * ps, pa, pb));
        }
      }
    }
    Map<String, Page> stray = new LinkedHashMap<>(x.strays);
    for (Map.Entry<String, Page> e : y.strays.entrySet()) {
      stray.putIfAbsent(e.getKey(), null);
    }
    for (String key : stray.keySet()) {
      Page pa = x.strays.get(key);
      Page pb = y.strays.get(key);
      if (pa == null || pb == null || pa.hash() != pb.hash()) {
        int cut = key.indexOf('\u0000');
        out.accept(new Difference(key.substring(0, cut), Long.parseLong(key.substring(cut + 1)),
            pa, pb));
      }
    }
  }

  private static @Nullable Page page(@Nullable Block b, int i) {
    if (b == null || i >= b.hash.length || b.offset[i] < 0) {
      return null;
    }
    return new Page(b.offset[i], b.recordLength[i], b.kind[i], b.hash[i]);
  }

  /** What a page record holds, for a difference line. */
  static String describe(Page p, StreamBytes data, int pageSize) {
    long dataAt = p.offset() + p.length() - (p.kind() == PAGE ? pageSize : 1);
    if (p.kind() == ZERO) {
      return "page of 0x" + Values.hex2(data.byteAt(dataAt)) + " bytes";
    }
    if (p.kind() == PAGE) {
      return "page, " + Values.bytesValue(data, dataAt, pageSize);
    }
    return "encoded page, " + p.length() + " bytes";
  }

  /** Offset of a page record's data (the page, or a ZERO record's fill byte). */
  static long dataOffset(Page p, int pageSize) {
    return p.offset() + p.length() - (p.kind() == PAGE ? pageSize : p.kind() == ZERO ? 1 : 0);
  }

  int pageSize() {
    return pageSize;
  }
}
