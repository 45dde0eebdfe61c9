package org.vmstate4j.engine.inspect;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.inspect.CompatReport.Cause;
import org.vmstate4j.engine.inspect.CompatReport.Direction;
import org.vmstate4j.engine.inspect.CompatReport.Finding;
import org.vmstate4j.engine.inspect.CompatReport.Severity;
import org.vmstate4j.engine.inspect.WireItem.Enter;
import org.vmstate4j.engine.inspect.WireItem.Exit;
import org.vmstate4j.engine.inspect.WireItem.Leaf;
import org.vmstate4j.engine.inspect.WireItem.Subs;

/**
 * One direction of a comparison: {@code src} saves, {@code dst} loads. Fields are paired in wire
 * order ({@link WireItem}), so structs that only group fields change nothing; after a version
 * error the rest is still compared, so one run lists everything to fix.
 */
final class CompatRun {
  private final Direction dir;
  private final List<Finding> out = new ArrayList<>();
  private final CompatPairs pairs = new CompatPairs(this);
  private final CompatSubsections subs = new CompatSubsections(this);

  CompatRun(Direction dir) {
    this.dir = dir;
  }

  List<Finding> findings() {
    return out;
  }

  void add(Severity s, Cause c, String path, String message) {
    out.add(new Finding(dir, s, c, path, message));
  }

  /** A whole section: the description's name (part of the section id string), then the rest. */
  CompatRun section(CompatDescription src, CompatDescription dst) {
    if (!src.name().equals(dst.name())) {
      add(Severity.ERROR, Cause.DESCRIPTION_RENAMED, dst.name(), "the description is named '"
          + src.name() + "' at the source and '" + dst.name() + "' at the destination: QEMU"
          + " builds a section's id string from the device's path and the description's name"
          + " (e.g. '0000:00:05.0/" + src.name() + "'), so the destination has no section for"
          + " the incoming one and the load fails (\"Unknown savevm section or instance '"
          + src.name() + "' 0\", path prefix omitted)");
    }
    transmitted(src, dst, dst.name(), src.versionId(), 0);
    return this;
  }

  /** A description whose version travels (section or subsection): QEMU's version checks. */
  void transmitted(CompatDescription src, CompatDescription dst, String path, int version,
      int depth) {
    int dstVersion = version;
    if (version > dst.versionId()) {
      add(Severity.ERROR, Cause.VERSION_TOO_NEW, path, "incoming version " + version
          + " is too new for the destination's version " + dst.versionId());
      dstVersion = dst.versionId();
    } else if (version < dst.minimumVersionId()) {
      add(Severity.ERROR, Cause.VERSION_TOO_OLD, path, "incoming version " + version
          + " is too old for the destination's minimum version " + dst.minimumVersionId());
      dstVersion = dst.minimumVersionId();
    }
    // QEMU stops at a version error; comparing on shows what else must change
    compare(src, version, dst, dstVersion, path, depth);
  }

  void compare(CompatDescription src, int srcVersion, CompatDescription dst,
      int dstVersion, String path, int depth) {
    if (depth > 64) {
      add(Severity.WARNING, Cause.UNKNOWN_DETAIL, path,
          "descriptions nested too deeply to compare");
      return;
    }
    pairs.validations(src, dst, path);
    walk(WireItem.flatten(src, srcVersion, path), srcVersion,
        WireItem.flatten(dst, dstVersion, path), dstVersion, src, dst, depth);
    subs.subsections(src, dst, path, depth);
  }

  // ------------------------------------------------------------------ pairing in wire order

