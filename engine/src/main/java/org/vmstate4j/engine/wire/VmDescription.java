package org.vmstate4j.engine.wire;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.VmStateLoadException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON description QEMU appends after EOF (0x06, be32 length, JSON): {@code page_size}, one
 * entry per device section (looked up by idstr and instance id) and, in newer QEMUs,
 * {@code configuration}. The engine's one parser of it: read as Python's {@code json.loads}
 * reads it (key order kept; a repeated key keeps its first position and its last value).
 */
public final class VmDescription {
  /** Jackson's streaming parser: no object mapper to build, so reading starts at once. */
  private static final JsonFactory JSON = JsonFactory.builder().build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final JsonNode root;
  private final long markerOffset;
  private final byte[] json;
  private final Map<String, List<JsonNode>> devices = new HashMap<>();

  private VmDescription(JsonNode root, long markerOffset, byte[] json) {
    this.root = root;
    this.markerOffset = markerOffset;
    this.json = json;
    for (JsonNode d : root.path("devices")) {
      devices.computeIfAbsent(key(d.path("name").asString(""), d.path("instance_id").asLong(0)),
          k -> new ArrayList<>(1)).add(d);
    }
  }

  /** Where a description sits at the end of a stream, not parsed yet. */
  public record Found(long markerOffset, byte[] json) {
    /** Parses it; see {@link VmDescription#parse(byte[], long)}. */
    public VmDescription parse() {
      return VmDescription.parse(json, markerOffset);
    }

    /** Parses it; see {@link VmDescription#parseText(byte[], long)}. */
    public VmDescription parseText() {
      return VmDescription.parseText(json, markerOffset);
    }
  }

