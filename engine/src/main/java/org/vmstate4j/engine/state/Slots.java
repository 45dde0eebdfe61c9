package org.vmstate4j.engine.state;

import java.lang.reflect.Array;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.model.FieldAccessor;

/**
 * Element slots of a container: the owner object itself for single fields (slot 0 is the
 * member), or a Java array or List for array fields. Chosen once per field when its plan is
 * compiled, so the walk never inspects types.
 */
abstract class Slots {
  final Class<?> elementType;

  Slots(Class<?> elementType) {
    this.elementType = elementType;
  }

  abstract int length(Object c);

  abstract @Nullable Object get(Object c, int i);

  abstract void set(Object c, int i, @Nullable Object v);

  long getLong(Object c, int i) {
    Object v = get(c, i);
    if (v instanceof Boolean) {
      return ((Boolean) v) ? 1 : 0;
    }
    if (v instanceof Character) {
      return (Character) v;
    }
    if (v == null) {
      throw new NullPointerException("element is null");
    }
    return ((Number) v).longValue();
  }

  void setLong(Object c, int i, long v) {
    set(c, i, box(elementType, v));
  }

  double getDouble(Object c, int i) {
    Object v = get(c, i);
    if (v == null) {
      throw new NullPointerException("element is null");
    }
    return ((Number) v).doubleValue();
  }

  void setDouble(Object c, int i, double v) {
    set(c, i, elementType == float.class || elementType == Float.class ? (Object) (float) v : v);
  }

  /** A new container of {@code n} slots (ALLOC); null for single members. */
  @Nullable Object newContainer(int n) {
    return null;
  }

  /** A copy of the container's contents, for the undo journal. */
  @Nullable Object snapshot(Object c) {
    return null;
  }

  /** Puts a snapshot back. */
  void restore(Object c, Object snapshot) {}

  static Object box(Class<?> t, long v) {
    if (t == int.class || t == Integer.class) {
      return (int) v;
    }
    if (t == long.class || t == Long.class) {
      return v;
    }
    if (t == short.class || t == Short.class) {
      return (short) v;
    }
    if (t == byte.class || t == Byte.class) {
      return (byte) v;
    }
    if (t == char.class || t == Character.class) {
      return (char) v;
    }
    if (t == boolean.class || t == Boolean.class) {
      return v != 0;
    }
    return v;
  }

  /** Slots for a container of type {@code type}; {@code listElement} types a List. */
  static Slots forArray(Class<?> type, @Nullable Class<?> listElement) {
    if (type == int[].class) {
      return new IntArray();
    }
    if (type == long[].class) {
      return new LongArray();
    }
    if (type == short[].class) {
      return new ShortArray();
    }
    if (type == byte[].class) {
      return new ByteArray();
    }
    if (type == char[].class) {
      return new CharArray();
    }
    if (type == boolean[].class) {
      return new BooleanArray();
    }
    if (type == double[].class) {
      return new DoubleArray();
    }
    if (type.isArray()) {
      return new RefArray(type.getComponentType());
    }
    if (List.class.isAssignableFrom(type)) {
      return new ListSlots(listElement == null ? Object.class : listElement);
    }
    throw new IllegalArgumentException("not an array type: " + type.getName());
  }

  /** Slot 0 is the member reached by an accessor; the container is the owner. */
  static final class Member extends Slots {
    final FieldAccessor acc;

    Member(FieldAccessor acc) {
      super(acc.type());
      this.acc = acc;
    }

    @Override
    int length(Object c) {
      return 1;
    }

    @Override
    @Nullable Object get(Object c, int i) {
      return acc.get(c);
    }

    @Override
    void set(Object c, int i, @Nullable Object v) {
      acc.set(c, v);
    }

    @Override
    long getLong(Object c, int i) {
      return acc.getLong(c);
    }

    @Override
    void setLong(Object c, int i, long v) {
      acc.setLong(c, v);
    }

    @Override
    double getDouble(Object c, int i) {
      return acc.getDouble(c);
    }

    @Override
    void setDouble(Object c, int i, double v) {
      acc.setDouble(c, v);
    }
  }

  /**
   * A primitive array. Only reading and writing one element differs between element types
   * (one small final class each, which the JIT inlines); the rest is shared.
   */
  abstract static class PrimitiveArray extends Slots {
    PrimitiveArray(Class<?> component) {
      super(component);
    }

    @Override
    final int length(Object c) {
      return Array.getLength(c);
    }

