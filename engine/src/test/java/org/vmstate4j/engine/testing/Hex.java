package org.vmstate4j.engine.testing;

import java.io.ByteArrayOutputStream;

/** Hex text to bytes and back; blanks, '|' and '·' in hex text are ignored. */
public final class Hex {
  private Hex() {}

  public static byte[] bytes(String hex) {
    String s = hex.replaceAll("[\\s|·]", "");
    if (s.length() % 2 != 0) {
      throw new IllegalArgumentException("odd number of hex digits: " + hex);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < s.length(); i += 2) {
      out.write(Integer.parseInt(s.substring(i, i + 2), 16));
    }
    return out.toByteArray();
  }

  /** Lower-case hex, one space between bytes. */
  public static String str(byte[] b) {
    StringBuilder sb = new StringBuilder();
    for (byte x : b) {
      if (sb.length() > 0) {
        sb.append(' ');
      }
      sb.append(String.format("%02x", x & 0xff));
    }
    return sb.toString();
  }

  /** Normalises hex text to {@link #str} form. */
  public static String norm(String hex) {
    return str(bytes(hex));
  }
}
