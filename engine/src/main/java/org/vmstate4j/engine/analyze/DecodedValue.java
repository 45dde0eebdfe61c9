package org.vmstate4j.engine.analyze;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A value decoded from a stream, shaped like the output of QEMU's analyze-migration.py: integers,
 * raw bytes, booleans, NULL-pointer markers, text, structs (ordered by first appearance) and lists
 * (fields that share a name, as the script merges them).
 *
 * <p>{@code offset} is the stream offset of the value's first byte.
 */
public sealed interface DecodedValue {

  /** An integer field of {@code size} bytes; {@code value} is signed or unsigned per its type. */
  record IntValue(long offset, int size, boolean signed, BigInteger value) implements DecodedValue {
    /** The script's text: {@code 0x} + zero-padded hex, plus {@code " (-n)"} when negative. */
    public String text() {
      BigInteger unsigned = value.signum() < 0 ? value.add(BigInteger.ONE.shiftLeft(8 * size)) : value;
      String hex = unsigned.toString(16);
      StringBuilder sb = new StringBuilder("0x");
      for (int i = hex.length(); i < 2 * size; i++) {
        sb.append('0');
      }
      sb.append(hex);
      if (value.signum() < 0) {
        sb.append(" (").append(value).append(')');
      }
      return sb.toString();
    }
  }

  /** Raw bytes (buffers, timers, unknown types), shown as space-separated hex. */
  record BytesValue(long offset, byte[] data) implements DecodedValue {
    public BytesValue {
      data = data.clone();
    }

    @Override
    public byte[] data() {
      return data.clone();
    }

    public int size() {
      return data.length;
    }

    /** The script's text: lower-case hex bytes separated by single spaces. */
    public String text() {
      StringBuilder sb = new StringBuilder(Math.max(0, data.length * 3 - 1));
      for (int i = 0; i < data.length; i++) {
        if (i > 0) {
          sb.append(' ');
        }
        sb.append(Character.forDigit((data[i] >> 4) & 0xf, 16))
            .append(Character.forDigit(data[i] & 0xf, 16));
      }
      return sb.toString();
    }

    @Override
    public boolean equals(@Nullable Object other) {
      return other instanceof BytesValue b && b.offset == offset && Arrays.equals(b.data, data);
    }

    @Override
    public int hashCode() {
      return Long.hashCode(offset) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
      return "BytesValue[offset=" + offset + ", data=" + text() + "]";
    }
  }

  /** A {@code bool} field: any non-zero byte is true. */
  record BoolValue(long offset, boolean value) implements DecodedValue {}

  /** The {@code nullptr} marker byte {@code '0'} that stands for a NULL array element. */
  record NullPointerValue(long offset) implements DecodedValue {}

  /** Text: a migration capability name, or {@code ""} for sections the script does not decode. */
  record TextValue(String text) implements DecodedValue {}

  /** Named members in stream order: fields, then subsections keyed by their names. */
  record StructValue(Map<String, DecodedValue> fields) implements DecodedValue {
    public StructValue {
      fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }
  }

  /** Elements of an array, or fields that repeat a name. */
  record ListValue(List<DecodedValue> items) implements DecodedValue {
    public ListValue {
      items = List.copyOf(items);
    }
  }
}
