package org.vmstate4j.engine.codec;

/**
 * The integer codecs: plain, {@code _equal} (the destination's value must match) and
 * {@code int32 le} (0 &lt;= received &lt;= current). All big-endian. {@code timer} is a 64-bit
 * expire time (-1 = not armed) and behaves like {@code int64}.
 */
public final class IntegerCodec implements Codec {
  /** What the loader checks against the destination's current value. */
  public enum Check {
    NONE,
    EQUAL,
    LESS_EQUAL
  }

  private final String name;
  private final int bits;
  private final boolean signed;
  private final Check check;

  IntegerCodec(String name, int bits, boolean signed, Check check) {
    this.name = name;
    this.bits = bits;
    this.signed = signed;
    this.check = check;
  }

  @Override
  public String name() {
    return name;
  }

  /** Wire width: 8, 16, 32 or 64. */
  public int bits() {
    return bits;
  }

  /** Wire bytes per value. */
  public int bytes() {
    return bits / 8;
  }

  /** Whether wire values are signed. */
  public boolean signed() {
    return signed;
  }

  /** The load-time check. */
  public Check check() {
    return check;
  }

  /** Smallest value the wire type holds (as a signed long; uint64 spans all longs). */
  public long min() {
    if (bits == 64) {
      return Long.MIN_VALUE;
    }
    return signed ? -(1L << (bits - 1)) : 0;
  }

  /** Largest value the wire type holds (uint64: -1 as the all-ones bit pattern). */
  public long max() {
    if (bits == 64) {
      return signed ? Long.MAX_VALUE : -1L;
    }
    return signed ? (1L << (bits - 1)) - 1 : (1L << bits) - 1;
  }

  /** Interprets the low {@link #bits()} of {@code raw} per signedness. */
  public long fromRaw(long raw) {
    switch (bits) {
      case 8:
        return signed ? (byte) raw : raw & 0xffL;
      case 16:
        return signed ? (short) raw : raw & 0xffffL;
      case 32:
        return signed ? (int) raw : raw & 0xffffffffL;
      default:
        return raw;
    }
  }

  @Override
  public boolean accepts(Class<?> storage) {
    int width = StorageWidth.bits(storage);
    return width >= bits && StorageWidth.isIntegral(storage);
  }

  @Override
  public String toString() {
    return name;
  }
}
