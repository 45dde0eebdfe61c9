package org.vmstate4j.engine.inspect;

import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.inspect.CompatField.Encoding;
import org.vmstate4j.engine.inspect.CompatReport.Cause;
import org.vmstate4j.engine.inspect.CompatReport.Severity;
import org.vmstate4j.engine.inspect.WireItem.Enter;
import org.vmstate4j.engine.inspect.WireItem.Leaf;

/**
 * Judges two items {@link CompatRun} paired at the same wire position: structs, a struct
 * against a plain field, and two fields by codec, layout, counts, sizes and field_exists tests.
 */
final class CompatPairs {
  private final CompatRun run;

  CompatPairs(CompatRun run) {
    this.run = run;
  }

  /** Two struct fields at the same position; their fields are paired by the walk. */
  void structs(Enter a, Enter b) {
    existsTests(a.field(), b.field(), b.path());
    Encoding se = a.field().encoding();
    Encoding de = b.field().encoding();
    if (se != null && de != null && se != de) {
      run.add(Severity.WARNING, Cause.ENCODING, b.path(), describe(a.field()) + " vs "
          + describe(b.field()) + ": the nested description is loaded at a different"
          + " version");
    }
    nestedNames(a.nested(), b.nested(), b.path());
  }

  /** A struct on one side, a field without description (or one not opened) on the other. */
  void structAndPlain(Enter e, Leaf l, boolean structAtSource, int depth) {
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
    run.add(Severity.ERROR, Cause.NESTED_DESCRIPTION_MISSING, structAtSource ? l.path() : e.path(),
        "only the " + side + " has a nested description for '" + e.field().name() + "' ('"
            + e.nested().name() + "'); the " + other + " has a plain field of "
            + l.field().size() + " bytes there: the two do not put the same bytes on the"
            + " wire (the " + other + "'s dump is missing the description, or the field"
            + " changed type)");
  }

  /** Two fields that put bytes on the wire as units, at the same position. */
  void leaves(CompatField s, CompatField d, String path, int depth) {
    existsTests(s, d, path);
    boolean ok = true;
    if (known(s) && known(d)) {
      ok = detailed(s, d, path);
    } else if (s.nested() == null && d.nested() == null && s.size() != d.size()) {
      run.add(Severity.ERROR, Cause.SIZE, path, "size " + s.size() + " vs " + d.size() + ": '"
          + d.name() + "' is " + s.size() + " bytes per element at the source and " + d.size()
          + " at the destination, so every later byte shifts");
      ok = false;
    }
    CompatDescription sn = s.nested();
    CompatDescription dn = d.nested();
    if (sn != null && dn != null && ok) {
      nestedNames(sn, dn, path);
      run.compare(sn, sn.versionId(), dn, dn.versionId(), path, depth + 1);
    } else if ((sn == null) != (dn == null)) {
      run.add(Severity.ERROR, Cause.NESTED_DESCRIPTION_MISSING, path, (sn == null
          ? "only the destination" : "only the source") + " has a nested description here");
    }
  }

  private void existsTests(CompatField s, CompatField d, String path) {
    if (s.existsTest() != d.existsTest()) {
      run.add(Severity.WARNING, Cause.EXISTS_TEST, path, (d.existsTest() ? "the destination"
          : "the source") + " has a field_exists test and the other side does not: when it is"
          + " false there, every later byte shifts");
    } else if (s.existsTest()) {
      run.add(Severity.INFO, Cause.EXISTS_TEST, path, "field_exists test on both sides: the"
          + " predicates must agree for every state, or every later byte shifts");
    }
  }

