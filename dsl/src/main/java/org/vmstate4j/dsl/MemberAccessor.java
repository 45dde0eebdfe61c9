package org.vmstate4j.dsl;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.model.FieldAccessor;

/**
 * Reaches one Java field through method handles made once, when the description is built;
 * saving and loading then call the handles without any lookup.
 */
final class MemberAccessor implements FieldAccessor {
  private final Field field;
  private final Class<?> type;
  private final MethodHandle getObject;
  private final @Nullable MethodHandle setObject;
  private final @Nullable MethodHandle getLong;
  private final @Nullable MethodHandle setLong;
  private final @Nullable MethodHandle getDouble;
  private final @Nullable MethodHandle setDouble;

  private MemberAccessor(Field field, MethodHandles.Lookup lookup) throws IllegalAccessException {
    this.field = field;
    this.type = field.getType();
    MethodHandle getter = lookup.unreflectGetter(field);
    MethodHandle setter = null;
    if (!Modifier.isFinal(field.getModifiers())) {
      setter = lookup.unreflectSetter(field);
    } else {
      try {
        field.setAccessible(true);
        setter = lookup.unreflectSetter(field);
      } catch (RuntimeException | IllegalAccessException e) {
        setter = null; // final and not settable (records): loads that replace it fail clearly
      }
    }
    MethodType objGet = MethodType.methodType(Object.class, Object.class);
    MethodType objSet = MethodType.methodType(void.class, Object.class, Object.class);
    this.getObject = getter.asType(objGet);
    this.setObject = setter == null ? null : setter.asType(objSet);
    boolean integral = type == byte.class || type == short.class || type == char.class
        || type == int.class || type == long.class || type == boolean.class;
    if (integral) {
      MethodHandle g = getter;
      if (type == boolean.class) {
        g = MethodHandles.filterReturnValue(g, BOOL_TO_LONG);
      }
      this.getLong = MethodHandles.explicitCastArguments(g,
          MethodType.methodType(long.class, Object.class));
      this.setLong = setter == null ? null : MethodHandles.explicitCastArguments(
          type == boolean.class ? MethodHandles.filterArguments(setter, 1, LONG_TO_BOOL) : setter,
          MethodType.methodType(void.class, Object.class, long.class));
    } else {
      this.getLong = null;
      this.setLong = null;
    }
    if (type == double.class || type == float.class) {
      this.getDouble = MethodHandles.explicitCastArguments(getter,
          MethodType.methodType(double.class, Object.class));
      this.setDouble = setter == null ? null : MethodHandles.explicitCastArguments(setter,
          MethodType.methodType(void.class, Object.class, double.class));
    } else {
      this.getDouble = null;
      this.setDouble = null;
    }
  }

  private static final MethodHandle BOOL_TO_LONG;
  private static final MethodHandle LONG_TO_BOOL;

  static {
    try {
      MethodHandles.Lookup l = MethodHandles.lookup();
      BOOL_TO_LONG = l.findStatic(MemberAccessor.class, "boolToLong",
          MethodType.methodType(long.class, boolean.class));
      LONG_TO_BOOL = l.findStatic(MemberAccessor.class, "longToBool",
          MethodType.methodType(boolean.class, long.class));
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private static long boolToLong(boolean b) {
    return b ? 1 : 0;
  }

  private static boolean longToBool(long v) {
    return v != 0;
  }

  /**
   * The accessor of {@code f}: a generated one with direct field instructions where it can be
   * defined, else the method-handle accessor.
   */
  static FieldAccessor of(Field f) {
    MemberAccessor slow = handles(f);
    FieldAccessor fast = Generated.accessor(f, slow);
    return fast != null ? fast : slow;
  }

  static MemberAccessor handles(Field f) {
    Class<?> owner = f.getDeclaringClass();
    try {
      Module mine = MemberAccessor.class.getModule();
      if (mine.isNamed() && !mine.canRead(owner.getModule())) {
        mine.addReads(owner.getModule());
      }
      MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(owner, MethodHandles.lookup());
      return new MemberAccessor(f, lookup);
    } catch (IllegalAccessException e) {
      throw new IllegalArgumentException("cannot access " + owner.getName() + "." + f.getName()
          + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Class<?> type() {
    return type;
  }

  @Override
  public @Nullable Object get(Object owner) {
    try {
      return getObject.invokeExact(owner);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  @Override
  public void set(Object owner, @Nullable Object value) {
    MethodHandle h = setObject;
    if (h == null) {
      throw new IllegalStateException("member '" + field.getName() + "' is final");
    }
    try {
      h.invokeExact(owner, value);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  @Override
  public long getLong(Object owner) {
    MethodHandle h = getLong;
    if (h == null) {
      return FieldAccessor.super.getLong(owner);
    }
    try {
      return (long) h.invokeExact(owner);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  @Override
  public void setLong(Object owner, long value) {
    MethodHandle h = setLong;
    if (h == null) {
      if (type.isPrimitive()) {
        throw new IllegalStateException("member '" + field.getName() + "' is final");
      }
      set(owner, box(value));
      return;
    }
    try {
      h.invokeExact(owner, value);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  @Override
  public double getDouble(Object owner) {
    MethodHandle h = getDouble;
    if (h == null) {
      return FieldAccessor.super.getDouble(owner);
    }
    try {
      return (double) h.invokeExact(owner);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  @Override
  public void setDouble(Object owner, double value) {
    MethodHandle h = setDouble;
    if (h == null) {
      set(owner, type == Float.class ? (Object) (float) value : (Object) value);
      return;
    }
    try {
      h.invokeExact(owner, value);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  private Object box(long v) {
    if (type == Integer.class) {
      return (int) v;
    }
    if (type == Short.class) {
      return (short) v;
    }
    if (type == Byte.class) {
      return (byte) v;
    }
    if (type == Character.class) {
      return (char) v;
    }
    if (type == Boolean.class) {
      return v != 0;
    }
    return v;
  }

  private static RuntimeException rethrow(Throwable t) {
    if (t instanceof RuntimeException) {
      return (RuntimeException) t;
    }
    if (t instanceof Error) {
      throw (Error) t;
    }
    return new IllegalStateException(t);
  }

  @Override
  public String toString() {
    return field.getDeclaringClass().getSimpleName() + "." + field.getName();
  }
}
