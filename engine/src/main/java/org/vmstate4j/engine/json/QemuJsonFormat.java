package org.vmstate4j.engine.json;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.PrettyPrinter;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.CharacterEscapes;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * QEMU's JSON text layout (qobject/json-writer.c, compact mode): {@code ", "} between members
 * and values, {@code ": "} after names, no other white space, DEL and non-ASCII escaped as
 * upper-case {@code \\uXXXX}, {@code /} not escaped.
 */
public final class QemuJsonFormat implements PrettyPrinter {
  private static final JsonMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .disable(JsonWriteFeature.ESCAPE_FORWARD_SLASHES)
                  .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
                  .enable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
                  .characterEscapes(new DelEscapes())
                  .build())
          .build();
  private static final ObjectWriter WRITER = MAPPER.writer().with(new QemuJsonFormat());

  /** A writer that lays JSON out as QEMU does. */
  public static ObjectWriter writer() {
    return WRITER;
  }

  /** JSON's standard escapes plus DEL (0x7F), which json-writer.c also writes as \\u007F. */
  private static final class DelEscapes extends CharacterEscapes {
    private static final long serialVersionUID = 1L;
    private final int[] ascii = standardAsciiEscapesForJSON();

    DelEscapes() {
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

  @Override
  public void writeRootValueSeparator(JsonGenerator g) {}

  @Override
  public void writeStartObject(JsonGenerator g) {
    g.writeRaw('{');
  }

  @Override
  public void writeEndObject(JsonGenerator g, int entries) {
    g.writeRaw('}');
  }

  @Override
  public void writeObjectEntrySeparator(JsonGenerator g) {
    g.writeRaw(", ");
  }

  @Override
  public void writeObjectNameValueSeparator(JsonGenerator g) {
    g.writeRaw(": ");
  }

  @Override
  public void writeStartArray(JsonGenerator g) {
    g.writeRaw('[');
  }

  @Override
  public void writeEndArray(JsonGenerator g, int values) {
    g.writeRaw(']');
  }

  @Override
  public void writeArrayValueSeparator(JsonGenerator g) {
    g.writeRaw(", ");
  }

  @Override
  public void beforeArrayValues(JsonGenerator g) {}

  @Override
  public void beforeObjectEntries(JsonGenerator g) {}
}
