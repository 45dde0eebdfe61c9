package org.vmstate4j.engine.json;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.PrettyPrinter;
import tools.jackson.core.util.Instantiatable;

/**
 * A JSON text layout: what stands between members and values, {@code ": "} after names, and
 * either everything on one line or one item per line indented by level, with {@code {}} or
 * {@code []} when empty.
 */
public final class JsonLayout implements PrettyPrinter, Instantiatable<JsonLayout> {
  private final String separator;
  private final @Nullable String indent;
  private final String rootSeparator;
  private int level;

  private JsonLayout(String separator, @Nullable String indent, String rootSeparator) {
    this.separator = separator;
    this.indent = indent;
    this.rootSeparator = rootSeparator;
  }

  /** QEMU's compact layout (qobject/json-writer.c): {@code ", "} between items, one line. */
  public static JsonLayout qemu() {
    return new JsonLayout(", ", null, "");
  }

  /** Python's {@code json.dumps(obj, indent=4, separators=(',', ': '))}. */
  public static JsonLayout python() {
    return new JsonLayout(",", "    ", " ");
  }

  /** A fresh layout for one generator: the indentation level is per document. */
  @Override
  public JsonLayout createInstance() {
    return new JsonLayout(separator, indent, rootSeparator);
  }

  private void newline(JsonGenerator g) {
    String step = indent;
    if (step == null) {
      return;
    }
    g.writeRaw('\n');
    for (int i = 0; i < level; i++) {
      g.writeRaw(step);
    }
  }

  @Override
  public void writeRootValueSeparator(JsonGenerator g) {
    if (!rootSeparator.isEmpty()) {
      g.writeRaw(rootSeparator);
    }
  }

  private void open(JsonGenerator g, char bracket) {
    g.writeRaw(bracket);
    level++;
  }

  private void separate(JsonGenerator g) {
    g.writeRaw(separator);
    newline(g);
  }

  private void close(JsonGenerator g, int items, char bracket) {
    level--;
    if (items > 0) {
      newline(g);
    }
    g.writeRaw(bracket);
  }

  @Override
  public void writeStartObject(JsonGenerator g) {
    open(g, '{');
  }

  @Override
  public void writeStartArray(JsonGenerator g) {
    open(g, '[');
  }

  @Override
  public void beforeObjectEntries(JsonGenerator g) {
    newline(g);
  }

  @Override
  public void beforeArrayValues(JsonGenerator g) {
    newline(g);
  }

  @Override
  public void writeObjectNameValueSeparator(JsonGenerator g) {
    g.writeRaw(": ");
  }

  @Override
  public void writeObjectEntrySeparator(JsonGenerator g) {
    separate(g);
  }

  @Override
  public void writeArrayValueSeparator(JsonGenerator g) {
    separate(g);
  }

  @Override
  public void writeEndObject(JsonGenerator g, int entries) {
    close(g, entries, '}');
  }

  @Override
  public void writeEndArray(JsonGenerator g, int values) {
    close(g, values, ']');
  }
}
