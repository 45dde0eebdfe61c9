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
 * in each stream and both values.
 *
 * <pre>{@code
 * DiffResult d = Diff.files(Path.of("a.mig"), Path.of("b.mig"));
 * d.first().path();   // "nvme-lite/sq[2]/head"
 * }</pre>
 */
public final class Diff {
  private Diff() {}

  /** Two stream files, each read with the JSON description it carries. */
  public static DiffResult files(Path a, Path b) throws IOException {
    return of(Explain.fromStream(a), Explain.fromStream(b));
  }

  /** Two stream files, both read by the destination {@code registry} (dry runs). */
  public static DiffResult files(Registry registry, Path a, Path b) throws IOException {
    return of(Explain.of(registry, a), Explain.of(registry, b));
  }

  /** Two streams in memory, each read with the JSON description it carries. */
  public static DiffResult streams(byte[] a, byte[] b) {
    return of(Explain.fromStream(a), Explain.fromStream(b));
  }

  /** Two streams in memory, both read by the destination {@code registry}. */
  public static DiffResult streams(Registry registry, byte[] a, byte[] b) {
    return of(Explain.of(registry, a), Explain.of(registry, b));
  }

  /** Compares two explained streams. */
  public static DiffResult of(Explanation a, Explanation b) {
    Map<String, ExplainItem> inB = keyed(b);
    Map<String, ExplainItem> inA = keyed(a);
    List<DiffResult.Difference> diffs = new ArrayList<>();
    for (Map.Entry<String, ExplainItem> e : inA.entrySet()) {
      ExplainItem x = e.getValue();
      ExplainItem y = inB.get(e.getKey());
      if (y == null || !a.sameBytes(x, b, y)) {
        diffs.add(difference(a, x, b, y));
      }
    }
    for (Map.Entry<String, ExplainItem> e : inB.entrySet()) {
      if (!inA.containsKey(e.getKey())) {
        diffs.add(difference(a, null, b, e.getValue()));
      }
    }
    long firstByte = firstByte(a, b);
    return new DiffResult(diffs.isEmpty() ? null : diffs.get(0), diffs.size(),
        List.copyOf(diffs), firstByte, a.failure().orElse(null), b.failure().orElse(null));
  }

  private static DiffResult.Difference difference(Explanation a, @Nullable ExplainItem x,
      Explanation b, @Nullable ExplainItem y) {
    ExplainItem any = x != null ? x : y;
    return new DiffResult.Difference(any.path(), any.kind(), x, y);
  }

  /** Items keyed by kind, path and occurrence, in stream order; the JSON trailer left out. */
  private static Map<String, ExplainItem> keyed(Explanation x) {
    Map<String, ExplainItem> out = new LinkedHashMap<>();
    Map<String, Integer> seen = new HashMap<>();
    for (ExplainItem i : x.items()) {
      if (i.kind() == Kind.VMDESC || i.kind() == Kind.NOTE) {
        continue;
      }
      String k = i.kind() + " " + i.codec() + " " + i.path();
      int n = seen.merge(k, 1, Integer::sum);
      out.put(k + " #" + n, i);
    }
    return out;
  }

  private static long firstByte(Explanation a, Explanation b) {
    byte[] x = a.bytes(new ExplainItem(0, a.streamLength(), Kind.HEADER, "", "", "", ""));
    byte[] y = b.bytes(new ExplainItem(0, b.streamLength(), Kind.HEADER, "", "", "", ""));
    int m = java.util.Arrays.mismatch(x, y);
    return m;
  }
}
