package org.vmstate4j.engine.inspect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * An explained stream: its items in stream order, and the failure that stopped the reading, if
 * any. {@link #lines()} renders one item per line:
 *
 * <pre>
 * 0x0039  nvme-lite/sq[1]  ptr-marker  30  NULL
 * </pre>
 */
public final class Explanation {
  /** Whose description decoded the stream. */
  public enum View {
    /** The registered descriptions: what the destination reads. */
    DESTINATION,
    /** The JSON description the stream carries: what the source wrote. */
    SOURCE
  }

  private static final int PATH_WIDTH = 40;
  private static final int CODEC_WIDTH = 14;
  private static final int HEX_WIDTH = 32;

  private final View view;
  private final String title;
  private final StreamBytes stream;
  private final @Nullable RamImage image;
  private final List<ExplainItem> items;
  private final List<String> notes;
  private final @Nullable ExplainFailure failure;

  Explanation(View view, String title, StreamBytes stream, List<ExplainItem> items,
      @Nullable ExplainFailure failure, @Nullable RamImage image) {
    this(view, title, stream, items, List.of(), failure, image);
  }

  Explanation(View view, String title, StreamBytes stream, List<ExplainItem> items,
      List<String> notes, @Nullable ExplainFailure failure, @Nullable RamImage image) {
    this.view = view;
    this.title = title;
    this.stream = stream;
    this.image = image;
    this.items = List.copyOf(items);
    this.notes = List.copyOf(notes);
    this.failure = failure;
  }

  public View view() {
    return view;
  }

  /** What was explained and how, e.g. {@code source view: the stream's JSON description}. */
  public String title() {
    return title;
  }

  /** Every item read, in stream order. */
  public List<ExplainItem> items() {
    return items;
  }

  /** Only the field values and pointer markers. */
  public List<ExplainItem> stateItems() {
    return items.stream().filter(ExplainItem::isState).toList();
  }

  /**
   * Where the stream was read differently from its description because the description is
   * visibly wrong (e.g. the first run of an array of pointers, see
   * {@link org.vmstate4j.engine.json.PointerRuns}): offset, path and why, one line each.
   */
  public List<String> notes() {
    return notes;
  }

  /** Why reading stopped early, if it did. */
  public Optional<ExplainFailure> failure() {
    return Optional.ofNullable(failure);
  }

  /** Whether the stream was read to its end without a problem. */
  public boolean ok() {
    return failure == null;
  }

  /** Length of the stream in bytes. */
  public long streamLength() {
    return stream.length();
  }

  /** The bytes of {@code item} (a copy, read from the stream's file when it came from one). */
  public byte[] bytes(ExplainItem item) {
    long from = Math.min(item.offset(), stream.length());
    long to = Math.min(item.end(), stream.length());
    return stream.read(from, (int) Math.min(Integer.MAX_VALUE - 8, to - from));
  }

  /** The first item whose path is {@code path}. */
  public Optional<ExplainItem> find(String path) {
    return items.stream().filter(i -> i.path().equals(path)).findFirst();
  }

  StreamBytes source() {
    return stream;
  }

  /** Guest RAM page by page, when the walk recorded it (for diff). */
  @Nullable RamImage image() {
    return image;
  }

  /** Whether {@code a} in this stream and {@code b} in {@code other} hold the same bytes. */
  boolean sameBytes(ExplainItem a, Explanation other, ExplainItem b) {
    if (a.length() != b.length()) {
      return false;
    }
    long n = a.length();
    if (a.offset() + n > stream.length() || b.offset() + n > other.stream.length()) {
      return false;
    }
    return mismatch(stream, a.offset(), other.stream, b.offset(), n) < 0;
  }

  /** The first index where {@code n} bytes at {@code x}/{@code y} differ, or -1. */
  static long mismatch(StreamBytes xs, long x, StreamBytes ys, long y, long n) {
    final int piece = 1 << 16;
    for (long done = 0; done < n; done += piece) {
      int k = (int) Math.min(piece, n - done);
      byte[] p = xs.read(x + done, k);
      byte[] q = ys.read(y + done, k);
      int m = Arrays.mismatch(p, q);
      if (m >= 0) {
        return done + m;
      }
    }
    return -1;
  }

  /** The items as text, one per line; then the failure, if any. */
  public List<String> lines() {
    return lines(i -> true);
  }

  /** Like {@link #lines()}, with only the items {@code which} accepts. */
  public List<String> lines(Predicate<ExplainItem> which) {
    List<ExplainItem> items = this.items.stream().filter(which).toList();
    int ow = offsetWidth(stream.length());
    int pw = 4;
    int cw = 5;
    int hw = 5;
    for (ExplainItem i : items) {
      pw = Math.max(pw, Math.min(PATH_WIDTH, i.path().length()));
      cw = Math.max(cw, Math.min(CODEC_WIDTH, i.codec().length()));
      hw = Math.max(hw, Math.min(HEX_WIDTH, i.hex().length()));
    }
    List<String> out = new ArrayList<>(items.size() + 16);
    out.add("# " + title);
    out.add(pad("offset", ow + 2) + "  " + pad("path", pw) + "  " + pad("codec", cw) + "  "
        + pad("bytes", hw) + "  value");
    for (ExplainItem i : items) {
      out.add(line(i, ow, pw, cw, hw));
    }
    for (String n : notes) {
      out.add("# note " + n);
    }
    ExplainFailure f = failure;
    if (f == null) {
      out.add("# " + this.items.stream().filter(ExplainItem::isState).count() + " state items, "
          + stream.length() + " bytes, read to the end");
      return out;
    }
    out.add("!! " + (f.offset() >= 0 ? Values.offset(f.offset(), ow) + "  " : "")
        + (f.path().isEmpty() ? "" : f.path() + ": ") + f.message());
    ExplainItem last = f.lastGood();
    out.add("   last good item: " + (last == null ? "none" : line(last, ow, 0, 0, 0).strip()));
    if (!f.context().isEmpty()) {
      out.add("   bytes around the failure ([..] = failing byte):");
      for (String c : f.context()) {
        out.add("   " + c);
      }
    }
    return out;
  }

  /** {@link #lines()} joined with newlines, with a final newline. */
  public String text() {
    return String.join("\n", lines()) + "\n";
  }

  @Override
  public String toString() {
    return text();
  }

  private static String line(ExplainItem i, int ow, int pw, int cw, int hw) {
    String hex = i.hex().isEmpty() ? "-" : i.hex();
    StringBuilder sb = new StringBuilder();
    sb.append(Values.offset(i.offset(), ow)).append("  ").append(pad(i.path(), pw)).append("  ")
        .append(pad(i.codec(), cw)).append("  ").append(pad(hex, hw));
    if (!i.value().isEmpty()) {
      sb.append("  ").append(i.value());
    }
    return sb.toString().stripTrailing();
  }

  static int offsetWidth(long length) {
    return Math.max(4, Long.toHexString(Math.max(0, length - 1)).length());
  }

  private static String pad(String s, int w) {
    if (s.length() >= w) {
      return s;
    }
    return s + " ".repeat(w - s.length());
  }
}
