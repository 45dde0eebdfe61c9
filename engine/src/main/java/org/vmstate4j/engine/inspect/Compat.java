package org.vmstate4j.engine.inspect;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.inspect.CompatDescription.Gate;
import org.vmstate4j.engine.inspect.CompatField.Encoding;
import org.vmstate4j.engine.inspect.CompatReport.Direction;
import org.vmstate4j.engine.inspect.CompatReport.Finding;
import org.vmstate4j.engine.inspect.CompatReport.Severity;
import org.vmstate4j.engine.inspect.CompatReport.Verdict;
import org.vmstate4j.engine.model.VmStateDescription;

/**
 * Compares two versions of a description and says, per direction, whether a stream saved with
 * one loads with the other, following QEMU's load rules.
 *
 * <p>What QEMU's vmstate-static-checker.py checks is covered (section version against version
 * and minimum version, field order by name, field versions, sizes, nested descriptions and
 * subsections), plus what it cannot see: codecs, the wire layout (array, varray and its count
 * field and width, legacy vs AUTO_ALLOC pointer arrays, queues, buffers), {@code *_equal}
 * checks, {@code field_exists} tests on one side only, which fields each side actually reads at
 * the incoming version (nested structs load at the destination's own version), and whether a
 * missing subsection is sent always or only when needed(). Field names are not on the wire: a
 * rename with the same layout is only a warning.
 *
 * <pre>{@code
 * CompatReport r = Compat.check(OldDevice.VMSD, NewDevice.VMSD);
 * r.verdict(Direction.NEW_TO_OLD);   // INCOMPATIBLE
 * r.lines().forEach(System.out::println);
 * }</pre>
 */
public final class Compat {
  private Compat() {}

  /** Compares two of our descriptions. */
  public static CompatReport check(VmStateDescription older, VmStateDescription newer) {
    return check(CompatDescription.of(older), CompatDescription.of(newer));
  }

  /** Compares two descriptions of the neutral model (ours or read from -dump-vmstate). */
  public static CompatReport check(CompatDescription older, CompatDescription newer) {
    List<Finding> all = new ArrayList<>();
    if (older.detailed() != newer.detailed()) {
      all.add(new Finding(Direction.OLD_TO_NEW, Severity.INFO, older.name(),
          "one side comes from -dump-vmstate: codecs, wire layouts and needed() are unknown"
              + " there, so only names, versions and sizes are compared"));
    }
    all.addAll(new Run(Direction.OLD_TO_NEW).section(older, newer));
    all.addAll(new Run(Direction.NEW_TO_OLD).section(newer, older));
    return new CompatReport(older.name().equals(newer.name()) ? older.name()
        : older.name() + " vs " + newer.name(), verdict(all, Direction.OLD_TO_NEW),
        verdict(all, Direction.NEW_TO_OLD), all);
  }

  /**
   * Compares two sets of devices (e.g. two -dump-vmstate files) device type by device type;
   * {@code only}, when given, limits the comparison to device types or description names that
   * contain it.
   */
  public static List<CompatReport> check(Map<String, CompatDescription> older,
      Map<String, CompatDescription> newer, @Nullable String only) {
    List<CompatReport> out = new ArrayList<>();
    for (Map.Entry<String, CompatDescription> e : older.entrySet()) {
      if (!matches(e.getKey(), e.getValue(), only)) {
        continue;
      }
      CompatDescription n = newer.get(e.getKey());
      if (n == null) {
        out.add(missing(e.getKey(), Direction.OLD_TO_NEW, "new"));
        continue;
      }
      CompatReport r = check(e.getValue(), n);
      out.add(new CompatReport(e.getKey(), r.oldToNew(), r.newToOld(), r.findings()));
    }
    for (Map.Entry<String, CompatDescription> e : newer.entrySet()) {
      if (!older.containsKey(e.getKey()) && matches(e.getKey(), e.getValue(), only)) {
        out.add(missing(e.getKey(), Direction.NEW_TO_OLD, "old"));
      }
    }
    return out;
  }

  private static boolean matches(String key, CompatDescription d, @Nullable String only) {
    return only == null || key.contains(only) || d.name().contains(only);
  }

  private static CompatReport missing(String key, Direction d, String side) {
    Finding f = new Finding(d, Severity.ERROR, key, "section does not exist in the " + side
        + " version: a stream carrying it fails with \"Unknown section or instance\"");
    Verdict bad = Verdict.INCOMPATIBLE;
    return d == Direction.OLD_TO_NEW
        ? new CompatReport(key, bad, Verdict.COMPATIBLE, List.of(f))
        : new CompatReport(key, Verdict.COMPATIBLE, bad, List.of(f));
  }

