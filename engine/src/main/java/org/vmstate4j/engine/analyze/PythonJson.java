package org.vmstate4j.engine.analyze;

import java.io.StringWriter;
import java.util.Map;
import java.util.function.Consumer;
import org.vmstate4j.engine.json.DelEscapes;
import org.vmstate4j.engine.json.JsonLayout;
import org.vmstate4j.engine.wire.VmDescription;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.PrettyPrinter;
import tools.jackson.core.io.CharacterEscapes;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * JSON read like Python's {@code json.loads} reads it (key order kept, a repeated key keeps its
 * first position and its last value) and written exactly as
 * {@code json.dumps(obj, indent=4, separators=(',', ': '))} prints it, with Jackson's streaming
 * parser and generator (no object mapper to build: a short command starts at once).
 */
final class PythonJson {
  static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private static final JsonFactory FACTORY = JsonFactory.builder()
      .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
      .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
      .build();

  private PythonJson() {}

  /** Reads JSON text with the engine's one parser of the description. */
  static JsonNode parse(byte[] json) {
    return VmDescription.readTree(json);
  }

  /** The text Python's {@code print(encoder.encode(obj))} writes, final newline included. */
  static String print(JsonNode node) {
    return print(g -> write(g, node));
  }

  /** What {@code content} writes, as Python prints it, final newline included. */
  static String print(Consumer<JsonGenerator> content) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = FACTORY.createGenerator(new PythonStyle(), out)) {
      content.accept(g);
    }
    return out.append('\n').toString();
  }

  private static void write(JsonGenerator g, JsonNode n) {
    if (n.isObject()) {
      g.writeStartObject();
      for (Map.Entry<String, JsonNode> e : n.properties()) {
        g.writeName(e.getKey());
        write(g, e.getValue());
      }
      g.writeEndObject();
    } else if (n.isArray()) {
      g.writeStartArray();
      for (JsonNode e : n.values()) {
        write(g, e);
      }
      g.writeEndArray();
    } else if (n.isString()) {
      g.writeString(n.asString());
    } else if (n.isBoolean()) {
      g.writeBoolean(n.booleanValue());
    } else if (n.isNull()) {
      g.writeNull();
    } else if (n.isInt()) {
      g.writeNumber(n.intValue());
    } else if (n.isLong()) {
      g.writeNumber(n.longValue());
    } else if (n.isBigInteger()) {
      g.writeNumber(n.bigIntegerValue());
    } else if (n.isNumber()) {
      g.writeNumber(n.doubleValue());
    } else {
      g.writeNull();
    }
  }

  /** The pretty printer and escapes of Python's output, for one generator. */
  private static final class PythonStyle extends ObjectWriteContext.Base {
    private static final DelEscapes ESCAPES = new DelEscapes();

    @Override
    public CharacterEscapes getCharacterEscapes() {
      return ESCAPES;
    }

    @Override
    public PrettyPrinter getPrettyPrinter() {
      return JsonLayout.python();
    }

    @Override
    public boolean hasPrettyPrinter() {
      return true;
    }
  }
}
