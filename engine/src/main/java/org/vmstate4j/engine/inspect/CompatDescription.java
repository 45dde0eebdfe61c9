package org.vmstate4j.engine.inspect;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.codec.Codec;
import org.vmstate4j.engine.codec.IntegerCodec;
import org.vmstate4j.engine.codec.StandardCodec;
import org.vmstate4j.engine.codec.StorageWidth;
import org.vmstate4j.engine.inspect.CompatField.Encoding;
import org.vmstate4j.engine.model.CountWidth;
import org.vmstate4j.engine.model.VmStateDescription;
import org.vmstate4j.engine.model.VmStateField;
import org.vmstate4j.engine.model.VmsFlags;

/**
 * A description in the neutral model {@link Compat} compares, made from a
 * {@link VmStateDescription} ({@link #of}) or read from QEMU's {@code -dump-vmstate} output
 * ({@link DumpVmstate#read}).
 *
 * @param name description name
 * @param versionId version written on save, highest accepted on load
 * @param minimumVersionId lowest version accepted on load
 * @param fields fields in order
 * @param subsections subsections in order
 * @param gate whether the description (as a subsection) is sent always or only when needed
 */
public record CompatDescription(
    String name,
    int versionId,
    int minimumVersionId,
    List<CompatField> fields,
    List<CompatDescription> subsections,
    Gate gate) {

  /** When a subsection is sent. */
  public enum Gate {
    /** No needed() predicate: always sent. */
    ALWAYS,
    /** A needed() predicate decides. */
    NEEDED,
    /** Not recorded (-dump-vmstate). */
    UNKNOWN
  }

  public CompatDescription {
    fields = List.copyOf(fields);
    subsections = List.copyOf(subsections);
  }

  /** Whether codecs and encodings are known (false for -dump-vmstate input). */
  public boolean detailed() {
    return gate != Gate.UNKNOWN;
  }

  /** The model of {@code d}, nested descriptions and subsections included. */
  public static CompatDescription of(VmStateDescription d) {
    return of(d, 0);
  }

  private static CompatDescription of(VmStateDescription d, int depth) {
    if (depth > 64) {
      throw new IllegalArgumentException("descriptions nested deeper than 64 levels at "
          + d.name());
    }
    List<CompatField> fields = new ArrayList<>();
    for (VmStateField f : d.fields()) {
      fields.add(field(f, depth));
    }
    List<CompatDescription> subs = new ArrayList<>();
    for (VmStateDescription s : d.subsections()) {
      subs.add(of(s, depth + 1));
    }
    return new CompatDescription(d.name(), d.versionId(), d.minimumVersionId(), fields, subs,
        d.needed() == null ? Gate.ALWAYS : Gate.NEEDED);
  }

  private static CompatField field(VmStateField f, int depth) {
    VmStateDescription v = f.vmsd();
    return new CompatField(f.name(), f.versionId(), f.exists() != null, cSize(f), f.typeName(),
        encoding(f), f.has(VmsFlags.ARRAY) ? f.num() : 0,
        f.count() == null ? null : f.count().name(), CountWidth.ofFlags(f.flags()),
        v == null ? null : of(v, depth + 1));
  }

  static Encoding encoding(VmStateField f) {
    Codec c = f.codec();
    StandardCodec.Kind kind = c instanceof StandardCodec sc ? sc.kind() : null;
    if (f.has(VmsFlags.MUST_EXIST) && f.exists() != null && f.has(VmsFlags.ARRAY)
        && f.num() == 0) {
      return Encoding.VALIDATE;
    }
    if (f.has(VmsFlags.ARRAY_OF_POINTER)) {
      return f.has(VmsFlags.ARRAY_OF_POINTER_AUTO_ALLOC) ? Encoding.POINTER_ARRAY_AUTO_ALLOC
          : Encoding.POINTER_ARRAY;
    }
    if (kind == StandardCodec.Kind.QTAILQ || kind == StandardCodec.Kind.QLIST) {
      return Encoding.QUEUE;
    }
    if (kind == StandardCodec.Kind.TMP) {
      return Encoding.TMP;
    }
    if (f.has(VmsFlags.VBUFFER)) {
      return Encoding.VBUFFER;
    }
    if ((f.flags() & VmsFlags.VARRAY_ANY) != 0) {
      return Encoding.VARRAY;
    }
    if (f.has(VmsFlags.ARRAY)) {
      return Encoding.ARRAY;
    }
    if (f.has(VmsFlags.VSTRUCT)) {
      return Encoding.VSTRUCT;
    }
    if (f.has(VmsFlags.STRUCT)) {
      return Encoding.STRUCT;
    }
    if (kind == StandardCodec.Kind.BUFFER || kind == StandardCodec.Kind.UNUSED_BUFFER) {
      return Encoding.BUFFER;
    }
    return Encoding.SCALAR;
  }

  /**
   * The element size QEMU records for a field: the codec's width for integers, else the
   * declared size, else (custom codecs) the width of the Java member.
   */
  static long cSize(VmStateField f) {
    Codec c = f.codec();
    if (c instanceof IntegerCodec ic) {
      return ic.bytes();
    }
    if (c instanceof StandardCodec sc && f.size() == 0) {
      if (sc.kind() == StandardCodec.Kind.BOOL) {
        return 1;
      }
      if (sc.kind() == StandardCodec.Kind.FLOAT64) {
        return 8;
      }
    }
    if (f.size() == 0 && c != null && !f.isArray() && f.accessor() != null) {
      // a custom codec: the member's own width stands for the C type's size
      int bits = StorageWidth.bits(f.accessor().type());
      if (bits > 0) {
        return bits / 8;
      }
    }
    return f.size();
  }

  /** The subsection named {@code name}, or null. */
  public @Nullable CompatDescription subsection(String name) {
    for (CompatDescription s : subsections) {
      if (s.name().equals(name)) {
        return s;
      }
    }
    return null;
  }
}