  private static Verdict verdict(List<Finding> fs, Direction d) {
    Verdict v = Verdict.COMPATIBLE;
    for (Finding f : fs) {
      if (f.direction() != d) {
        continue;
      }
      if (f.severity() == Severity.ERROR) {
        return Verdict.INCOMPATIBLE;
      }
      if (f.severity() == Severity.WARNING) {
        v = Verdict.CONDITIONAL;
      }
    }
    return v;
  }

  /** One direction: {@code src} saves, {@code dst} loads. */
  private static final class Run {
    final Direction dir;
    final List<Finding> out = new ArrayList<>();

    Run(Direction dir) {
      this.dir = dir;
    }

    void add(Severity s, String path, String message) {
      out.add(new Finding(dir, s, path, message));
    }

    List<Finding> section(CompatDescription src, CompatDescription dst) {
      String path = dst.name();
      if (!src.name().equals(dst.name())) {
        add(Severity.INFO, path, "description names differ ('" + src.name() + "' vs '"
            + dst.name() + "'); sections are matched by id string, not by description name");
      }
      transmitted(src, dst, path, src.versionId());
      return out;
    }

    /** A description whose version travels (section or subsection): QEMU's version checks. */
    void transmitted(CompatDescription src, CompatDescription dst, String path, int version) {
      boolean versionOk = true;
      if (version > dst.versionId()) {
        add(Severity.ERROR, path, "incoming version " + version + " is too new for the"
            + " destination's version " + dst.versionId());
        versionOk = false;
      } else if (version < dst.minimumVersionId()) {
        add(Severity.ERROR, path, "incoming version " + version + " is too old for the"
            + " destination's minimum version " + dst.minimumVersionId());
        versionOk = false;
      }
      if (versionOk) {
        body(src, version, dst, version, path, 0);
      }
    }

    void body(CompatDescription src, int srcVersion, CompatDescription dst, int dstVersion,
        String path, int depth) {
      if (depth > 64) {
        add(Severity.WARNING, path, "descriptions nested too deeply to compare");
        return;
      }
      List<CompatField> s = wire(src.fields(), srcVersion);
      List<CompatField> d = wire(dst.fields(), dstVersion);
      validations(src, dst, path);
      int n = Math.min(s.size(), d.size());
      for (int i = 0; i < n; i++) {
        if (!pair(s.get(i), d.get(i), path, depth)) {
          return; // the layouts have diverged; later fields are not comparable
        }
      }
      for (int i = n; i < s.size(); i++) {
        CompatField f = s.get(i);
        add(f.existsTest() ? Severity.WARNING : Severity.ERROR, path + "/" + f.name(),
            "the source sends " + f.name() + " (version " + f.versionId() + ", at "
                + srcVersion + ") but the destination reads no field there"
                + (f.existsTest() ? " (only when its exists test is true)" : "")
                + ": its bytes are read as whatever comes next");
        return;
      }
      for (int i = n; i < d.size(); i++) {
        CompatField f = d.get(i);
        add(f.existsTest() ? Severity.WARNING : Severity.ERROR, path + "/" + f.name(),
            "the destination reads " + f.name() + " at version " + dstVersion
                + " but the source does not send it"
                + (f.existsTest() ? " (only when its exists test is true)" : ""));
        return;
      }
      subsections(src, dst, path, depth);
    }

    /** Fields that put bytes on the wire at {@code version}. */
    private static List<CompatField> wire(List<CompatField> fields, int version) {
      List<CompatField> out = new ArrayList<>();
      for (CompatField f : fields) {
        if (f.onWire() && (f.existsTest() || f.versionId() <= version)) {
          out.add(f);
        }
      }
      return out;
    }

    private void validations(CompatDescription src, CompatDescription dst, String path) {
      for (CompatField f : dst.fields()) {
        if (f.encoding() == Encoding.VALIDATE && src.fields().stream()
            .noneMatch(g -> g.encoding() == Encoding.VALIDATE && g.name().equals(f.name()))) {
          add(Severity.INFO, path + "/" + f.name(), "the destination validates the loaded"
              + " state (VMSTATE_VALIDATE '" + f.name() + "'); states the source accepts may"
              + " be rejected");
        }
      }
    }

