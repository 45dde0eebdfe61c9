package org.vmstate4j.engine.edit;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.analyze.DecodedValue;
import org.vmstate4j.engine.analyze.DecodedValue.BoolValue;
import org.vmstate4j.engine.analyze.DecodedValue.BytesValue;
import org.vmstate4j.engine.analyze.DecodedValue.IntValue;
import org.vmstate4j.engine.analyze.DecodedValue.ListValue;
import org.vmstate4j.engine.analyze.DecodedValue.StructValue;

/**
 * Turns a path as {@code analyze} shows it into the stream bytes of one field, and a value into
 * those bytes, checked against the field's size and signedness.
 *
 * <p>Paths: the section as analyze names it ({@code mc146818rtc (19)}, or the bare idstr when
 * only one section has it), then field names separated by {@code /}; {@code [i]} picks an array
 * element or a byte of a buffer. Field names may themselves hold dots and brackets
 * ({@code channels[0].irq_disabled}): an exact name wins over an index.
 */
final class FieldResolver {
  private static final Pattern KEY = Pattern.compile("(.*) \\((\\d+)\\)");
  private static final Pattern INDEXED = Pattern.compile("(.*)\\[(\\d+)\\]");

  private final Map<String, DecodedValue> sections;

  FieldResolver(Map<String, DecodedValue> sections) {
    this.sections = sections;
  }

  FieldEdit resolve(Assignment a) {
    String path = a.path();
    String[] parts = path.split("/", -1);
    for (int k = parts.length; k >= 1; k--) {
      String candidate = String.join("/", java.util.Arrays.copyOfRange(parts, 0, k));
      String key = sectionKey(path, candidate);
      if (key != null) {
        return leaf(a, key, sections.get(key), parts, k);
      }
    }
    throw new StreamEditException(path, "no section '" + parts[0] + "'; sections: "
        + String.join(", ", sections.keySet()));
  }

  /** The section key for {@code candidate}: exact, or the one section with that idstr. */
  private @Nullable String sectionKey(String path, String candidate) {
    if (sections.containsKey(candidate)) {
      return candidate;
    }
    Matcher asKey = KEY.matcher(candidate);
    String idstr = asKey.matches() ? asKey.group(1) : candidate;
    List<String> same = new ArrayList<>();
    for (String k : sections.keySet()) {
      Matcher m = KEY.matcher(k);
      if (m.matches() && m.group(1).equals(idstr)) {
        same.add(k);
      }
    }
    if (same.isEmpty()) {
      return null;
    }
    if (asKey.matches()) {
      throw new StreamEditException(path, "no section '" + candidate + "'; sections of "
          + idstr + ": " + String.join(", ", same));
    }
    if (same.size() > 1) {
      throw new StreamEditException(path, "several sections are '" + idstr + "': "
          + String.join(", ", same) + "; name one");
    }
    return same.get(0);
  }

  private FieldEdit leaf(Assignment a, String key, DecodedValue section, String[] parts, int k) {
    DecodedValue at = section;
    StringBuilder where = new StringBuilder(key);
    int byteIndex = -1;
    for (int i = k; i < parts.length; i++) {
      String part = parts[i];
      if (byteIndex >= 0) {
        throw new StreamEditException(a.path(), "'" + where + "' is a byte: nothing below it");
      }
      if (at instanceof StructValue s) {
        DecodedValue next = s.fields().get(part);
        Matcher m = INDEXED.matcher(part);
        if (next == null && m.matches() && s.fields().containsKey(m.group(1))) {
          next = s.fields().get(m.group(1));
          int index = Integer.parseInt(m.group(2));
          where.append('/').append(m.group(1));
          if (next instanceof ListValue l) {
            next = element(a, where, l, index);
          } else if (next instanceof BytesValue b) {
            if (index >= b.size()) {
              throw new StreamEditException(a.path(), "'" + where + "' has " + b.size()
                  + " bytes: index 0.." + (b.size() - 1));
            }
            byteIndex = index;
          } else {
            throw new StreamEditException(a.path(), "'" + where + "' is not an array");
          }
          where.append('[').append(index).append(']');
        } else if (next == null) {
          throw new StreamEditException(a.path(), "no field '" + part + "' in '" + where
              + "'; fields: " + String.join(", ", s.fields().keySet()));
        } else {
          where.append('/').append(part);
        }
        at = next;
      } else {
        throw new StreamEditException(a.path(), "'" + where + "' has no fields (it is "
            + kind(at) + ")");
      }
    }
    if (at instanceof ListValue l && !l.items().isEmpty()) {
      throw new StreamEditException(a.path(), "'" + where + "' is an array of "
          + l.items().size() + ": pick an element, e.g. " + where + "[0]");
    }
    return encode(a, where.toString(), at, byteIndex);
  }

