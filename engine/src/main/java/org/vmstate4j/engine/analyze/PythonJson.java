package org.vmstate4j.engine.analyze;

import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.wire.VmDescription;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.CharacterEscapes;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Jackson set up to read the vmdesc like Python's {@code json.loads} (key order kept, a repeated
 * key keeps its first position and its last value) and to write exactly what
 * {@code json.dumps(obj, indent=4, separators=(',', ': '))} prints.
 */
final class PythonJson {
  static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private static final JsonMapper MAPPER = JsonMapper.builder()
      .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
      .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
      .build();

  private static final ObjectWriter WRITER = MAPPER.writer()
      .with(indentFour())
      .with(new PythonAsciiEscapes());

  private PythonJson() {}

  /** Reads JSON text with the engine's one parser of the description. */
  static JsonNode parse(byte[] json) {
    return VmDescription.readTree(json);
  }

  /** The text Python's {@code print(encoder.encode(obj))} writes, final newline included. */
  static String print(JsonNode node) {
    return WRITER.writeValueAsString(node) + "\n";
  }

  /** Python: one item per line, 4-space steps, {@code "key": value}, and {@code {}}/{@code []}. */
  private static DefaultPrettyPrinter indentFour() {
    Separators separators = Separators.createDefaultInstance()
        .withObjectNameValueSpacing(Separators.Spacing.AFTER)
        .withObjectEmptySeparator("")
        .withArrayEmptySeparator("");
    DefaultIndenter indenter = new DefaultIndenter("    ", "\n");
    return new DefaultPrettyPrinter(separators)
        .withObjectIndenter(indenter)
        .withArrayIndenter(indenter);
  }

  /** Python's {@code ensure_ascii} also escapes DEL (0x7f), which JSON itself allows raw. */
  private static final class PythonAsciiEscapes extends CharacterEscapes {
    private static final long serialVersionUID = 1L;
    private final int[] ascii;

    PythonAsciiEscapes() {
      ascii = standardAsciiEscapesForJSON();
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
}