  private void walk(List<WireItem> s, int srcVersion, List<WireItem> d, int dstVersion,
      CompatDescription src, CompatDescription dst, int depth) {
    int i = 0;
    int j = 0;
    Set<Integer> wrappedS = new HashSet<>();
    Set<Integer> wrappedD = new HashSet<>();
    while (i < s.size() || j < d.size()) {
      WireItem a = i < s.size() ? s.get(i) : null;
      WireItem b = j < d.size() ? d.get(j) : null;
      if (a instanceof Exit x) {
        if (wrappedS.remove(x.start())) {
          wrapped((Enter) s.get(x.start()), "source", "destination");
        }
        i++;
        continue;
      }
      if (b instanceof Exit x) {
        if (wrappedD.remove(x.start())) {
          wrapped((Enter) d.get(x.start()), "destination", "source");
        }
        j++;
        continue;
      }
      if (a instanceof Subs sa && b instanceof Subs sb) {
        subs.subsections(sa.owner(), sb.owner(), sb.path(), depth + 1);
        i++;
        j++;
        continue;
      }
      if (a instanceof Subs sa) {
        subs.strayingSubsections(sa, b);
        i++;
        continue;
      }
      if (b instanceof Subs sb) {
        for (CompatDescription ds : sb.owner().subsections()) {
          subs.notSent(ds, sb.path());
        }
        j++;
        continue;
      }
      if (a == null) {
        notSent(d, j, dstVersion, s.isEmpty() ? src.name() : null);
        return;
      }
      if (b == null) {
        notRead(s, i, srcVersion, d, dst.name());
        return;
      }
      CompatField fa = Objects.requireNonNull(WireItem.fieldOf(a));
      CompatField fb = Objects.requireNonNull(WireItem.fieldOf(b));
      if (fa.name().equals(fb.name())) {
        if (a instanceof Enter ea && b instanceof Enter eb) {
          pairs.structs(ea, eb);
          i++;
          j++;
        } else if (a instanceof Leaf la && b instanceof Leaf lb) {
          pairs.leaves(la.field(), lb.field(), lb.path(), depth);
          i++;
          j++;
        } else if (a instanceof Enter ea) {
          pairs.structAndPlain(ea, (Leaf) b, true, depth);
          i = ea.end() + 1;
          j++;
        } else {
          Enter eb = (Enter) b;
          pairs.structAndPlain(eb, (Leaf) a, false, depth);
          i++;
          j = eb.end() + 1;
        }
        continue;
      }
      // a struct on one side that opens with the other side's field: only a grouping
      if (b instanceof Enter && opensWith(d, j, fa.name())) {
        wrappedD.add(j++);
        continue;
      }
      if (a instanceof Enter && opensWith(s, i, fb.name())) {
        wrappedS.add(i++);
        continue;
      }
      if (a instanceof Enter ea && b instanceof Enter eb
          && ea.nested().name().equals(eb.nested().name())) {
        add(Severity.WARNING, Cause.FIELD_RENAMED, eb.path(), "the source has struct '"
            + fa.name() + "' where the destination has '" + fb.name() + "', both '"
            + eb.nested().name() + "'; names are not on the wire, so this loads if the"
            + " meaning is the same");
        pairs.structs(ea, eb);
        i++;
        j++;
        continue;
      }
      if (!mismatch(a, s, i, b, d, j, depth)) {
        return; // the layouts have diverged; later fields are not comparable
      }
      i++;
      j++;
    }
  }

  /** Whether the struct opened at {@code at} starts (through nested structs) with {@code name}. */
  private static boolean opensWith(List<WireItem> items, int at, String name) {
    for (int k = at + 1; k < items.size(); k++) {
      WireItem w = items.get(k);
      if (w instanceof Leaf l) {
        return l.field().name().equals(name);
      }
      if (!(w instanceof Enter e)) {
        return false;
      }
      if (e.field().name().equals(name)) {
        return true;
      }
    }
    return false;
  }

  private void wrapped(Enter e, String side, String other) {
    add(Severity.INFO, Cause.STRUCT_WRAPPING, e.path(), "the " + side + " groups these fields"
        + " in struct '" + e.field().name() + "' ('" + e.nested().name() + "') where the "
        + other + " has them unwrapped: a nested struct adds no bytes, so they are compared"
        + " one by one on the wire");
  }

  /** Names differ at the same wire position; false when the layouts have diverged. */
  private boolean mismatch(WireItem a, List<WireItem> s, int i, WireItem b, List<WireItem> d,
      int j, int depth) {
    CompatField fa = Objects.requireNonNull(WireItem.fieldOf(a));
    CompatField fb = Objects.requireNonNull(WireItem.fieldOf(b));
    boolean aLater = indexOf(d, j + 1, fa.name()) >= 0;
    boolean bLater = indexOf(s, i + 1, fb.name()) >= 0;
    if (aLater && !bLater) {
      add(Severity.ERROR, Cause.FIELD_NOT_SENT, b.path(), "the destination reads '"
          + fb.name() + "' here, which the source does not send (the source's next field, '"
          + fa.name() + "', comes later at the destination): '" + fb.name() + "' takes the"
          + " bytes of '" + fa.name() + "' and every later field shifts");
      return false;
    }
    if (bLater && !aLater) {
      add(Severity.ERROR, Cause.FIELD_NOT_READ, a.path(), "the source sends '" + fa.name()
          + "', which the destination does not read here (its next field, '" + fb.name()
          + "', comes later at the source): the bytes of '" + fa.name() + "' are read as '"
          + fb.name() + "' and every later field shifts");
      return false;
    }
    if (!aLater && a instanceof Leaf la && b instanceof Leaf lb && sameLayout(fa, fb)) {
      add(Severity.WARNING, Cause.FIELD_RENAMED, lb.path(), "the source has '" + fa.name()
          + "' where the destination has '" + fb.name() + "' with the same layout ("
          + layout(fa) + "); names are not on the wire, so this loads if the meaning is the"
          + " same");
      pairs.leaves(la.field(), lb.field(), lb.path(), depth);
      return true;
    }
    add(Severity.ERROR, Cause.FIELD_ORDER, b.path(), "field order: the source sends '"
        + fa.name() + "' (" + layout(fa) + ") where the destination expects '" + fb.name()
        + "' (" + layout(fb) + ")");
    return false;
  }