  /** Reads JSON text into a tree, as the description is read. */
  public static JsonNode readTree(byte[] json) {
    try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), json)) {
      return tree(p);
    }
  }

  private static JsonNode readTree(String json) {
    try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), json)) {
      return tree(p);
    }
  }

  /** The whole document: one value and nothing after it; MissingNode when there is none. */
  private static JsonNode tree(JsonParser p) {
    JsonToken t = p.nextToken();
    if (t == null) {
      return NODES.missingNode();
    }
    JsonNode root = value(p, t);
    JsonToken after = p.nextToken();
    if (after != null) {
      throw new tools.jackson.core.exc.StreamReadException(p,
          "Trailing token (of type " + after + ") found after value");
    }
    return root;
  }

  private static JsonNode value(JsonParser p, JsonToken t) {
    switch (t) {
      case START_OBJECT -> {
        ObjectNode o = NODES.objectNode();
        for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
          String name = p.currentName();
          // as json.loads: a repeated key keeps its first position and its last value
          o.set(name, value(p, p.nextToken()));
        }
        return o;
      }
      case START_ARRAY -> {
        ArrayNode a = NODES.arrayNode();
        for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
          a.add(value(p, e));
        }
        return a;
      }
      case VALUE_STRING -> {
        return NODES.stringNode(p.getString());
      }
      case VALUE_NUMBER_INT -> {
        return switch (p.getNumberType()) {
          case INT -> NODES.numberNode(p.getIntValue());
          case LONG -> NODES.numberNode(p.getLongValue());
          default -> NODES.numberNode(p.getBigIntegerValue());
        };
      }
      case VALUE_NUMBER_FLOAT -> {
        return NODES.numberNode(p.getDoubleValue());
      }
      case VALUE_TRUE -> {
        return NODES.booleanNode(true);
      }
      case VALUE_FALSE -> {
        return NODES.booleanNode(false);
      }
      case VALUE_NULL -> {
        return NODES.nullNode();
      }
      default -> throw new tools.jackson.core.exc.StreamReadException(p,
          "Unexpected token " + t);
    }
  }

  /**
   * Parses the JSON text of a description whose 0x06 marker is at {@code markerOffset}. Errors
   * name the stream offset: invalid JSON, not an object, no {@code devices} list.
   */
  public static VmDescription parse(byte[] json, long markerOffset) {
    return parse(json, null, markerOffset);
  }

  private static VmDescription parse(byte[] json, @Nullable String text, long markerOffset) {
    long jsonOffset = markerOffset < 0 ? -1 : markerOffset + 5;
    JsonNode root;
    try {
      root = text != null ? readTree(text) : readTree(json);
    } catch (JacksonException e) {
      TokenStreamLocation where = e.getLocation();
      long at = where == null || where.getByteOffset() < 0 || jsonOffset < 0
          ? jsonOffset : jsonOffset + where.getByteOffset();
      throw new VmStateLoadException("vmdesc is not valid JSON: " + e.getOriginalMessage(), at, e);
    }
    if (!root.isObject()) {
      throw new VmStateLoadException("vmdesc is not a JSON object", jsonOffset);
    }
    if (!root.path("devices").isArray()) {
      throw new VmStateLoadException("vmdesc has no \"devices\" list", jsonOffset);
    }
    return new VmDescription(root, markerOffset, json);
  }

  /**
   * As {@link #parse}, reading the JSON as text first: bytes that are not UTF-8 (inside a
   * string) become U+FFFD instead of making the description unusable.
   */
  public static VmDescription parseText(byte[] json, long markerOffset) {
    return parse(json, new String(json, StandardCharsets.UTF_8), markerOffset);
  }

  /**
   * The problem of a description that {@link #parse} rejected, without its subject ("vmdesc
   * is"), for callers that name it their own way: {@code not valid JSON: ...},
   * {@code not a JSON object}, {@code has no "devices" list}.
   */
  public static String problem(VmStateLoadException e) {
    String r = e.reason();
    return r.startsWith("vmdesc is ") ? r.substring("vmdesc is ".length())
        : r.startsWith("vmdesc ") ? r.substring("vmdesc ".length()) : r;
  }

  /**
   * Finds and parses the description at the end of a file; null when there is none.
   *
   * @see #find(FileChannel)
   */
  public static @Nullable VmDescription locate(FileChannel channel, long start) throws IOException {
    Found f = find(channel);
    return f == null || f.markerOffset() < start ? null : f.parse();
  }

  /**
   * Finds the description at the end of a file: the last 0x06 whose be32 length runs exactly to
   * the end, with a <code>'&#123;'</code> after it; failing that, where QEMU's analyze-migration.py looks
   * (the first <code>'&#123;'</code> after the last NUL of the file's end, preceded by 0x06 and a length
   * that fits). Null when neither finds one.
   */
  public static @Nullable Found find(FileChannel channel) throws IOException {
    return DescriptionFinder.find(channel);
  }

  /** {@link #find(FileChannel)} on a stream in memory. */
  public static @Nullable Found find(byte[] stream) {
    return DescriptionFinder.find(stream);
  }

  private static String key(String name, long instance) {
    return name + "\u0000" + instance;
  }

  /** The parsed JSON. */
  public JsonNode root() {
    return root;
  }

  /** Stream offset of the 0x06 byte. */
  public long markerOffset() {
    return markerOffset;
  }

  /** Stream offset of the JSON's first byte. */
  public long jsonOffset() {
    return markerOffset < 0 ? -1 : markerOffset + 5;
  }

  /** Number of JSON bytes after the be32 length. */
  public long jsonLength() {
    return json.length;
  }

  /** The JSON text (a copy). */
  public byte[] json() {
    return json.clone();
  }

  /** QEMU's target page size ({@code page_size}), 4096 when absent or not a power of two. */
  public int pageSize() {
    JsonNode size = root.path("page_size");
    int v = size.canConvertToInt() ? size.asInt() : 0;
    return v > 0 && Integer.bitCount(v) == 1 ? v : WireFormat.DEFAULT_PAGE_SIZE;
  }

  /** {@code page_size}, which must be a positive integer (analyze-migration.py needs it). */
  public long requirePageSize() {
    JsonNode size = root.get("page_size");
    if (size == null || !size.isIntegralNumber() || !size.canConvertToLong()
        || size.longValue() < 1) {
      throw new VmStateLoadException("vmdesc has no valid page_size", jsonOffset(),
          "positive integer", size == null ? "none" : size.toString());
    }
    return size.longValue();
  }

  /**
   * Checks every device entry as analyze-migration.py does before it reads a section: an
   * object with {@code name}, {@code instance_id} and {@code fields}.
   */
  public void requireDeviceFields() {
    for (JsonNode device : root.path("devices")) {
      if (!device.isObject() || !device.has("name") || !device.has("instance_id")) {
        throw new VmStateLoadException("vmdesc device without name or instance_id",
            jsonOffset(), "object", device.toString());
      }
      if (!device.has("fields")) {
        JsonNode name = device.get("name");
        throw new VmStateLoadException("vmstate for device " + name.asString(name.toString())
            + " has no fields", jsonOffset());
      }
    }
  }

  /**
   * The entry of a device section, or null when the description does not list it; of several
   * entries with the same idstr and instance id, the last (as the script's lookup table).
   */
  public @Nullable JsonNode device(String idstr, long instanceId) {
    List<JsonNode> l = devices.get(key(idstr, instanceId));
    return l == null ? null : l.get(l.size() - 1);
  }

  /** Every entry with this idstr and instance id, in the description's order. */
  public List<JsonNode> devices(String idstr, long instanceId) {
    List<JsonNode> l = devices.get(key(idstr, instanceId));
    return l == null ? List.of() : List.copyOf(l);
  }

  /** The description of the configuration section (newer QEMUs), or null. */
  public @Nullable JsonNode configuration() {
    JsonNode c = root.get("configuration");
    return c != null && c.isObject() && !c.isEmpty() ? c : null;
  }

  /**
   * The JSON text with device entries replaced: each entry for which {@code replacement} gives
   * bytes (by its name and instance id) is replaced by them; every other byte stays as it was.
   */
  public byte[] replaceDevices(BiFunction<String, Long, byte @Nullable []> replacement) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(json.length + 256);
    int copied = 0;
    try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), json)) {
      int depth = 0;
      boolean inDevices = false;
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        if (t == JsonToken.PROPERTY_NAME && depth == 1 && p.currentName().equals("devices")) {
          inDevices = true;
        } else if (t == JsonToken.START_OBJECT && inDevices && depth == 2) {
          int start = (int) p.currentTokenLocation().getByteOffset();
          JsonNode dev = value(p, t);
          int end = (int) p.currentTokenLocation().getByteOffset() + 1;
          byte[] repl = replacement.apply(dev.path("name").asString(""),
              dev.path("instance_id").asLong(-1));
          if (repl != null) {
            out.write(json, copied, start - copied);
            out.write(repl, 0, repl.length);
            copied = end;
          }
          continue;
        }
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
          depth++;
        } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
          depth--;
          if (depth < 2) {
            inDevices = false;
          }
        }
      }
    }
    out.write(json, copied, json.length - copied);
    return out.toByteArray();
  }

  @Override
  public String toString() {
    return "VmDescription @" + markerOffset + " (" + json.length + " bytes of JSON)";
  }
}
