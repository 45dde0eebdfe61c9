package org.vmstate4j.engine.model;

/** How a variable count is read from its field, as QEMU's VARRAY flags say. */
public enum CountWidth {
  INT32(VmsFlags.VARRAY_INT32, 32, true),
  UINT8(VmsFlags.VARRAY_UINT8, 8, false),
  UINT16(VmsFlags.VARRAY_UINT16, 16, false),
  UINT32(VmsFlags.VARRAY_UINT32, 32, false);

  private final int flag;
  private final int bits;
  private final boolean signed;

  CountWidth(int flag, int bits, boolean signed) {
    this.flag = flag;
    this.bits = bits;
    this.signed = signed;
  }

  /** The VARRAY flag bit. */
  public int flag() {
    return flag;
  }

  /** Width of the count member in bits. */
  public int bits() {
    return bits;
  }

  /** Whether the count is signed. */
  public boolean signed() {
    return signed;
  }

  /** Width named by a flag set, or null when it has no VARRAY flag. */
  public static @org.jspecify.annotations.Nullable CountWidth ofFlags(int flags) {
    // QEMU's order of precedence in vmstate_n_elems
    if ((flags & VmsFlags.VARRAY_INT32) != 0) {
      return INT32;
    }
    if ((flags & VmsFlags.VARRAY_UINT32) != 0) {
      return UINT32;
    }
    if ((flags & VmsFlags.VARRAY_UINT16) != 0) {
      return UINT16;
    }
    if ((flags & VmsFlags.VARRAY_UINT8) != 0) {
      return UINT8;
    }
    return null;
  }

  /**
   * The element count QEMU derives from the member's raw value: the value truncated to this
   * width; a negative result (signed, or unsigned at or above 2^31) means no elements.
   */
  public int count(long raw) {
    long v;
    switch (this) {
      case UINT8:
        v = raw & 0xffL;
        break;
      case UINT16:
        v = raw & 0xffffL;
        break;
      default:
        v = (int) raw;
        break;
    }
    return v < 0 ? 0 : (int) v;
  }
}