  private static int indexOf(List<WireItem> items, int from, String name) {
    for (int k = from; k < items.size(); k++) {
      CompatField f = WireItem.fieldOf(items.get(k));
      if (f != null && f.name().equals(name)) {
        return k;
      }
    }
    return -1;
  }

  private static boolean sameLayout(CompatField s, CompatField d) {
    if (s.nested() != null || d.nested() != null) {
      return false;
    }
    return Objects.equals(s.encoding(), d.encoding()) && Objects.equals(s.codec(), d.codec())
        && s.size() == d.size() && s.num() == d.num();
  }

  private static String layout(CompatField f) {
    if (f.nested() != null) {
      return "'" + f.nested().name() + "'";
    }
    String c = f.codec();
    return (c == null ? "" : c + ", ") + f.size() + (f.size() == 1 ? " byte" : " bytes")
        + (f.num() > 0 ? " x " + f.num() : "");
  }

  /** The source sends what remains at {@code from}; the destination reads nothing more. */
  private void notRead(List<WireItem> s, int from, int srcVersion, List<WireItem> d,
      String dstName) {
    List<CompatField> rest = fields(s, from);
    if (rest.isEmpty()) {
      return;
    }
    CompatField f = rest.get(0);
    String first = pathOf(s, from);
    String more = rest.size() > 1 ? " and " + (rest.size() - 1) + " more field"
        + (rest.size() > 2 ? "s" : "") : "";
    String last = lastFieldPath(d);
    String where = last == null
        ? "the destination's '" + dstName + "' has no fields at all"
        : "the destination reads no field after '" + last + "'";
    add(f.existsTest() ? Severity.WARNING : Severity.ERROR, Cause.FIELD_NOT_READ, first,
        "the source sends '" + relative(first) + "' (" + since(f, srcVersion) + ")" + more
            + ", but "
            + where + ": the bytes are left for whatever the destination reads next, and the"
            + " load fails");
  }

  /** The destination reads what remains at {@code from}; the source sends nothing more. */
  private void notSent(List<WireItem> d, int from, int dstVersion, @Nullable String emptySrc) {
    List<CompatField> rest = fields(d, from);
    if (rest.isEmpty()) {
      return;
    }
    CompatField f = rest.get(0);
    String more = rest.size() > 1 ? " and " + (rest.size() - 1) + " more field"
        + (rest.size() > 2 ? "s" : "") : "";
    add(f.existsTest() ? Severity.WARNING : Severity.ERROR, Cause.FIELD_NOT_SENT,
        pathOf(d, from), "the destination reads '" + relative(pathOf(d, from)) + "' ("
            + since(f, dstVersion)
            + ")" + more + ", which the source does not send"
            + (emptySrc == null ? "" : " (the source's '" + emptySrc + "' has no fields)")
            + ": the destination takes the bytes that follow (the next section or the end)"
            + " as its value, and the load fails");
  }

  private static List<CompatField> fields(List<WireItem> items, int from) {
    List<CompatField> out = new ArrayList<>();
    for (int k = from; k < items.size(); k++) {
      if (items.get(k) instanceof Leaf l) {
        out.add(l.field());
      }
    }
    return out;
  }

  private static String pathOf(List<WireItem> items, int from) {
    for (int k = from; k < items.size(); k++) {
      if (items.get(k) instanceof Leaf l) {
        return l.path();
      }
    }
    return items.get(from).path();
  }

  private static @Nullable String lastFieldPath(List<WireItem> items) {
    for (int k = items.size() - 1; k >= 0; k--) {
      if (items.get(k) instanceof Leaf l) {
        return relative(l.path());
      }
    }
    return null;
  }

  static String relative(String path) {
    int slash = path.indexOf('/');
    return slash < 0 ? path : path.substring(slash + 1);
  }

  /** When a field is on the wire, in words. */
  private static String since(CompatField f, int version) {
    if (f.existsTest()) {
      return "sent when its field_exists test is true";
    }
    if (f.versionId() <= 0) {
      return "a field of every version";
    }
    return "a field since version " + f.versionId() + ", on the wire at version " + version;
  }
}
