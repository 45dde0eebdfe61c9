package org.vmstate4j.engine.inspect;

import java.util.Set;
import org.vmstate4j.engine.model.VmsFlags;

/** Readable values of wire bytes by QEMU type name, and hex forms of bytes. */
final class Values {
  /** Bytes shown in full; longer runs are cut. */
  static final int SHOWN_BYTES = 16;

  private static final Set<String> SIGNED = Set.of(
      "int8", "int16", "int32", "int64", "int32 equal", "int32 le", "timer");
  private static final Set<String> UNSIGNED = Set.of(
      "uint8", "uint16", "uint32", "uint64", "uint8 equal", "uint16 equal", "uint32 equal",
      "int64 equal");

  private Values() {}

  /** The value of {@code len} bytes at {@code off} read with the codec named {@code type}. */
  static String decode(String type, byte[] b, int off, int len) {
    if (len == 0) {
      return "";
    }
    if ((SIGNED.contains(type) || UNSIGNED.contains(type)) && len <= 8) {
      long v = 0;
      for (int i = 0; i < len; i++) {
        v = (v << 8) | (b[off + i] & 0xff);
      }
      boolean signed = SIGNED.contains(type);
      if (signed && len < 8) {
        int shift = 64 - 8 * len;
        v = (v << shift) >> shift;
      }
      if (type.equals("timer") && v == -1) {
        return "not armed";
      }
      return number(v, signed, len);
    }
    switch (type) {
      case "bool":
        if (len == 1) {
          int v = b[off] & 0xff;
          return v == 0 ? "false" : v == 1 ? "true" : "true (0x" + hex2(v) + ")";
        }
        break;
      case "ptr-marker":
      case "nullptr":
        if (len == 1) {
          return marker(b[off] & 0xff);
        }
        break;
      case "float64":
        if (len == 8) {
          long v = 0;
          for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[off + i] & 0xff);
          }
          return Double.toString(Double.longBitsToDouble(v));
        }
        break;
      case "unused_buffer":
        return len + " bytes, unused";
      default:
        break;
    }
    return bytesValue(b, off, len);
  }

  /** Bytes decoded at once; longer fields are summarised in pieces. */
  private static final int PIECE = 1 << 16;

  /** {@link #decode(String, byte[], int, int)} of {@code len} stream bytes at {@code off}. */
  static String decode(String type, StreamBytes s, long off, long len) {
    if (len <= PIECE) {
      byte[] b = s.read(off, (int) len);
      return decode(type, b, 0, b.length);
    }
    if (type.equals("unused_buffer")) {
      return len + " bytes, unused";
    }
    return bytesValue(s, off, len);
  }

  /** {@link #bytesValue(byte[], int, int)} of a long run of stream bytes, read in pieces. */
  static String bytesValue(StreamBytes s, long off, long len) {
    long printable = 0;
    boolean inPrefix = true;
    boolean zerosAfter = true;
    boolean allZero = true;
    byte[] head = s.read(off, 48);
    for (long p = 0; p < len; p += PIECE) {
      byte[] b = s.read(off + p, (int) Math.min(PIECE, len - p));
      if (b.length == 0) {
        break;
      }
      for (byte x : b) {
        if (inPrefix && x >= 0x20 && x < 0x7f) {
          printable++;
        } else {
          inPrefix = false;
          if (x != 0) {
            zerosAfter = false;
          }
        }
        if (x != 0) {
          allZero = false;
        }
      }
    }
    String size = len + (len == 1 ? " byte" : " bytes");
    if (printable >= 3 && zerosAfter) {
      String text = new String(head, 0, (int) Math.min(printable, 48),
          java.nio.charset.StandardCharsets.US_ASCII);
      return size + " \"" + text + (printable > 48 ? "..." : "") + "\""
          + (printable < len ? " + NULs" : "");
    }
    return allZero ? size + ", all zero" : size;
  }

  /** {@link #hex(byte[], int, int)} of {@code len} stream bytes at {@code off}. */
  static String hex(StreamBytes s, long off, long len) {
    if (len <= 0) {
      return "";
    }
    byte[] b = s.read(off, (int) Math.min(len, SHOWN_BYTES));
    String h = hex(b, 0, b.length);
    return Math.min(len, s.length() - off) > b.length ? h + "..." : h;
  }

  /** NULL, VALID or the unexpected byte. */
  static String marker(int m) {
    if (m == VmsFlags.MARKER_PTR_NULL) {
      return "NULL";
    }
    if (m == VmsFlags.MARKER_PTR_VALID) {
      return "VALID";
    }
    return "unexpected marker 0x" + hex2(m);
  }

  /** {@code 16 (0x10)}; small non-negative values plainly. */
  static String number(long v, boolean signed, int bytes) {
    String dec = signed ? Long.toString(v) : Long.toUnsignedString(v);
    if (v >= 0 && v < 10) {
      return dec;
    }
    long masked = bytes >= 8 ? v : v & ((1L << (8 * bytes)) - 1);
    return dec + " (0x" + Long.toHexString(masked) + ")";
  }

  /** {@code N bytes}, with the text when the bytes start with printable ASCII. */
  static String bytesValue(byte[] b, int off, int len) {
    int printable = 0;
    while (printable < len && b[off + printable] >= 0x20 && b[off + printable] < 0x7f) {
      printable++;
    }
    boolean zeros = true;
    for (int i = printable; i < len; i++) {
      if (b[off + i] != 0) {
        zeros = false;
        break;
      }
    }
    String size = len + (len == 1 ? " byte" : " bytes");
    if (printable >= 3 && zeros) {
      String text = new String(b, off, Math.min(printable, 48),
          java.nio.charset.StandardCharsets.US_ASCII);
      return size + " \"" + text + (printable > 48 ? "..." : "") + "\""
          + (printable < len ? " + NULs" : "");
    }
    boolean allZero = true;
    for (int i = 0; i < len; i++) {
      if (b[off + i] != 0) {
        allZero = false;
        break;
      }
    }
    return allZero ? size + ", all zero" : size;
  }

  /** Lower-case hex without separators, cut after {@link #SHOWN_BYTES} bytes. */
  static String hex(byte[] b, int off, int len) {
    int shown = Math.min(len, SHOWN_BYTES);
    StringBuilder sb = new StringBuilder(shown * 2 + 16);
    for (int i = 0; i < shown; i++) {
      sb.append(hex2(b[off + i] & 0xff));
    }
    if (shown < len) {
      sb.append("...");
    }
    return sb.toString();
  }

  /** Bytes as hex separated by spaces at the given group boundaries (for headers). */
  static String groups(byte[] b, int off, int... sizes) {
    StringBuilder sb = new StringBuilder();
    int p = off;
    for (int s : sizes) {
      if (sb.length() > 0) {
        sb.append(' ');
      }
      sb.append(hex(b, p, s));
      p += s;
    }
    return sb.toString();
  }

  static String hex2(int v) {
    return Character.toString(Character.forDigit((v >> 4) & 0xf, 16))
        + Character.forDigit(v & 0xf, 16);
  }

  /** {@code 0x} and at least {@code width} hex digits. */
  static String offset(long v, int width) {
    String h = Long.toHexString(v);
    StringBuilder sb = new StringBuilder("0x");
    for (int i = h.length(); i < width; i++) {
      sb.append('0');
    }
    return sb.append(h).toString();
  }
}