  private static DecodedValue element(Assignment a, CharSequence where, ListValue l, int index) {
    if (index >= l.items().size()) {
      throw new StreamEditException(a.path(), "'" + where + "' has " + l.items().size()
          + " elements: index 0.." + (l.items().size() - 1));
    }
    return l.items().get(index);
  }

  private static FieldEdit encode(Assignment a, String where, DecodedValue at, int byteIndex) {
    BigInteger v = a.value();
    if (at instanceof IntValue iv) {
      byte[] before = bigEndian(iv.value(), iv.size());
      checkRange(a, where, v, iv.size(), iv.signed());
      return new FieldEdit(where, iv.offset(), before, bigEndian(v, iv.size()));
    }
    if (at instanceof BytesValue b && byteIndex >= 0) {
      checkRange(a, where, v, 1, false);
      return new FieldEdit(where, b.offset() + byteIndex, new byte[] {b.data()[byteIndex]},
          new byte[] {v.byteValue()});
    }
    if (at instanceof BoolValue bv) {
      if (v.signum() < 0 || v.compareTo(BigInteger.ONE) > 0) {
        throw new StreamEditException(a.path(), "'" + where + "' is a bool: 0 or 1, not " + v);
      }
      return new FieldEdit(where, bv.offset(), new byte[] {(byte) (bv.value() ? 1 : 0)},
          new byte[] {v.byteValue()});
    }
    if (at instanceof BytesValue b) {
      throw new StreamEditException(a.path(), "'" + where + "' is a buffer of " + b.size()
          + " bytes: edit one byte as " + where.substring(where.lastIndexOf('/') + 1) + "[i]");
    }
    throw new StreamEditException(a.path(), "'" + where + "' cannot be edited (it is "
        + kind(at) + ")");
  }

  private static void checkRange(Assignment a, String where, BigInteger v, int size,
      boolean signed) {
    int bits = 8 * size;
    BigInteger min = signed ? BigInteger.ONE.shiftLeft(bits - 1).negate() : BigInteger.ZERO;
    BigInteger max = signed ? BigInteger.ONE.shiftLeft(bits - 1).subtract(BigInteger.ONE)
        : BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
    if (v.compareTo(min) < 0 || v.compareTo(max) > 0) {
      throw new StreamEditException(a.path(), String.format(
          "%s does not fit '%s', %s %d-bit: %s..%s", v, where, signed ? "a signed" : "an unsigned",
          bits, min, signed ? max.toString() : "0x" + max.toString(16)));
    }
  }

  /** {@code v} as {@code size} big-endian bytes (two's complement for negatives). */
  private static byte[] bigEndian(BigInteger v, int size) {
    byte[] out = new byte[size];
    for (int i = 0; i < size; i++) {
      out[size - 1 - i] = v.shiftRight(8 * i).byteValue();
    }
    return out;
  }

  private static String kind(DecodedValue v) {
    if (v instanceof StructValue) {
      return "a struct";
    }
    if (v instanceof ListValue) {
      return "an array";
    }
    if (v instanceof IntValue) {
      return "an integer";
    }
    if (v instanceof BytesValue) {
      return "a buffer";
    }
    return v instanceof BoolValue ? "a bool" : "text or a NULL marker";
  }
}
