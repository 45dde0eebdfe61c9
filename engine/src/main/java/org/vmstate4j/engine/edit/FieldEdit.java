package org.vmstate4j.engine.edit;

import java.util.HexFormat;

/**
 * A resolved generic edit: the bytes at {@code offset} in the stream become {@code after}
 * (same length as {@code before}).
 *
 * @param path the path as analyze names it, section key included ({@code mc146818rtc (19)/...})
 */
public record FieldEdit(String path, long offset, byte[] before, byte[] after) {
  public FieldEdit {
    before = before.clone();
    after = after.clone();
    if (before.length != after.length) {
      throw new IllegalArgumentException("an in-place edit keeps the length");
    }
  }

  @Override
  public byte[] before() {
    return before.clone();
  }

  @Override
  public byte[] after() {
    return after.clone();
  }

  @Override
  public String toString() {
    HexFormat hex = HexFormat.ofDelimiter(" ");
    return path + " @" + offset + ": " + hex.formatHex(before) + " -> " + hex.formatHex(after);
  }
}
