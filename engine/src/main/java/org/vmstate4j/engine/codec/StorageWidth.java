package org.vmstate4j.engine.codec;

/** Widths of Java storage types, primitive or boxed. */
public final class StorageWidth {
  private StorageWidth() {}

  /** Bits a Java type holds; 0 for non-numeric types. */
  public static int bits(Class<?> t) {
    if (t == byte.class || t == Byte.class) {
      return 8;
    }
    if (t == short.class || t == Short.class || t == char.class || t == Character.class) {
      return 16;
    }
    if (t == int.class || t == Integer.class || t == float.class || t == Float.class) {
      return 32;
    }
    if (t == long.class || t == Long.class || t == double.class || t == Double.class) {
      return 64;
    }
    if (t == boolean.class || t == Boolean.class) {
      return 1;
    }
    return 0;
  }

  /** Whether the type is an integral primitive or box (char included, boolean excluded). */
  public static boolean isIntegral(Class<?> t) {
    return t == byte.class || t == Byte.class || t == short.class || t == Short.class
        || t == char.class || t == Character.class || t == int.class || t == Integer.class
        || t == long.class || t == Long.class;
  }
}