    @Override
    Object get(Object c, int i) {
      return box(elementType, getLong(c, i));
    }

    @Override
    void set(Object c, int i, @Nullable Object v) {
      Objects.requireNonNull(v);
      if (v instanceof Boolean) {
        setLong(c, i, (Boolean) v ? 1 : 0);
      } else if (v instanceof Character) {
        setLong(c, i, (Character) v);
      } else {
        // Number.intValue() narrows as each array's xxxValue() did (long elements: longValue)
        Number n = (Number) v;
        setLong(c, i, elementType == long.class ? n.longValue() : n.intValue());
      }
    }

    @Override
    final Object newContainer(int n) {
      return Array.newInstance(elementType, n);
    }

    @Override
    final Object snapshot(Object c) {
      int n = length(c);
      Object copy = newContainer(n);
      System.arraycopy(c, 0, copy, 0, n);
      return copy;
    }

    @Override
    final void restore(Object c, Object s) {
      System.arraycopy(s, 0, c, 0, length(s));
    }
  }

  static final class IntArray extends PrimitiveArray {
    IntArray() {
      super(int.class);
    }

    @Override
    long getLong(Object c, int i) {
      return ((int[]) c)[i];
    }

    @Override
    void setLong(Object c, int i, long v) {
      ((int[]) c)[i] = (int) v;
    }
  }

  static final class LongArray extends PrimitiveArray {
    LongArray() {
      super(long.class);
    }

    @Override
    long getLong(Object c, int i) {
      return ((long[]) c)[i];
    }

    @Override
    void setLong(Object c, int i, long v) {
      ((long[]) c)[i] = v;
    }
  }

  static final class ShortArray extends PrimitiveArray {
    ShortArray() {
      super(short.class);
    }

    @Override
    long getLong(Object c, int i) {
      return ((short[]) c)[i];
    }

    @Override
    void setLong(Object c, int i, long v) {
      ((short[]) c)[i] = (short) v;
    }
  }

  static final class ByteArray extends PrimitiveArray {
    ByteArray() {
      super(byte.class);
    }

    @Override
    long getLong(Object c, int i) {
      return ((byte[]) c)[i];
    }

    @Override
    void setLong(Object c, int i, long v) {
      ((byte[]) c)[i] = (byte) v;
    }
  }

  static final class CharArray extends PrimitiveArray {
    CharArray() {
      super(char.class);
    }

    @Override
    long getLong(Object c, int i) {
      return ((char[]) c)[i];
    }

    @Override
    void setLong(Object c, int i, long v) {
      ((char[]) c)[i] = (char) v;
    }
  }

  static final class BooleanArray extends PrimitiveArray {
    BooleanArray() {
      super(boolean.class);
    }

    @Override
    long getLong(Object c, int i) {
      return ((boolean[]) c)[i] ? 1 : 0;
    }

    @Override
    void setLong(Object c, int i, long v) {
      ((boolean[]) c)[i] = v != 0;
    }
  }

  /** double[]: values move as doubles (getLong and setLong are Slots' boxed defaults). */
  static final class DoubleArray extends PrimitiveArray {
    DoubleArray() {
      super(double.class);
    }

    @Override
    Object get(Object c, int i) {
      return ((double[]) c)[i];
    }

    @Override
    void set(Object c, int i, @Nullable Object v) {
      ((double[]) c)[i] = ((Number) Objects.requireNonNull(v)).doubleValue();
    }

    @Override
    double getDouble(Object c, int i) {
      return ((double[]) c)[i];
    }

    @Override
    void setDouble(Object c, int i, double v) {
      ((double[]) c)[i] = v;
    }
  }

  /** Arrays of references: structs, pointers, boxed values. */
  static final class RefArray extends Slots {
    private final Object[] empty;

    RefArray(Class<?> component) {
      super(component);
      this.empty = (Object[]) Array.newInstance(component, 0);
    }

    @Override
    int length(Object c) {
      return ((Object[]) c).length;
    }

    @Override
    @Nullable Object get(Object c, int i) {
      return ((Object[]) c)[i];
    }

    @Override
    void set(Object c, int i, @Nullable Object v) {
      ((Object[]) c)[i] = v;
    }

    @Override
    Object newContainer(int n) {
      return Arrays.copyOf(empty, n);
    }

    @Override
    Object snapshot(Object c) {
      return ((Object[]) c).clone();
    }

    @Override
    void restore(Object c, Object s) {
      System.arraycopy(s, 0, c, 0, ((Object[]) s).length);
    }
  }
}
