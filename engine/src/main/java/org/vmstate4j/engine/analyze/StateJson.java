package org.vmstate4j.engine.analyze;

import java.util.Map;
import org.vmstate4j.engine.analyze.DecodedValue.BoolValue;
import org.vmstate4j.engine.analyze.DecodedValue.BytesValue;
import org.vmstate4j.engine.analyze.DecodedValue.IntValue;
import org.vmstate4j.engine.analyze.DecodedValue.ListValue;
import org.vmstate4j.engine.analyze.DecodedValue.NullPointerValue;
import org.vmstate4j.engine.analyze.DecodedValue.StructValue;
import org.vmstate4j.engine.analyze.DecodedValue.TextValue;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Turns decoded values into the JSON tree the script prints for them. */
final class StateJson {
  private StateJson() {}

  static JsonNode toJson(DecodedValue value) {
    if (value instanceof IntValue v) {
      return PythonJson.NODES.stringNode(v.text());
    } else if (value instanceof BytesValue v) {
      return PythonJson.NODES.stringNode(v.text());
    } else if (value instanceof BoolValue v) {
      return PythonJson.NODES.booleanNode(v.value());
    } else if (value instanceof NullPointerValue) {
      return PythonJson.NODES.stringNode("nullptr");
    } else if (value instanceof TextValue v) {
      return PythonJson.NODES.stringNode(v.text());
    } else if (value instanceof ListValue v) {
      ArrayNode array = PythonJson.NODES.arrayNode();
      for (DecodedValue item : v.items()) {
        array.add(toJson(item));
      }
      return array;
    }
    ObjectNode object = PythonJson.NODES.objectNode();
    for (Map.Entry<String, DecodedValue> e : ((StructValue) value).fields().entrySet()) {
      object.set(e.getKey(), toJson(e.getValue()));
    }
    return object;
  }
}