    /** Compares one pair of fields at the same wire position; false when layouts diverge. */
    boolean pair(CompatField s, CompatField d, String parent, int depth) {
      String path = parent + "/" + d.name();
      boolean ok = true;
      boolean sameLayout = sameLayout(s, d);
      if (!s.name().equals(d.name())) {
        if (sameLayout && known(s) && known(d)) {
          add(Severity.WARNING, path, "the source has '" + s.name() + "' where the destination"
              + " has '" + d.name() + "' with the same layout; names are not on the wire, so"
              + " this loads if the meaning is the same");
        } else {
          add(Severity.ERROR, path, "field order: the source sends '" + s.name()
              + "' where the destination expects '" + d.name() + "'");
          return false;
        }
      }
      if (s.existsTest() != d.existsTest()) {
        add(Severity.WARNING, path, (d.existsTest() ? "the destination" : "the source")
            + " has a field_exists test and the other side does not: when it is false there,"
            + " every later byte shifts");
      } else if (s.existsTest()) {
        add(Severity.INFO, path, "field_exists test on both sides: the predicates must agree"
            + " for every state, or every later byte shifts");
      }
      if (known(s) && known(d)) {
        ok = detailed(s, d, path);
      } else if (s.nested() == null && d.nested() == null && s.size() != d.size()) {
        add(Severity.ERROR, path, "size " + s.size() + " vs " + d.size());
        ok = false;
      }
      CompatDescription sn = s.nested();
      CompatDescription dn = d.nested();
      if (sn != null && dn != null && ok) {
        nested(s, sn, d, dn, path, depth);
      } else if ((sn == null) != (dn == null)) {
        add(Severity.ERROR, path, (sn == null ? "only the destination" : "only the source")
            + " has a nested description here");
        ok = false;
      }
      return ok;
    }

    private static boolean known(CompatField f) {
      return f.encoding() != null && f.codec() != null;
    }

    private static boolean sameLayout(CompatField s, CompatField d) {
      return Objects.equals(s.encoding(), d.encoding()) && Objects.equals(s.codec(), d.codec())
          && s.size() == d.size() && s.num() == d.num();
    }

    /** Codec, layout, counts and sizes; false when the bytes cannot line up. */
    private boolean detailed(CompatField s, CompatField d, String path) {
      Encoding se = s.encoding();
      Encoding de = d.encoding();
      boolean ok = true;
      if (se != de) {
        ok = encodings(s, d, path);
      } else if (se == Encoding.ARRAY && s.num() != d.num()) {
        add(Severity.ERROR, path, "array of " + s.num() + " vs " + d.num() + " elements");
        ok = false;
      } else if (se == Encoding.VARRAY || se == Encoding.POINTER_ARRAY
          || se == Encoding.POINTER_ARRAY_AUTO_ALLOC) {
        counts(s, d, path);
      }
      String sc = s.codec();
      String dc = d.codec();
      if (!sc.equals(dc)) {
        int sw = width(sc);
        int dw = width(dc);
        if (sw > 0 && sw == dw) {
          add(isEqual(sc) && !isEqual(dc) ? Severity.INFO : Severity.WARNING, path,
              "codec '" + sc + "' vs '" + dc + "': same " + sw + "-byte width, but "
                  + equalNote(sc, dc));
        } else {
          add(Severity.ERROR, path, "codec '" + sc + "' vs '" + dc + "'"
              + (sw > 0 && dw > 0 ? ": " + sw + " vs " + dw + " bytes on the wire" : ""));
          ok = false;
        }
      } else if (isEqual(dc)) {
        add(Severity.INFO, path, "'" + dc + "' on both sides: the value must equal the"
            + " destination's own (configuration must match)");
      } else if (!fixedWidth(sc) && s.size() != d.size() && se != Encoding.VBUFFER
          && s.nested() == null) {
        add(Severity.ERROR, path, "size " + s.size() + " vs " + d.size());
        ok = false;
      }
      return ok;
    }

    private String equalNote(String src, String dst) {
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
        add(Severity.ERROR, path, describe(s) + " vs " + describe(d) + ": "
            + (de == Encoding.POINTER_ARRAY_AUTO_ALLOC
            ? "the destination reads a marker before every element, the source writes one"
                + " only for NULL slots; populated slots misparse"
            : "the source writes a 0x31 marker before every populated element, which the"
                + " legacy destination rejects (or misreads when its slot is populated)"));
        return false;
      }
      if ((se == Encoding.ARRAY && de == Encoding.VARRAY)
          || (se == Encoding.VARRAY && de == Encoding.ARRAY)) {
        add(Severity.WARNING, path, describe(s) + " vs " + describe(d) + ": same bytes only"
            + " while the count is " + Math.max(s.num(), d.num()));
        return true;
      }
      if ((se == Encoding.STRUCT && de == Encoding.VSTRUCT)
          || (se == Encoding.VSTRUCT && de == Encoding.STRUCT)) {
        add(Severity.WARNING, path, describe(s) + " vs " + describe(d) + ": the nested"
            + " description is loaded at a different version");
        return true;
      }
      if ((se == Encoding.BUFFER && de == Encoding.SCALAR)
          || (se == Encoding.SCALAR && de == Encoding.BUFFER)) {
        return true; // judged by codec and size
      }
      add(Severity.ERROR, path, describe(s) + " vs " + describe(d));
      return false;
    }

