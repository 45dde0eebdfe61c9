package org.vmstate4j.engine.json;

import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * QEMU's JSON text layout (qobject/json-writer.c, compact mode): {@code ", "} between members
 * and values, {@code ": "} after names, no other white space, DEL and non-ASCII escaped as
 * upper-case {@code \\uXXXX}, {@code /} not escaped.
 */
public final class QemuJsonFormat {
  private static final JsonMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .disable(JsonWriteFeature.ESCAPE_FORWARD_SLASHES)
                  .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
                  .enable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
                  .characterEscapes(new DelEscapes())
                  .build())
          .build();
  private static final ObjectWriter WRITER = MAPPER.writer().with(JsonLayout.qemu());

  private QemuJsonFormat() {}

  /** A writer that lays JSON out as QEMU does. */
  public static ObjectWriter writer() {
    return WRITER;
  }
}
