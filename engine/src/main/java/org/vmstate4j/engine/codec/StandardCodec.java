package org.vmstate4j.engine.codec;

import java.nio.ByteBuffer;
import java.util.BitSet;
import java.util.List;

/** The standard non-integer codecs; the engine implements each one in its access plans. */
public final class StandardCodec implements Codec {
  /** Which standard codec. */
  public enum Kind {
    /** One byte; any non-zero byte loads as true. */
    BOOL,
    /** IEEE-754 bits as be64. */
    FLOAT64,
    /** Exactly {@code size} raw bytes. */
    BUFFER,
    /** {@code size} bytes: zeros on save, skipped on load. */
    UNUSED_BUFFER,
    /** ceil(bits/64) be64 words; {@code size} is the bit count. */
    BITMAP,
    /** Per element 0x01 + element description; 0x00 ends. Tail-queue order. */
    QTAILQ,
    /** Same framing as qtailq, list order head to tail. */
    QLIST,
    /** A temporary object, made from the parent, saved with a nested description. */
    TMP,
    /** The one-byte NULL/VALID marker of arrays of pointers. */
    PTR_MARKER
  }

  private final String name;
  private final Kind kind;

  StandardCodec(String name, Kind kind) {
    this.name = name;
    this.kind = kind;
  }

  @Override
  public String name() {
    return name;
  }

  /** Which codec this is. */
  public Kind kind() {
    return kind;
  }

  @Override
  public boolean accepts(Class<?> storage) {
    switch (kind) {
      case BOOL:
        return storage == boolean.class || storage == Boolean.class;
      case FLOAT64:
        return storage == double.class || storage == Double.class;
      case BUFFER:
        return storage == byte[].class || ByteBuffer.class.isAssignableFrom(storage);
      case BITMAP:
        return storage == long[].class || storage == BitSet.class;
      case QTAILQ:
      case QLIST:
        return List.class.isAssignableFrom(storage);
      case UNUSED_BUFFER:
      case TMP:
      case PTR_MARKER:
      default:
        return true;
    }
  }

  @Override
  public String toString() {
    return name;
  }
}
