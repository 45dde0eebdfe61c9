package org.vmstate4j.engine.model;

import org.jspecify.annotations.Nullable;

/** QEMU's VMStateFlags, with their exact bit values. Only the data bytes travel; flags never do. */
public final class VmsFlags {
  /** Descriptive only. */
  public static final int SINGLE = 0x1;
  /** The field holds a reference to the data (array, buffer, struct). */
  public static final int POINTER = 0x2;
  /** Fixed element count {@code num}. */
  public static final int ARRAY = 0x4;
  /** Elements are nested descriptions, loaded at the nested description's own version. */
  public static final int STRUCT = 0x8;
  /** Count from a signed 32-bit field. */
  public static final int VARRAY_INT32 = 0x10;
  /** Descriptive only. */
  public static final int BUFFER = 0x20;
  /** Elements are references that may be null. */
  public static final int ARRAY_OF_POINTER = 0x40;
  /** Count from an unsigned 16-bit field. */
  public static final int VARRAY_UINT16 = 0x80;
  /** Element size from a signed 32-bit field. */
  public static final int VBUFFER = 0x100;
  /** With VBUFFER: size field value times {@code size}. */
  public static final int MULTIPLY = 0x200;
  /** Count from an unsigned 8-bit field. */
  public static final int VARRAY_UINT8 = 0x400;
  /** Count from an unsigned 32-bit field. */
  public static final int VARRAY_UINT32 = 0x800;
  /** The field must exist (version or predicate), else the load fails. */
  public static final int MUST_EXIST = 0x1000;
  /** With POINTER: the loader allocates the data before loading it. */
  public static final int ALLOC = 0x2000;
  /** Like STRUCT, at the field's struct version for both save and load. */
  public static final int VSTRUCT = 0x8000;
  /** Every element is preceded by a NULL/VALID marker; the loader allocates populated ones. */
  public static final int ARRAY_OF_POINTER_AUTO_ALLOC = 0x10000;
  /** Terminator of a field list in QEMU; never set on a field here. */
  public static final int END = 0x20000;

  /** All variable-count flags. */
  public static final int VARRAY_ANY = VARRAY_INT32 | VARRAY_UINT8 | VARRAY_UINT16 | VARRAY_UINT32;

  /** Byte that marks a NULL element of an array of pointers. */
  public static final int MARKER_PTR_NULL = 0x30;
  /** Byte that marks a populated element of an AUTO_ALLOC array of pointers. */
  public static final int MARKER_PTR_VALID = 0x31;

  private VmsFlags() {}

  /** Readable form of a flag set, e.g. {@code ARRAY|STRUCT}; bits without a name in hex. */
  public static String describe(int flags) {
    // by bit number; 0x4000 (QEMU's VMS_MULTIPLY_ELEMENTS) is not supported and has no name
    @Nullable String[] names = {
      "SINGLE", "POINTER", "ARRAY", "STRUCT", "VARRAY_INT32", "BUFFER", "ARRAY_OF_POINTER",
      "VARRAY_UINT16", "VBUFFER", "MULTIPLY", "VARRAY_UINT8", "VARRAY_UINT32", "MUST_EXIST",
      "ALLOC", null, "VSTRUCT", "ARRAY_OF_POINTER_AUTO_ALLOC", "END"
    };
    StringBuilder sb = new StringBuilder();
    for (int bit = 0; bit < 32; bit++) {
      if ((flags & (1 << bit)) != 0) {
        if (sb.length() > 0) {
          sb.append('|');
        }
        @Nullable String name = bit < names.length ? names[bit] : null;
        sb.append(name != null ? name : "0x" + Integer.toHexString(1 << bit));
      }
    }
    return sb.length() == 0 ? "0" : sb.toString();
  }
}
