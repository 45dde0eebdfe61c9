package org.vmstate4j.engine.inspect;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of {@link Diff}.
 *
 * @param first the first differing item in stream order, or null when none differs
 * @param count how many items differ (items present in one stream only included)
 * @param differences every differing item, in the order of the first stream
 * @param firstByte the first byte offset where the raw streams differ, -1 when identical
 * @param failureA why reading the first stream stopped early, or null
 * @param failureB why reading the second stream stopped early, or null
 */
public record DiffResult(
    @Nullable Difference first, int count, List<Difference> differences, long firstByte,
    @Nullable ExplainFailure failureA, @Nullable ExplainFailure failureB) {

  /**
   * One item that differs.
   *
   * @param path the item's path, e.g. {@code nvme-lite/sq[2]/head}
   * @param kind what the item is
   * @param a the item in the first stream, null when only the second has it
   * @param b the item in the second stream, null when only the first has it
   */
  public record Difference(
      String path, ExplainItem.Kind kind, @Nullable ExplainItem a, @Nullable ExplainItem b) {

    /** One line: path, offsets and both values. */
    public String describe() {
      return path + ": " + side("A", a) + " | " + side("B", b);
    }

    private static String side(String name, @Nullable ExplainItem i) {
      if (i == null) {
        return name + " has no such item";
      }
      String v = i.value().isEmpty() ? i.hex() : i.value();
      return name + " @0x" + Long.toHexString(i.offset()) + " " + i.codec() + " " + v;
    }
  }

  /** Whether the streams carry the same items with the same bytes. */
  public boolean same() {
    return count == 0 && failureA == null && failureB == null;
  }

  /** A short report: the first difference, the count, and any read failure. */
  public List<String> lines() {
    List<String> out = new ArrayList<>();
    Difference f = first;
    if (f == null && (failureA != null || failureB != null)) {
      // A stream read only in part is not known to be identical to anything.
      out.add("no item differs up to where reading stopped");
    } else if (f == null) {
      out.add(firstByte < 0 ? "streams are identical" : "no item differs (first differing byte"
          + " at 0x" + Long.toHexString(firstByte) + ", outside the items read)");
    } else {
      out.add("first difference: " + f.describe());
      out.add(count + (count == 1 ? " item differs" : " items differ")
          + (firstByte >= 0 ? "; first differing byte at 0x" + Long.toHexString(firstByte) : ""));
      int shown = 0;
      for (Difference d : differences) {
        if (d == f) {
          continue;
        }
        if (++shown > 20) {
          out.add("  ... " + (count - 21) + " more");
          break;
        }
        out.add("  " + d.describe());
      }
    }
    if (failureA != null) {
      out.add("A stops at 0x" + Long.toHexString(failureA.offset()) + ": " + failureA.message());
    }
    if (failureB != null) {
      out.add("B stops at 0x" + Long.toHexString(failureB.offset()) + ": " + failureB.message());
    }
    return out;
  }
}
