package org.vmstate4j.engine.analyze;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vmstate4j.engine.analyze.DecodedValue.ListValue;
import org.vmstate4j.engine.analyze.DecodedValue.StructValue;

/**
 * Collects the members of one struct the way the script does: a field whose name is already
 * present turns into a list (arrays arrive as one field per element), while a subsection replaces
 * whatever had its name. A key keeps the position of its first appearance.
 */
final class StructBuilder {
  /** Values are {@link DecodedValue} or, for merged fields, a {@code List<DecodedValue>}. */
  private final Map<String, Object> members = new LinkedHashMap<>();

  void addField(String name, DecodedValue value) {
    Object present = members.get(name);
    if (present == null) {
      members.put(name, value);
    } else if (present instanceof List<?>) {
      @SuppressWarnings("unchecked")
      List<DecodedValue> list = (List<DecodedValue>) present;
      list.add(value);
    } else {
      List<DecodedValue> list = new ArrayList<>();
      list.add((DecodedValue) present);
      list.add(value);
      members.put(name, list);
    }
  }

  void putSubsection(String name, DecodedValue value) {
    members.put(name, value);
  }

  StructValue build() {
    Map<String, DecodedValue> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : members.entrySet()) {
      Object v = e.getValue();
      if (v instanceof List<?> list) {
        List<DecodedValue> items = new ArrayList<>();
        for (Object item : list) {
          items.add((DecodedValue) item);
        }
        out.put(e.getKey(), new ListValue(items));
      } else {
        out.put(e.getKey(), (DecodedValue) v);
      }
    }
    return new StructValue(out);
  }
}
