package org.vmstate4j.engine.edit;

import java.math.BigInteger;
import java.util.Objects;

/**
 * One generic edit: the path {@code analyze} shows for a field (or a byte of a buffer) and the
 * integer to store there. {@link #parse} reads the {@code PATH=VALUE} syntax shared by every
 * front end: decimal, {@code 0x} hexadecimal, a leading {@code -} for signed fields.
 */
public record Assignment(String path, BigInteger value) {
  public Assignment {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(value, "value");
    if (path.isBlank()) {
      throw new StreamEditException(path, "empty path");
    }
  }

  /** Parses {@code PATH=VALUE}; the last {@code =} separates them (paths hold no {@code =}). */
  public static Assignment parse(String text) {
    int eq = text.lastIndexOf('=');
    if (eq <= 0 || eq == text.length() - 1) {
      throw new StreamEditException(text, "expected PATH=VALUE, e.g. serial/state/scr=0x5a");
    }
    String path = text.substring(0, eq).trim();
    return new Assignment(path, parseValue(path, text.substring(eq + 1).trim()));
  }

  /** Parses a value: decimal, {@code 0x} hexadecimal, with an optional leading {@code -}. */
  public static BigInteger parseValue(String path, String text) {
    boolean negative = text.startsWith("-");
    String digits = negative ? text.substring(1) : text;
    int radix = 10;
    if (digits.startsWith("0x") || digits.startsWith("0X")) {
      radix = 16;
      digits = digits.substring(2);
    }
    if (digits.isEmpty() || digits.startsWith("-") || digits.startsWith("+")) {
      throw new StreamEditException(path, "not a number: '" + text + "'");
    }
    try {
      BigInteger v = new BigInteger(digits, radix);
      return negative ? v.negate() : v;
    } catch (NumberFormatException e) {
      throw new StreamEditException(path, "not a number: '" + text + "'");
    }
  }

  @Override
  public String toString() {
    return path + "=" + value;
  }
}
