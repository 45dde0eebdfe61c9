package org.vmstate4j.engine.json;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.CharacterEscapes;

/**
 * JSON's standard escapes plus DEL (0x7F), which JSON allows raw but QEMU's json-writer.c and
 * Python's {@code ensure_ascii} both write as a {@code \\u} escape.
 */
public final class DelEscapes extends CharacterEscapes {
  private static final long serialVersionUID = 1L;
  private final int[] ascii = standardAsciiEscapesForJSON();

  public DelEscapes() {
    ascii[0x7f] = ESCAPE_STANDARD;
  }

  @Override
  public int[] getEscapeCodesForAscii() {
    return ascii;
  }

  @Override
  public @Nullable SerializableString getEscapeSequence(int ch) {
    return null;
  }
}
