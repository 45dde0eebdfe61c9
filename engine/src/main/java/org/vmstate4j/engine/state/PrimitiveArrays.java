package org.vmstate4j.engine.state;

import java.util.Arrays;

/** Operations on an array of any element type, for the journal's snapshots. */
final class PrimitiveArrays {
  private PrimitiveArrays() {}

  /** Whether {@code a[0, len)} equals {@code c[off, off + len)} (primitive arrays of one type). */
  static boolean sameRange(Object a, Object c, int off, int len) {
    int end = off + len;
    if (a instanceof int[]) {
      return Arrays.equals((int[]) a, 0, len, (int[]) c, off, end);
    } else if (a instanceof long[]) {
      return Arrays.equals((long[]) a, 0, len, (long[]) c, off, end);
    } else if (a instanceof short[]) {
      return Arrays.equals((short[]) a, 0, len, (short[]) c, off, end);
    } else if (a instanceof char[]) {
      return Arrays.equals((char[]) a, 0, len, (char[]) c, off, end);
    }
    return Arrays.equals((byte[]) a, 0, len, (byte[]) c, off, end);
  }

  /** A copy of array {@code a} (allocated once per snapshot, not per element). */
  static Object copy(Object a) {
    int n = length(a);
    Object r = java.lang.reflect.Array.newInstance(a.getClass().getComponentType(), n);
    System.arraycopy(a, 0, r, 0, n);
    return r;
  }

  /** The length of array {@code a}. */
  static int length(Object a) {
    return java.lang.reflect.Array.getLength(a);
  }
}
