package org.vmstate4j.engine.json;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.PrettyPrinter;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * QEMU's JSON text layout (qobject/json-writer.c, compact mode): {@code ", "} between members
 * and values, {@code ": "} after names, no other white space, non-ASCII escaped as upper-case
 * {@code \\uXXXX}, {@code /} not escaped.
 */
public final class QemuJsonFormat implements PrettyPrinter {
  private static final JsonMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .disable(JsonWriteFeature.ESCAPE_FORWARD_SLASHES)
                  .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
                  .enable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
                  .build())
          .build();
  private static final ObjectWriter WRITER = MAPPER.writer().with(new QemuJsonFormat());

  /** A writer that lays JSON out as QEMU does. */
  public static ObjectWriter writer() {
    return WRITER;
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
