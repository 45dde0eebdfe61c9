package org.vmstate4j.engine.model;

import org.jspecify.annotations.Nullable;

/**
 * Reads and writes one member of an owner object. The DSL derives accessors once from a class;
 * the engine calls them while saving and loading and never looks anything up by name.
 *
 * <p>Primitive members are reached through {@link #getLong}/{@link #setLong} (integers, chars,
 * booleans as 0/1) and {@link #getDouble}/{@link #setDouble}; everything else through
 * {@link #get}/{@link #set}.
 */
public interface FieldAccessor {
  /** Declared Java type of the member, e.g. {@code int.class}, {@code Sq[].class}. */
  Class<?> type();

  /** The member's value (boxed for primitives). */
  @Nullable Object get(Object owner);

  /** Replaces the member's value. */
  void set(Object owner, @Nullable Object value);

  /** The value of an integral, char or boolean member, sign-extended (char zero-extended). */
  default long getLong(Object owner) {
    Object v = get(owner);
    if (v instanceof Boolean) {
      return ((Boolean) v) ? 1 : 0;
    }
    if (v instanceof Character) {
      return (Character) v;
    }
    if (v == null) {
      throw new NullPointerException("null value");
    }
    return ((Number) v).longValue();
  }

  /** Stores into an integral, char or boolean member; the value fits the member's type. */
  void setLong(Object owner, long value);

  /** The value of a floating-point member. */
  default double getDouble(Object owner) {
    Object v = get(owner);
    if (v == null) {
      throw new NullPointerException("null value");
    }
    return ((Number) v).doubleValue();
  }

  /** Stores into a floating-point member. */
  void setDouble(Object owner, double value);
}
