package org.vmstate4j.engine.inspect;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.inspect.CompatField.Encoding;

/**
 * One entry of a description in wire order, with nested structs opened: QEMU writes the fields of
 * a VMSTATE_STRUCT (and of VSTRUCT and WITH_TMP) inline, with no header of their own, so what
 * reaches the wire is the sequence of {@link Leaf} entries; {@link Enter} and {@link Exit} only
 * mark where a struct begins and ends, and {@link Subs} where a nested struct's subsections may
 * follow its fields. Arrays of structs, queues and pointer arrays stay one {@link Leaf}.
 */
sealed interface WireItem {
  /** Path from the description's name, e.g. {@code usb-kbd/hid/kbd.keycodes}. */
  String path();

  /** A field that puts bytes on the wire as a unit. */
  record Leaf(CompatField field, String path) implements WireItem {}

  /** A struct field whose fields follow inline; {@code end} is the index of its {@link Exit}. */
  record Enter(CompatField field, CompatDescription nested, String path, int end)
      implements WireItem {}

  /** The end of the struct opened at index {@code start}. */
  record Exit(String path, int start) implements WireItem {}

  /** Where the subsections of the nested description {@code owner} may follow. */
  record Subs(CompatDescription owner, String path) implements WireItem {}

  /** The field of a {@link Leaf} or {@link Enter}, else null. */
  static @Nullable CompatField fieldOf(WireItem w) {
    if (w instanceof Leaf l) {
      return l.field();
    }
    if (w instanceof Enter e) {
      return e.field();
    }
    return null;
  }

  /** The wire entries of {@code d} loaded at {@code version}; nested structs at their own. */
  static List<WireItem> flatten(CompatDescription d, int version, String path) {
    List<WireItem> out = new ArrayList<>();
    add(out, d, version, path, 0);
    return out;
  }

  private static void add(List<WireItem> out, CompatDescription d, int version, String path,
      int depth) {
    for (CompatField f : onWire(d.fields(), version)) {
      String p = path + "/" + f.name();
      CompatDescription n = f.nested();
      if (n != null && opens(f) && depth < 64) {
        int start = out.size();
        out.add(new Exit(p, start)); // placeholder until the end is known
        add(out, n, n.versionId(), p, depth + 1);
        out.add(new Subs(n, p));
        out.set(start, new Enter(f, n, p, out.size()));
        out.add(new Exit(p, start));
      } else {
        out.add(new Leaf(f, p));
      }
    }
  }

  /** Fields that put bytes on the wire at {@code version}. */
  static List<CompatField> onWire(List<CompatField> fields, int version) {
    List<CompatField> out = new ArrayList<>();
    for (CompatField f : fields) {
      if (f.onWire() && (f.existsTest() || f.versionId() <= version)) {
        out.add(f);
      }
    }
    return out;
  }

  /**
   * Whether a field's nested description is written inline with no framing: a plain struct, a
   * VSTRUCT or a WITH_TMP; from -dump-vmstate (encoding unknown) any field with a description.
   */
  static boolean opens(CompatField f) {
    Encoding e = f.encoding();
    return e == null || e == Encoding.STRUCT || e == Encoding.VSTRUCT || e == Encoding.TMP;
  }
}
