package org.vmstate4j.engine.stream;

import java.lang.reflect.Field;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.model.FieldAccessor;

/** Test-only accessors over declared fields of test classes. */
final class Fields {
  private Fields() {}

  static FieldAccessor of(Class<?> owner, String name) {
    Field f;
    try {
      f = owner.getDeclaredField(name);
    } catch (NoSuchFieldException e) {
      throw new IllegalArgumentException(e);
    }
    f.setAccessible(true);
    return new Reflective(f);
  }

  private static final class Reflective implements FieldAccessor {
    private final Field f;

    Reflective(Field f) {
      this.f = f;
    }

    @Override
    public Class<?> type() {
      return f.getType();
    }

    @Override
    public @Nullable Object get(Object owner) {
      try {
        return f.get(owner);
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public void set(Object owner, @Nullable Object value) {
      try {
        f.set(owner, value);
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public void setLong(Object owner, long v) {
      try {
        Class<?> t = f.getType();
        if (t == int.class) {
          f.setInt(owner, (int) v);
        } else if (t == long.class) {
          f.setLong(owner, v);
        } else if (t == short.class) {
          f.setShort(owner, (short) v);
        } else if (t == byte.class) {
          f.setByte(owner, (byte) v);
        } else if (t == char.class) {
          f.setChar(owner, (char) v);
        } else if (t == boolean.class) {
          f.setBoolean(owner, v != 0);
        } else {
          throw new IllegalStateException("not an integral member: " + f);
        }
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public void setDouble(Object owner, double v) {
      try {
        f.setDouble(owner, v);
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
