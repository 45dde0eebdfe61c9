package org.vmstate4j.engine.codec;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.codec.IntegerCodec.Check;
import org.vmstate4j.engine.codec.StandardCodec.Kind;

/** The standard codecs under QEMU's names. */
public final class Codecs {
  public static final StandardCodec BOOL = new StandardCodec("bool", Kind.BOOL);
  public static final IntegerCodec INT8 = new IntegerCodec("int8", 8, true, Check.NONE);
  public static final IntegerCodec INT16 = new IntegerCodec("int16", 16, true, Check.NONE);
  public static final IntegerCodec INT32 = new IntegerCodec("int32", 32, true, Check.NONE);
  public static final IntegerCodec INT64 = new IntegerCodec("int64", 64, true, Check.NONE);
  public static final IntegerCodec UINT8 = new IntegerCodec("uint8", 8, false, Check.NONE);
  public static final IntegerCodec UINT16 = new IntegerCodec("uint16", 16, false, Check.NONE);
  public static final IntegerCodec UINT32 = new IntegerCodec("uint32", 32, false, Check.NONE);
  public static final IntegerCodec UINT64 = new IntegerCodec("uint64", 64, false, Check.NONE);
  /** VMSTATE_INT32_LE: be32 despite the name; "le" is "less than or equal". */
  public static final IntegerCodec INT32_LE =
      new IntegerCodec("int32 le", 32, true, Check.LESS_EQUAL);
  public static final IntegerCodec INT32_EQUAL =
      new IntegerCodec("int32 equal", 32, true, Check.EQUAL);
  public static final IntegerCodec UINT8_EQUAL =
      new IntegerCodec("uint8 equal", 8, false, Check.EQUAL);
  public static final IntegerCodec UINT16_EQUAL =
      new IntegerCodec("uint16 equal", 16, false, Check.EQUAL);
  public static final IntegerCodec UINT32_EQUAL =
      new IntegerCodec("uint32 equal", 32, false, Check.EQUAL);
  /** QEMU names its uint64 equality check "int64 equal". */
  public static final IntegerCodec UINT64_EQUAL =
      new IntegerCodec("int64 equal", 64, false, Check.EQUAL);
  /** A QEMUTimer's expire time in ns; -1 means not armed. */
  public static final IntegerCodec TIMER = new IntegerCodec("timer", 64, true, Check.NONE);
  public static final StandardCodec FLOAT64 = new StandardCodec("float64", Kind.FLOAT64);
  public static final StandardCodec BUFFER = new StandardCodec("buffer", Kind.BUFFER);
  public static final StandardCodec UNUSED_BUFFER =
      new StandardCodec("unused_buffer", Kind.UNUSED_BUFFER);
  public static final StandardCodec BITMAP = new StandardCodec("bitmap", Kind.BITMAP);
  public static final StandardCodec QTAILQ = new StandardCodec("qtailq", Kind.QTAILQ);
  public static final StandardCodec QLIST = new StandardCodec("qlist", Kind.QLIST);
  public static final StandardCodec TMP = new StandardCodec("tmp", Kind.TMP);
  public static final StandardCodec PTR_MARKER = new StandardCodec("ptr-marker", Kind.PTR_MARKER);

  private static final Map<String, Codec> BY_NAME = new LinkedHashMap<>();

  static {
    for (Codec c :
        new Codec[] {
          BOOL, INT8, INT16, INT32, INT64, UINT8, UINT16, UINT32, UINT64, INT32_LE, INT32_EQUAL,
          UINT8_EQUAL, UINT16_EQUAL, UINT32_EQUAL, UINT64_EQUAL, TIMER, FLOAT64, BUFFER,
          UNUSED_BUFFER, BITMAP, QTAILQ, QLIST, TMP, PTR_MARKER
        }) {
      BY_NAME.put(c.name(), c);
    }
  }

  private Codecs() {}

  /** The standard codec with QEMU's name {@code name}, or null. */
  public static @Nullable Codec byName(String name) {
    return BY_NAME.get(name);
  }

  /** All standard codecs, in a stable order. */
  public static java.util.Collection<Codec> all() {
    return java.util.Collections.unmodifiableCollection(BY_NAME.values());
  }
}
