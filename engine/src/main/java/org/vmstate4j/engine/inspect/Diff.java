package org.vmstate4j.engine.inspect;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.inspect.ExplainItem.Kind;
import org.vmstate4j.engine.stream.Registry;

/**
 * Where two streams differ, by path: both are explained (each with its own JSON description, or
 * both with one registry), their items matched by path, and the items whose bytes differ (or
 * that only one stream has) are counted; the first in stream order is reported with its offset
 * in each stream and both values. Guest RAM is compared page by page, by block and address
 * ({@code ram/pc.ram @ 0x1234000}), whatever order the pages were sent in.
 *
 * <p>Neither stream is held in memory: each is walked once, RAM pages are hashed as they pass
 * (20 bytes per guest page are kept), and item bytes are compared where they lie.
 *
 * <pre>{@code
 * DiffResult d = Diff.files(Path.of("a.mig"), Path.of("b.mig"));
 * d.first().path();   // "nvme-lite/sq[2]/head"
 * }</pre>
 */
public final class Diff {
  /** RAM page differences listed (all are counted). */
  static final int MAX_PAGE_DIFFERENCES = 1000;

  private Diff() {}

  /** Two stream files, each read with the JSON description it carries. */
  public static DiffResult files(Path a, Path b) throws IOException {
    return of(Explain.source(Explain.Source.of(a), true),
        Explain.source(Explain.Source.of(b), true));
  }

  /** Two stream files, both read by the destination {@code registry} (dry runs). */
  public static DiffResult files(Registry registry, Path a, Path b) throws IOException {
    return of(Explain.destination(registry, Explain.Source.of(a), true),
        Explain.destination(registry, Explain.Source.of(b), true));
  }

  /** Two streams in memory, each read with the JSON description it carries. */
  public static DiffResult streams(byte[] a, byte[] b) {
    return of(Explain.source(Explain.Source.of(a), true),
        Explain.source(Explain.Source.of(b), true));
  }

  /** Two streams in memory, both read by the destination {@code registry}. */
  public static DiffResult streams(Registry registry, byte[] a, byte[] b) {
    return of(Explain.destination(registry, Explain.Source.of(a), true),
        Explain.destination(registry, Explain.Source.of(b), true));
  }

  /** Compares two explained streams. */
  public static DiffResult of(Explanation a, Explanation b) {
    RamImage ia = a.image();
    RamImage ib = b.image();
    boolean pages = ia != null && ib != null;
    a.source().hold();
    b.source().hold();
    try {
      Map<String, ExplainItem> inB = keyed(b, pages);
      Map<String, ExplainItem> inA = keyed(a, pages);
      List<DiffResult.Difference> diffs = new ArrayList<>();
      for (Map.Entry<String, ExplainItem> e : inA.entrySet()) {
        ExplainItem x = e.getValue();
        ExplainItem y = inB.get(e.getKey());
        if (y == null || !a.sameBytes(x, b, y)) {
          diffs.add(difference(x, y));
        }
      }
      for (Map.Entry<String, ExplainItem> e : inB.entrySet()) {
        if (!inA.containsKey(e.getKey())) {
          diffs.add(difference(null, e.getValue()));
        }
      }
      int count = diffs.size();
      if (pages) {
        List<DiffResult.Difference> ram = new ArrayList<>();
        int[] more = {0};
        RamImage.compare(ia, ib, d -> {
          if (ram.size() < MAX_PAGE_DIFFERENCES) {
            ram.add(page(d, a, ia, b, ib));
          } else {
            more[0]++;
          }
        });
        count += ram.size() + more[0];
        diffs = merge(diffs, ram);
      }
      long firstByte = firstByte(a.source(), b.source());
      return new DiffResult(diffs.isEmpty() ? null : diffs.get(0), count, List.copyOf(diffs),
          firstByte, a.failure().orElse(null), b.failure().orElse(null));
    } finally {
      a.source().release();
      b.source().release();
    }
  }

  private static DiffResult.Difference difference(@Nullable ExplainItem x,
      @Nullable ExplainItem y) {
    ExplainItem any = x != null ? x : y;
    return new DiffResult.Difference(any.path(), any.kind(), x, y);
  }

  /** A RAM page that differs, as items of both streams. */
  private static DiffResult.Difference page(RamImage.Difference d, Explanation a, RamImage ia,
      Explanation b, RamImage ib) {
    String path = "ram/" + d.block() + " @ 0x" + Long.toHexString(d.address());
    return new DiffResult.Difference(path, Kind.RAM, pageItem(path, d.a(), a, ia),
        pageItem(path, d.b(), b, ib));
  }

  private static @Nullable ExplainItem pageItem(String path, RamImage.@Nullable Page p,
      Explanation x, RamImage image) {
    if (p == null) {
      return null;
    }
    long data = RamImage.dataOffset(p, image.pageSize());
    return new ExplainItem(p.offset(), p.length(), Kind.RAM, path, "ram-page",
        Values.hex(x.source(), data, p.offset() + p.length() - data),
        RamImage.describe(p, x.source(), image.pageSize()));
  }

  /**
   * The item differences with the page differences put where they are in the first stream:
   * before the first item difference that comes after them, and before items only the second
   * stream has.
   */
  private static List<DiffResult.Difference> merge(List<DiffResult.Difference> items,
      List<DiffResult.Difference> ram) {
    if (ram.isEmpty()) {
      return items;
    }
    List<DiffResult.Difference> out = new ArrayList<>(items.size() + ram.size());
    int r = 0;
    for (DiffResult.Difference d : items) {
      while (r < ram.size() && (d.a() == null || offset(ram.get(r)) < d.a().offset())) {
        out.add(ram.get(r++));
      }
      out.add(d);
    }
    while (r < ram.size()) {
      out.add(ram.get(r++));
    }
    return out;
  }

  private static long offset(DiffResult.Difference d) {
    return d.a() != null ? d.a().offset() : d.b().offset();
  }

  /**
   * Items keyed by kind, path and occurrence, in stream order; the JSON trailer left out, and
   * the RAM page runs when RAM is compared page by page.
   */
  private static Map<String, ExplainItem> keyed(Explanation x, boolean pages) {
    Map<String, ExplainItem> out = new LinkedHashMap<>();
    Map<String, Integer> seen = new HashMap<>();
    for (ExplainItem i : x.items()) {
      if (i.kind() == Kind.VMDESC || i.kind() == Kind.NOTE
          || (pages && i.codec().equals("ram-pages"))) {
        continue;
      }
      String k = i.kind() + " " + i.codec() + " " + i.path();
      int n = seen.merge(k, 1, Integer::sum);
      out.put(k + " #" + n, i);
    }
    return out;
  }

  /** The first offset where the raw streams differ, -1 when they are identical. */
  private static long firstByte(StreamBytes a, StreamBytes b) {
    return a.mismatch(b);
  }
}