  private void nestedNames(CompatDescription sn, CompatDescription dn, String path) {
    if (!sn.name().equals(dn.name())) {
      run.add(Severity.INFO, Cause.NESTED_DESCRIPTION, path, "nested description '" + sn.name()
          + "' vs '" + dn.name() + "' (names are not on the wire)");
    }
    if (sn.versionId() != dn.versionId()) {
      run.add(Severity.INFO, Cause.NESTED_DESCRIPTION, path, "nested '" + dn.name() + "' is v"
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
      run.add(Severity.ERROR, Cause.ENCODING, path, "array of " + s.num() + " vs " + d.num()
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
        run.add(isEqual(sc) && !isEqual(dc) ? Severity.INFO : Severity.WARNING,
            isEqual(sc) || isEqual(dc) ? Cause.EQUAL_CHECK : Cause.CODEC, path,
            "codec '" + sc + "' vs '" + dc + "': same " + sw + "-byte width, but "
                + equalNote(sc, dc));
      } else {
        run.add(Severity.ERROR, Cause.CODEC, path, "codec '" + sc + "' vs '" + dc + "'"
            + (sw > 0 && dw > 0 ? ": " + sw + " vs " + dw + " bytes on the wire" : ""));
        ok = false;
      }
    } else if (isEqual(dc)) {
      run.add(Severity.INFO, Cause.EQUAL_CHECK, path, "'" + dc + "' on both sides: the value must"
          + " equal the destination's own (configuration must match)");
    } else if (width(sc) == 0 && s.size() != d.size() && se != Encoding.VBUFFER
        && s.nested() == null) {
      run.add(Severity.ERROR, Cause.SIZE, path, "size " + s.size() + " vs " + d.size());
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
      run.add(Severity.ERROR, Cause.ENCODING, path, describe(s) + " vs " + describe(d) + ": "
          + (de == Encoding.POINTER_ARRAY_AUTO_ALLOC
          ? "the destination reads a marker before every element, the source writes one"
              + " only for NULL slots; populated slots misparse"
          : "the source writes a 0x31 marker before every populated element, which the"
              + " legacy destination rejects (or misreads when its slot is populated)"));
      return false;
    }
    if ((se == Encoding.ARRAY && de == Encoding.VARRAY)
        || (se == Encoding.VARRAY && de == Encoding.ARRAY)) {
      run.add(Severity.WARNING, Cause.ENCODING, path, describe(s) + " vs " + describe(d)
          + ": same bytes only while the count is " + Math.max(s.num(), d.num()));
      return true;
    }
    if ((se == Encoding.STRUCT && de == Encoding.VSTRUCT)
        || (se == Encoding.VSTRUCT && de == Encoding.STRUCT)) {
      run.add(Severity.WARNING, Cause.ENCODING, path, describe(s) + " vs " + describe(d)
          + ": the nested description is loaded at a different version");
      return true;
    }
    if ((se == Encoding.BUFFER && de == Encoding.SCALAR)
        || (se == Encoding.SCALAR && de == Encoding.BUFFER)) {
      return true; // judged by codec and size
    }
    run.add(Severity.ERROR, Cause.ENCODING, path, describe(s) + " vs " + describe(d));
    return false;
  }

  private void counts(CompatField s, CompatField d, String path) {
    if (s.encoding() == Encoding.VARRAY || s.countWidth() != null || d.countWidth() != null) {
      if (!Objects.equals(s.countField(), d.countField())) {
        run.add(Severity.WARNING, Cause.COUNT, path, "count from '" + s.countField() + "' vs '"
            + d.countField() + "': both must hold the same number");
      }
      if (s.countWidth() != d.countWidth()) {
        run.add(Severity.WARNING, Cause.COUNT, path, "count read as " + s.countWidth() + " vs "
            + d.countWidth() + ": counts that do not fit the narrower width give a"
            + " different number of elements");
      }
    }
    if (s.num() != d.num()) {
      run.add(Severity.ERROR, Cause.COUNT, path, "array of " + s.num() + " vs " + d.num()
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

  void validations(CompatDescription src, CompatDescription dst, String path) {
    for (CompatField f : dst.fields()) {
      if (f.encoding() == Encoding.VALIDATE && src.fields().stream()
          .noneMatch(g -> g.encoding() == Encoding.VALIDATE && g.name().equals(f.name()))) {
        run.add(Severity.INFO, Cause.VALIDATION, path + "/" + f.name(), "the destination"
            + " validates the loaded state (VMSTATE_VALIDATE '" + f.name() + "'); states the"
            + " source accepts may be rejected");
      }
    }
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
