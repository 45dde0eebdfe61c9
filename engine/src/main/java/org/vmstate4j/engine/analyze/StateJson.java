package org.vmstate4j.engine.analyze;

import java.util.Map;
import org.vmstate4j.engine.analyze.DecodedValue.BoolValue;
import org.vmstate4j.engine.analyze.DecodedValue.BytesValue;
import org.vmstate4j.engine.analyze.DecodedValue.IntValue;
import org.vmstate4j.engine.analyze.DecodedValue.ListValue;
import org.vmstate4j.engine.analyze.DecodedValue.NullPointerValue;
import org.vmstate4j.engine.analyze.DecodedValue.StructValue;
import org.vmstate4j.engine.analyze.DecodedValue.TextValue;
import tools.jackson.core.JsonGenerator;

/** Writes decoded values as the script prints them. */
final class StateJson {
  private StateJson() {}

  /** The state dump: one member per section, {@code "<idstr> (<section id>)"}. */
  static void write(JsonGenerator g, Map<String, DecodedValue> state) {
    g.writeStartObject();
    for (Map.Entry<String, DecodedValue> e : state.entrySet()) {
      g.writeName(e.getKey());
      write(g, e.getValue());
    }
    g.writeEndObject();
  }

  static void write(JsonGenerator g, DecodedValue value) {
    if (value instanceof IntValue v) {
      g.writeString(v.text());
    } else if (value instanceof BytesValue v) {
      g.writeString(v.text());
    } else if (value instanceof BoolValue v) {
      g.writeBoolean(v.value());
    } else if (value instanceof NullPointerValue) {
      g.writeString("nullptr");
    } else if (value instanceof TextValue v) {
      g.writeString(v.text());
    } else if (value instanceof ListValue v) {
      g.writeStartArray();
      for (DecodedValue item : v.items()) {
        write(g, item);
      }
      g.writeEndArray();
    } else {
      write(g, ((StructValue) value).fields());
    }
  }
}
