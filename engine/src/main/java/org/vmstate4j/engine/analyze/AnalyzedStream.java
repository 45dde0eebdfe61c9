package org.vmstate4j.engine.analyze;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A decoded migration stream: its top-level items with offsets, the decoded state per section,
 * and the two dumps of QEMU's analyze-migration.py.
 */
public final class AnalyzedStream {
  private final List<StreamItem> items;
  private final Map<String, DecodedValue> state;
  private final JsonNode description;

  AnalyzedStream(List<StreamItem> items, Map<String, DecodedValue> state, JsonNode description) {
    this.items = List.copyOf(items);
    this.state = Collections.unmodifiableMap(new LinkedHashMap<>(state));
    this.description = description;
  }

  /** Top-level items in stream order, from the configuration section to the EOF byte. */
  public List<StreamItem> items() {
    return items;
  }

  /**
   * Decoded sections keyed as the script keys them, {@code "<idstr> (<section id>)"}, in the order
   * each section id first appeared; the configuration section is not included.
   */
  public Map<String, DecodedValue> state() {
    return state;
  }

  /** Exactly what {@code analyze-migration.py -f FILE --dump state} prints, final newline included. */
  public String dumpState() {
    return PythonJson.print(g -> StateJson.write(g, state));
  }

  /** Exactly what {@code analyze-migration.py -f FILE --dump desc} prints, final newline included. */
  public String dumpDesc() {
    return PythonJson.print(description);
  }
}