    private void counts(CompatField s, CompatField d, String path) {
      if (s.encoding() == Encoding.VARRAY || s.countWidth() != null || d.countWidth() != null) {
        if (!Objects.equals(s.countField(), d.countField())) {
          add(Severity.WARNING, path, "count from '" + s.countField() + "' vs '"
              + d.countField() + "': both must hold the same number");
        }
        if (s.countWidth() != d.countWidth()) {
          add(Severity.WARNING, path, "count read as " + s.countWidth() + " vs "
              + d.countWidth() + ": counts that do not fit the narrower width give a"
              + " different number of elements");
        }
      }
      if (s.num() != d.num()) {
        add(Severity.ERROR, path, "array of " + s.num() + " vs " + d.num() + " slots");
      }
    }

    private static String describe(CompatField f) {
      Encoding e = f.encoding();
      String base = e == null ? "?" : e.name().toLowerCase(java.util.Locale.ROOT)
          .replace('_', '-');
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

    private void nested(CompatField s, CompatDescription sn, CompatField d,
        CompatDescription dn, String path, int depth) {
      if (!sn.name().equals(dn.name())) {
        add(Severity.INFO, path, "nested description '" + sn.name() + "' vs '" + dn.name()
            + "' (names are not on the wire)");
      }
      if (d.encoding() == Encoding.VSTRUCT || d.encoding() == Encoding.TMP
          || d.encoding() == Encoding.QUEUE) {
        // these load at a version named by the field, not transmitted either
        body(sn, sn.versionId(), dn, dn.versionId(), path, depth + 1);
        return;
      }
      if (sn.versionId() != dn.versionId()) {
        add(Severity.INFO, path, "nested '" + dn.name() + "' is v" + sn.versionId()
            + " at the source and v" + dn.versionId() + " at the destination; nested versions"
            + " are not transmitted, so each side uses its own");
      }
      body(sn, sn.versionId(), dn, dn.versionId(), path, depth + 1);
    }

    private void subsections(CompatDescription src, CompatDescription dst, String path,
        int depth) {
      for (CompatDescription ss : src.subsections()) {
        String sp = path + "/" + segment(ss.name(), src.name());
        CompatDescription ds = dst.subsection(ss.name());
        if (ds == null) {
          if (ss.gate() == Gate.NEEDED) {
            add(Severity.WARNING, sp, "subsection '" + ss.name() + "' is unknown to the"
                + " destination: a stream loads only while the source's needed() is false;"
                + " when sent, the load fails (\"VM subsection '" + ss.name() + "' in '"
                + dst.name() + "' does not exist\")");
          } else {
            add(Severity.ERROR, sp, "subsection '" + ss.name() + "' is unknown to the"
                + " destination" + (ss.gate() == Gate.ALWAYS ? " and always sent"
                : " (whether needed() gates it is not recorded)") + ": the load fails");
          }
          continue;
        }
        if (ss.versionId() > 255) {
          add(Severity.INFO, sp, "version " + ss.versionId() + " travels as be32 but QEMU"
              + " loads only its low 8 bits (" + (ss.versionId() & 0xff) + ")");
        }
        int before = out.size();
        transmitted(ss, ds, sp, ss.versionId() & 0xff);
        if (out.size() == before && ss.gate() != ds.gate() && ss.gate() != Gate.UNKNOWN
            && ds.gate() != Gate.UNKNOWN) {
          add(Severity.INFO, sp, "sent " + (ss.gate() == Gate.NEEDED ? "when needed" : "always")
              + " by the source, " + (ds.gate() == Gate.NEEDED ? "when needed" : "always")
              + " by the destination (loading does not require it either way)");
        }
      }
      for (CompatDescription ds : dst.subsections()) {
        if (src.subsection(ds.name()) == null) {
          add(Severity.INFO, path + "/" + segment(ds.name(), dst.name()), "the destination"
              + " knows subsection '" + ds.name() + "' which the source never sends; its"
              + " fields keep the destination's values");
        }
      }
    }

    private static String segment(String name, String parent) {
      return name.startsWith(parent + "/") ? name.substring(parent.length() + 1) : name;
    }

    private static boolean isEqual(String codec) {
      return codec.endsWith(" equal");
    }

    private static boolean fixedWidth(String codec) {
      return width(codec) > 0;
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
}
