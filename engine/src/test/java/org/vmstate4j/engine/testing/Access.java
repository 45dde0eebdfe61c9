package org.vmstate4j.engine.testing;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Field;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.vmstate4j.engine.model.FieldAccessor;
import org.vmstate4j.engine.model.MemberRef;

/**
 * Test-only accessors: reaches members of test classes through VarHandles (by member name) or
 * through getter/setter lambdas. Engine tests use this instead of the DSL.
 */
public final class Access {
  private Access() {}

  /** An accessor for the member {@code name} declared by {@code owner}. */
  public static FieldAccessor field(Class<?> owner, String name) {
    try {
      Field f = owner.getDeclaredField(name);
      MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(owner, MethodHandles.lookup());
      return new VarHandleAccessor(f.getType(), lookup.unreflectVarHandle(f));
    } catch (ReflectiveOperationException e) {
      throw new IllegalArgumentException(owner.getName() + "." + name, e);
    }
  }

  /** A count or size member reference. */
  public static MemberRef member(Class<?> owner, String name) {
    return new MemberRef(name, field(owner, name));
  }

  /** An accessor from a getter and a setter; {@code type} is the member's declared type. */
  @SuppressWarnings("unchecked")
  public static <O> FieldAccessor of(
      Class<?> type, Function<O, Object> getter, BiConsumer<O, Object> setter) {
    return new FieldAccessor() {
      @Override
      public Class<?> type() {
        return type;
      }

      @Override
      public Object get(Object owner) {
        return getter.apply((O) owner);
      }

      @Override
      public void set(Object owner, Object value) {
        setter.accept((O) owner, value);
      }

      @Override
      public void setLong(Object owner, long value) {
        setter.accept((O) owner, box(type, value));
      }

      @Override
      public void setDouble(Object owner, double value) {
        setter.accept((O) owner, type == float.class || type == Float.class
            ? (Object) (float) value : (Object) value);
      }
    };
  }

  static Object box(Class<?> t, long v) {
    if (t == byte.class || t == Byte.class) {
      return (byte) v;
    }
    if (t == short.class || t == Short.class) {
      return (short) v;
    }
    if (t == char.class || t == Character.class) {
      return (char) v;
    }
    if (t == int.class || t == Integer.class) {
      return (int) v;
    }
    if (t == boolean.class || t == Boolean.class) {
      return v != 0;
    }
    return v;
  }

  private static final class VarHandleAccessor implements FieldAccessor {
    private final Class<?> type;
    private final VarHandle vh;

    VarHandleAccessor(Class<?> type, VarHandle vh) {
      this.type = type;
      this.vh = vh;
    }

    @Override
    public Class<?> type() {
      return type;
    }

    @Override
    public Object get(Object owner) {
      return vh.get(owner);
    }

    @Override
    public void set(Object owner, Object value) {
      if (type.isPrimitive() && value instanceof Number && !(value instanceof Double)) {
        setLong(owner, ((Number) value).longValue());
      } else {
        vh.set(owner, value);
      }
    }

    @Override
    public void setLong(Object owner, long v) {
      if (type == long.class) {
        vh.set(owner, v);
      } else if (type == int.class) {
        vh.set(owner, (int) v);
      } else if (type == short.class) {
        vh.set(owner, (short) v);
      } else if (type == byte.class) {
        vh.set(owner, (byte) v);
      } else if (type == char.class) {
        vh.set(owner, (char) v);
      } else if (type == boolean.class) {
        vh.set(owner, v != 0);
      } else {
        vh.set(owner, box(type, v));
      }
    }

    @Override
    public void setDouble(Object owner, double v) {
      if (type == float.class || type == Float.class) {
        vh.set(owner, (float) v);
      } else {
        vh.set(owner, v);
      }
    }
  }
}
