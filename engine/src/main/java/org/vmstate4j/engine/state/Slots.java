package org.vmstate4j.engine.state;

import java.util.List;
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

  static final class IntArray extends Slots {
    IntArray() {
      super(int.class);
    }

    @Override
    int length(Object c) {
      return ((int[]) c).length;
    }

    @Override
    Object get(Object c, int i) {
      return ((int[]) c)[i];
    }

    @Override
    void set(Object c, int i, @Nullable Object v) {
      ((int[]) c)[i] = ((Number) java.util.Objects.requireNonNull(v)).intValue();
    }

    @Override
    long getLong(Object c, int i) {
      return ((int[]) c)[i];
    }

    @Override
    void setLong(Object c, int i, long v) {
      ((int[]) c)[i] = (int) v;
    }

    @Override
    Object newContainer(int n) {
      return new int[n];
    }

    @Override
    Object snapshot(Object c) {
      return ((int[]) c).clone();
    }

    @Override
    void restore(Object c, Object s) {
      System.arraycopy(s, 0, c, 0, ((int[]) s).length);
    }
  }

  static final class LongArray extends Slots {
    LongArray() {
      super(long.class);
    }

    @Override
    int length(Object c) {
      return ((long[]) c).length;
    }

    @Override
    Object get(Object c, int i) {
      return ((long[]) c)[i];
    }

    @Override
    void set(Object c, int i, @Nullable Object v) {
      ((long[]) c)[i] = ((Number) java.util.Objects.requireNonNull(v)).longValue();
    }

    @Override
    long getLong(Object c, int i) {
      return ((long[]) c)[i];
    }

    @Override
    void setLong(Object c, int i, long v) {
      ((long[]) c)[i] = v;
    }

    @Override
    Object newContainer(int n) {
      return new long[n];
    }

    @Override
    Object snapshot(Object c) {
      return ((long[]) c).clone();
    }

    @Override
    void restore(Object c, Object s) {
      System.arraycopy(s, 0, c, 0, ((long[]) s).length);
    }
  }

  static final class ShortArray extends Slots {
    ShortArray() {
      super(short.class);
    }

    @Override
    int length(Object c) {
      return ((short[]) c).length;
    }

    @Override
    Object get(Object c, int i) {
      return ((short[]) c)[i];
    }

    @Override
    void set(Object c, int i, @Nullable Object v) {
      ((short[]) c)[i] = ((Number) java.util.Objects.requireNonNull(v)).shortValue();
    }

    @Override
    long getLong(Object c, int i) {
      return ((short[]) c)[i];
    }

    @Override
    void setLong(Object c, int i, long v) {
      ((short[]) c)[i] = (short) v;
    }

    @Override
    Object newContainer(int n) {
      return new short[n];
    }

    @Override
    Object snapshot(Object c) {
      return ((short[]) c).clone();
    }

    @Override
    void restore(Object c, Object s) {
      System.arraycopy(s, 0, c, 0, ((short[]) s).length);
    }
  }

  static final class ByteArray extends Slots {
    ByteArray() {
      super(byte.class);
    }

    @Override
    int length(Object c) {
      return ((byte[]) c).length;
    }

    @Override
    Object get(Object c, int i) {
      return ((byte[]) c)[i];
    }

    @Override
    void set(Object c, int i, @Nullable Object v) {
      ((byte[]) c)[i] = ((Number) java.util.Objects.requireNonNull(v)).byteValue();
    }

    @Override
    long getLong(Object c, int i) {
      return ((byte[]) c)[i];
    }

    @Override
    void setLong(Object c, int i, long v) {
      ((byte[]) c)[i] = (byte) v;
    }

    @Override
    Object newContainer(int n) {
      return new byte[n];
    }

    @Override
    Object snapshot(Object c) {
      return ((byte[]) c).clone();
    }

    @Override
    void restore(Object c, Object s) {
      System.arraycopy(s, 0, c, 0, ((byte[]) s).length);
    }
  }

  static final class CharArray extends Slots {
    CharArray() {
      super(char.class);
    }

    @Override
    int length(Object c) {
      return ((char[]) c).length;
    }

    @Override
    Object get(Object c, int i) {
      return ((char[]) c)[i];
    }

    @Override
    void set(Object c, int i, @Nullable Object v) {
      ((char[]) c)[i] = (Character) java.util.Objects.requireNonNull(v);
    }

    @Override
    long getLong(Object c, int i) {
      return ((char[]) c)[i];
    }

    @Override
    void setLong(Object c, int i, long v) {
      ((char[]) c)[i] = (char) v;
    }

    @Override
    Object newContainer(int n) {
      return new char[n];
    }

    @Override
    Object snapshot(Object c) {
      return ((char[]) c).clone();
    }

    @Override
    void restore(Object c, Object s) {
      System.arraycopy(s, 0, c, 0, ((char[]) s).length);
    }
  }

  static final class BooleanArray extends Slots {
    BooleanArray() {
      super(boolean.class);
    }

    @Override
    int length(Object c) {
      return ((boolean[]) c).length;
    }

    @Override
    Object get(Object c, int i) {
      return ((boolean[]) c)[i];
    }

    @Override
    void set(Object c, int i, @Nullable Object v) {
      ((boolean[]) c)[i] = (Boolean) java.util.Objects.requireNonNull(v);
    }

    @Override
    long getLong(Object c, int i) {
      return ((boolean[]) c)[i] ? 1 : 0;
    }

    @Override
    void setLong(Object c, int i, long v) {
      ((boolean[]) c)[i] = v != 0;
    }

    @Override
    Object newContainer(int n) {
      return new boolean[n];
    }

    @Override
    Object snapshot(Object c) {
      return ((boolean[]) c).clone();
    }

    @Override
    void restore(Object c, Object s) {
      System.arraycopy(s, 0, c, 0, ((boolean[]) s).length);
    }
  }

  static final class DoubleArray extends Slots {
    DoubleArray() {
      super(double.class);
    }

    @Override
    int length(Object c) {
      return ((double[]) c).length;
    }

    @Override
    Object get(Object c, int i) {
      return ((double[]) c)[i];
    }

    @Override
    void set(Object c, int i, @Nullable Object v) {
      ((double[]) c)[i] = ((Number) java.util.Objects.requireNonNull(v)).doubleValue();
    }

    @Override
    double getDouble(Object c, int i) {
      return ((double[]) c)[i];
    }

    @Override
    void setDouble(Object c, int i, double v) {
      ((double[]) c)[i] = v;
    }

    @Override
    Object newContainer(int n) {
      return new double[n];
    }

    @Override
    Object snapshot(Object c) {
      return ((double[]) c).clone();
    }

    @Override
    void restore(Object c, Object s) {
      System.arraycopy(s, 0, c, 0, ((double[]) s).length);
    }
  }

  /** Arrays of references: structs, pointers, boxed values. */
  static final class RefArray extends Slots {
    private final Object[] empty;

    RefArray(Class<?> component) {
      super(component);
      this.empty = (Object[]) java.lang.reflect.Array.newInstance(component, 0);
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
      return java.util.Arrays.copyOf(empty, n);
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

  /** A java.util.List; grows with nulls when a count asks for more slots. */
  static final class ListSlots extends Slots {
    ListSlots(Class<?> element) {
      super(element);
    }

    @SuppressWarnings("unchecked")
    private static List<@Nullable Object> list(Object c) {
      return (List<@Nullable Object>) c;
    }

    @Override
    int length(Object c) {
      return list(c).size();
    }

    @Override
    @Nullable Object get(Object c, int i) {
      return list(c).get(i);
    }

    @Override
    void set(Object c, int i, @Nullable Object v) {
      list(c).set(i, v);
    }

    @Override
    Object newContainer(int n) {
      List<@Nullable Object> l = new java.util.ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        l.add(null);
      }
      return l;
    }

    @Override
    Object snapshot(Object c) {
      return new java.util.ArrayList<>(list(c));
    }

    @Override
    void restore(Object c, Object s) {
      List<@Nullable Object> l = list(c);
      List<@Nullable Object> old = list(s);
      if (l.size() != old.size()) {
        l.clear();
        l.addAll(old);
        return;
      }
      // slot by slot, touching only what changed: a fixed-size or unmodifiable list the load
      // could not change is left alone
      for (int i = 0; i < old.size(); i++) {
        if (l.get(i) != old.get(i)) {
          l.set(i, old.get(i));
        }
      }
    }

    /**
     * Whether the list takes new elements: adding one (and removing it again) succeeds. A
     * List.of or Arrays.asList list throws, unchanged.
     */
    static boolean canGrow(Object c) {
      List<@Nullable Object> l = list(c);
      try {
        l.add(null);
      } catch (UnsupportedOperationException | IllegalArgumentException
          | NullPointerException e) {
        return false;
      }
      l.remove(l.size() - 1);
      return true;
    }

    void grow(Object c, int n) {
      List<@Nullable Object> l = list(c);
      while (l.size() < n) {
        l.add(null);
      }
    }
  }
}
