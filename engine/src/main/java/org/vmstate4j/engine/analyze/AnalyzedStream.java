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
  private final List<String> notes;

  AnalyzedStream(List<StreamItem> items, Map<String, DecodedValue> state, JsonNode description,
      List<String> notes) {
    this.items = List.copyOf(items);
    this.state = Collections.unmodifiableMap(new LinkedHashMap<>(state));
    this.description = description;
    this.notes = List.copyOf(notes);
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

  /**
   * Where the stream was read differently from its JSON description because the description is
   * visibly wrong (e.g. the first run of an array of pointers, see
   * {@link org.vmstate4j.engine.json.PointerRuns}): one line each, path and offset first. Empty
   * when the description was followed as written.
   */
  public List<String> notes() {
    return notes;
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
