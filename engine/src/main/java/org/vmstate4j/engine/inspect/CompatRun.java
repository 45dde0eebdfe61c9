package org.vmstate4j.engine.inspect;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.inspect.CompatDescription.Gate;
import org.vmstate4j.engine.inspect.CompatField.Encoding;
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

  private void compare(CompatDescription src, int srcVersion, CompatDescription dst,
      int dstVersion, String path, int depth) {
    if (depth > 64) {
      add(Severity.WARNING, Cause.UNKNOWN_DETAIL, path,
          "descriptions nested too deeply to compare");
      return;
    }
    validations(src, dst, path);
    walk(WireItem.flatten(src, srcVersion, path), srcVersion,
        WireItem.flatten(dst, dstVersion, path), dstVersion, src, dst, depth);
    subsections(src, dst, path, depth);
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
        subsections(sa.owner(), sb.owner(), sb.path(), depth + 1);
        i++;
        j++;
        continue;
      }
      if (a instanceof Subs sa) {
        strayingSubsections(sa, b);
        i++;
        continue;
      }
      if (b instanceof Subs sb) {
        for (CompatDescription ds : sb.owner().subsections()) {
          notSent(ds, sb.path());
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
          structs(ea, eb);
          i++;
          j++;
        } else if (a instanceof Leaf la && b instanceof Leaf lb) {
          leaves(la.field(), lb.field(), lb.path(), depth);
          i++;
          j++;
        } else if (a instanceof Enter ea) {
          structAndPlain(ea, (Leaf) b, true, depth);
          i = ea.end() + 1;
          j++;
        } else {
          Enter eb = (Enter) b;
          structAndPlain(eb, (Leaf) a, false, depth);
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
        structs(ea, eb);
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
      leaves(la.field(), lb.field(), lb.path(), depth);
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

  private static String relative(String path) {
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

  // ------------------------------------------------------------------ pairs

  /** Two struct fields at the same position; their fields are paired by the walk. */
  private void structs(Enter a, Enter b) {
    existsTests(a.field(), b.field(), b.path());
    Encoding se = a.field().encoding();
    Encoding de = b.field().encoding();
    if (se != null && de != null && se != de) {
      add(Severity.WARNING, Cause.ENCODING, b.path(), describe(a.field()) + " vs "
          + describe(b.field()) + ": the nested description is loaded at a different"
          + " version");
    }
    nestedNames(a.nested(), b.nested(), b.path());
  }

  /** A struct on one side, a field without description (or one not opened) on the other. */
  private void structAndPlain(Enter e, Leaf l, boolean structAtSource, int depth) {
    CompatDescription ln = l.field().nested();
    if (ln != null) {
      // e.g. our array of structs against a -dump-vmstate field: compare as a unit
      CompatField s = structAtSource ? e.field() : l.field();
      CompatField d = structAtSource ? l.field() : e.field();
      leaves(s, d, structAtSource ? l.path() : e.path(), depth);
      return;
    }
    String side = structAtSource ? "source" : "destination";
    String other = structAtSource ? "destination" : "source";
    add(Severity.ERROR, Cause.NESTED_DESCRIPTION_MISSING, structAtSource ? l.path() : e.path(),
        "only the " + side + " has a nested description for '" + e.field().name() + "' ('"
            + e.nested().name() + "'); the " + other + " has a plain field of "
            + l.field().size() + " bytes there: the two do not put the same bytes on the"
            + " wire (the " + other + "'s dump is missing the description, or the field"
            + " changed type)");
  }

  /** Two fields that put bytes on the wire as units, at the same position. */
  private void leaves(CompatField s, CompatField d, String path, int depth) {
    existsTests(s, d, path);
    boolean ok = true;
    if (known(s) && known(d)) {
      ok = detailed(s, d, path);
    } else if (s.nested() == null && d.nested() == null && s.size() != d.size()) {
      add(Severity.ERROR, Cause.SIZE, path, "size " + s.size() + " vs " + d.size() + ": '"
          + d.name() + "' is " + s.size() + " bytes per element at the source and " + d.size()
          + " at the destination, so every later byte shifts");
      ok = false;
    }
    CompatDescription sn = s.nested();
    CompatDescription dn = d.nested();
    if (sn != null && dn != null && ok) {
      nestedNames(sn, dn, path);
      compare(sn, sn.versionId(), dn, dn.versionId(), path, depth + 1);
    } else if ((sn == null) != (dn == null)) {
      add(Severity.ERROR, Cause.NESTED_DESCRIPTION_MISSING, path, (sn == null
          ? "only the destination" : "only the source") + " has a nested description here");
    }
  }

  private void existsTests(CompatField s, CompatField d, String path) {
    if (s.existsTest() != d.existsTest()) {
      add(Severity.WARNING, Cause.EXISTS_TEST, path, (d.existsTest() ? "the destination"
          : "the source") + " has a field_exists test and the other side does not: when it is"
          + " false there, every later byte shifts");
    } else if (s.existsTest()) {
      add(Severity.INFO, Cause.EXISTS_TEST, path, "field_exists test on both sides: the"
          + " predicates must agree for every state, or every later byte shifts");
    }
  }

  private void nestedNames(CompatDescription sn, CompatDescription dn, String path) {
    if (!sn.name().equals(dn.name())) {
      add(Severity.INFO, Cause.NESTED_DESCRIPTION, path, "nested description '" + sn.name()
          + "' vs '" + dn.name() + "' (names are not on the wire)");
    }
    if (sn.versionId() != dn.versionId()) {
      add(Severity.INFO, Cause.NESTED_DESCRIPTION, path, "nested '" + dn.name() + "' is v"
          + sn.versionId() + " at the source and v" + dn.versionId() + " at the destination;"
          + " nested versions are not transmitted, so each side uses its own");
    }
  }

  private static boolean known(CompatField f) {
    return f.encoding() != null && f.codec() != null;
  }

  /** Codec, layout, counts and sizes; false when the bytes cannot line up. */
  private boolean detailed(CompatField s, CompatField d, String path) {
    Encoding se = s.encoding();
    Encoding de = d.encoding();
    boolean ok = true;
    if (se != de) {
      ok = encodings(s, d, path);
    } else if (se == Encoding.ARRAY && s.num() != d.num()) {
      add(Severity.ERROR, Cause.ENCODING, path, "array of " + s.num() + " vs " + d.num()
          + " elements");
      ok = false;
    } else if (se == Encoding.VARRAY || se == Encoding.POINTER_ARRAY
        || se == Encoding.POINTER_ARRAY_AUTO_ALLOC) {
      counts(s, d, path);
    }
    String sc = Objects.requireNonNull(s.codec());
    String dc = Objects.requireNonNull(d.codec());
    if (!sc.equals(dc)) {
      int sw = width(sc);
      int dw = width(dc);
      if (sw > 0 && sw == dw) {
        add(isEqual(sc) && !isEqual(dc) ? Severity.INFO : Severity.WARNING,
            isEqual(sc) || isEqual(dc) ? Cause.EQUAL_CHECK : Cause.CODEC, path,
            "codec '" + sc + "' vs '" + dc + "': same " + sw + "-byte width, but "
                + equalNote(sc, dc));
      } else {
        add(Severity.ERROR, Cause.CODEC, path, "codec '" + sc + "' vs '" + dc + "'"
            + (sw > 0 && dw > 0 ? ": " + sw + " vs " + dw + " bytes on the wire" : ""));
        ok = false;
      }
    } else if (isEqual(dc)) {
      add(Severity.INFO, Cause.EQUAL_CHECK, path, "'" + dc + "' on both sides: the value must"
          + " equal the destination's own (configuration must match)");
    } else if (width(sc) == 0 && s.size() != d.size() && se != Encoding.VBUFFER
        && s.nested() == null) {
      add(Severity.ERROR, Cause.SIZE, path, "size " + s.size() + " vs " + d.size());
      ok = false;
    }
    return ok;
  }

  private static String equalNote(String src, String dst) {
    if (isEqual(dst) && !isEqual(src)) {
      return "the destination checks equality with its own value: a source whose value"
          + " differs (another configuration) fails to load";
    }
    if (isEqual(src) && !isEqual(dst)) {
      return "the destination no longer checks equality: it takes the source's value";
    }
    if (dst.equals("int32 le")) {
      return "the destination accepts only 0 <= value <= its own";
    }
    return "the value is interpreted differently (signedness or checks)";
  }

  private boolean encodings(CompatField s, CompatField d, String path) {
    Encoding se = s.encoding();
    Encoding de = d.encoding();
    if (pointerArray(se) && pointerArray(de)) {
      add(Severity.ERROR, Cause.ENCODING, path, describe(s) + " vs " + describe(d) + ": "
          + (de == Encoding.POINTER_ARRAY_AUTO_ALLOC
          ? "the destination reads a marker before every element, the source writes one"
              + " only for NULL slots; populated slots misparse"
          : "the source writes a 0x31 marker before every populated element, which the"
              + " legacy destination rejects (or misreads when its slot is populated)"));
      return false;
    }
    if ((se == Encoding.ARRAY && de == Encoding.VARRAY)
        || (se == Encoding.VARRAY && de == Encoding.ARRAY)) {
      add(Severity.WARNING, Cause.ENCODING, path, describe(s) + " vs " + describe(d)
          + ": same bytes only while the count is " + Math.max(s.num(), d.num()));
      return true;
    }
    if ((se == Encoding.STRUCT && de == Encoding.VSTRUCT)
        || (se == Encoding.VSTRUCT && de == Encoding.STRUCT)) {
      add(Severity.WARNING, Cause.ENCODING, path, describe(s) + " vs " + describe(d)
          + ": the nested description is loaded at a different version");
      return true;
    }
    if ((se == Encoding.BUFFER && de == Encoding.SCALAR)
        || (se == Encoding.SCALAR && de == Encoding.BUFFER)) {
      return true; // judged by codec and size
    }
    add(Severity.ERROR, Cause.ENCODING, path, describe(s) + " vs " + describe(d));
    return false;
  }

  private void counts(CompatField s, CompatField d, String path) {
    if (s.encoding() == Encoding.VARRAY || s.countWidth() != null || d.countWidth() != null) {
      if (!Objects.equals(s.countField(), d.countField())) {
        add(Severity.WARNING, Cause.COUNT, path, "count from '" + s.countField() + "' vs '"
            + d.countField() + "': both must hold the same number");
      }
      if (s.countWidth() != d.countWidth()) {
        add(Severity.WARNING, Cause.COUNT, path, "count read as " + s.countWidth() + " vs "
            + d.countWidth() + ": counts that do not fit the narrower width give a"
            + " different number of elements");
      }
    }
    if (s.num() != d.num()) {
      add(Severity.ERROR, Cause.COUNT, path, "array of " + s.num() + " vs " + d.num()
          + " slots");
    }
  }

  private static String describe(CompatField f) {
    Encoding e = f.encoding();
    String base = e == null ? "?" : e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    if (e == Encoding.ARRAY) {
      return base + " of " + f.num();
    }
    if (f.countField() != null) {
      return base + " counted by " + f.countField()
          + (f.countWidth() == null ? "" : " (" + f.countWidth() + ")");
    }
    if (f.num() > 0) {
      return base + " of " + f.num();
    }
    return base;
  }

  private static boolean pointerArray(@Nullable Encoding e) {
    return e == Encoding.POINTER_ARRAY || e == Encoding.POINTER_ARRAY_AUTO_ALLOC;
  }

  private void validations(CompatDescription src, CompatDescription dst, String path) {
    for (CompatField f : dst.fields()) {
      if (f.encoding() == Encoding.VALIDATE && src.fields().stream()
          .noneMatch(g -> g.encoding() == Encoding.VALIDATE && g.name().equals(f.name()))) {
        add(Severity.INFO, Cause.VALIDATION, path + "/" + f.name(), "the destination"
            + " validates the loaded state (VMSTATE_VALIDATE '" + f.name() + "'); states the"
            + " source accepts may be rejected");
      }
    }
  }

  // ------------------------------------------------------------------ subsections

  private void subsections(CompatDescription src, CompatDescription dst, String path,
      int depth) {
    for (CompatDescription ss : src.subsections()) {
      String sp = path + "/" + segment(ss.name(), src.name());
      CompatDescription ds = dst.subsection(ss.name());
      if (ds == null) {
        unknownSubsection(ss, sp, "'" + dst.name() + "' at the destination has no subsection"
            + " of that name" + (dst.subsections().isEmpty() ? " (it has no subsections)" : ""),
            dst.name());
        continue;
      }
      if (ss.versionId() > 255) {
        add(Severity.INFO, Cause.SUBSECTION, sp, "version " + ss.versionId() + " travels as"
            + " be32 but QEMU loads only its low 8 bits (" + (ss.versionId() & 0xff) + ")");
      }
      int before = out.size();
      transmitted(ss, ds, sp, ss.versionId() & 0xff, depth + 1);
      if (out.size() == before && ss.gate() != ds.gate() && ss.gate() != Gate.UNKNOWN
          && ds.gate() != Gate.UNKNOWN) {
        add(Severity.INFO, Cause.SUBSECTION, sp, "sent " + (ss.gate() == Gate.NEEDED
            ? "when needed" : "always") + " by the source, " + (ds.gate() == Gate.NEEDED
            ? "when needed" : "always") + " by the destination (loading does not require it"
            + " either way)");
      }
    }
    for (CompatDescription ds : dst.subsections()) {
      if (src.subsection(ds.name()) == null) {
        notSent(ds, path + "/" + segment(ds.name(), dst.name()));
      }
    }
  }

  private void unknownSubsection(CompatDescription ss, String path, String why,
      String dstName) {
    String fails = "the load fails (QEMU 7.2 ends it with \"No such file or directory\"; later"
        + " versions say \"VM subsection '" + ss.name() + "' in '" + dstName + "' does not"
        + " exist\")";
    if (ss.gate() == Gate.NEEDED) {
      add(Severity.WARNING, Cause.SUBSECTION_MISSING, path, "subsection '" + ss.name()
          + "' is unknown to the destination (" + why + "): a stream loads only while the"
          + " source's needed() is false; when it is sent, " + fails);
    } else {
      add(Severity.ERROR, Cause.SUBSECTION_MISSING, path, "subsection '" + ss.name()
          + "' is unknown to the destination (" + why + ")" + (ss.gate() == Gate.ALWAYS
          ? "; always sent by the source" : "; -dump-vmstate does not record whether"
          + " needed() gates it") + ": when it is sent, " + fails);
    }
  }

  private void notSent(CompatDescription ds, String path) {
    add(Severity.INFO, Cause.SUBSECTION_NOT_SENT, path, "the destination knows subsection '"
        + ds.name() + "' which the source never sends; its fields keep the destination's"
        + " values");
  }

  /** A source struct's subsections where the destination has no such struct. */
  private void strayingSubsections(Subs sa, @Nullable WireItem b) {
    for (CompatDescription ss : sa.owner().subsections()) {
      String reads = b == null ? "nothing more" : "'" + relative(b.path()) + "'";
      unknownSubsection(ss, sa.path() + "/" + segment(ss.name(), sa.owner().name()),
          "they would come where the destination reads " + reads, sa.owner().name());
    }
  }

  private static String segment(String name, String parent) {
    return name.startsWith(parent + "/") ? name.substring(parent.length() + 1) : name;
  }

  private static boolean isEqual(String codec) {
    return codec.endsWith(" equal");
  }

  /** Wire bytes of fixed-width codecs, else 0. */
  private static int width(String codec) {
    switch (codec) {
      case "bool":
      case "int8":
      case "uint8":
      case "uint8 equal":
        return 1;
      case "int16":
      case "uint16":
      case "uint16 equal":
        return 2;
      case "int32":
      case "uint32":
      case "int32 equal":
      case "uint32 equal":
      case "int32 le":
        return 4;
      case "int64":
      case "uint64":
      case "int64 equal":
      case "timer":
      case "float64":
        return 8;
      default:
        return 0;
    }
  }
}
