package org.vmstate4j.dsl.qemu;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The QEMU 7.2 reference files under {@code src/test/resources/qemu-samples}. */
final class QemuSamples {
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final HexFormat HEX = HexFormat.of();

  private static byte[] pcMin;

  private QemuSamples() {}

  static byte[] resource(String name) {
    try (InputStream in = QemuSamples.class.getResourceAsStream("/qemu-samples/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource qemu-samples/" + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode json(String name) {
    return JSON.readTree(new String(resource(name), StandardCharsets.UTF_8));
  }

  /** The whole pc-min.mig stream. */
  static synchronized byte[] pcMin() {
    if (pcMin == null) {
      pcMin = resource("pc-min.mig");
    }
    return pcMin;
  }

  /** The ten FULL sections of devices-pc-min.json. */
  static List<JsonNode> devices() {
    List<JsonNode> l = new ArrayList<>();
    json("devices-pc-min.json").values().forEach(l::add);
    return l;
  }

  /** The entry of pc-min.sections.json for a FULL section. */
  static JsonNode section(String idstr, int instanceId) {
    for (JsonNode s : json("pc-min.sections.json").values()) {
      if (s.path("kind").asString().equals("FULL") && s.path("idstr").asString().equals(idstr)
          && s.path("instance_id").asInt() == instanceId) {
        return s;
      }
    }
    throw new IllegalArgumentException("no FULL section " + idstr + " " + instanceId);
  }

  /** The data bytes of a section, cut from pc-min.mig with its offsets. */
  static byte[] data(JsonNode section) {
    int from = section.get("data_offset").asInt();
    int to = section.get("data_end").asInt();
    byte[] out = new byte[to - from];
    System.arraycopy(pcMin(), from, out, 0, out.length);
    return out;
  }

  /** The vmdesc JSON text exactly as QEMU wrote it at the end of pc-min.mig. */
  static String vmdescText() {
    byte[] b = pcMin();
    JsonNode eof = null;
    for (JsonNode s : json("pc-min.sections.json").values()) {
      if (s.path("kind").asString().equals("EOF")) {
        eof = s;
      }
    }
    int at = eof.get("header_offset").asInt() + 1;
    assertThat(b[at]).as("QEMU_VM_VMDESCRIPTION").isEqualTo((byte) 0x06);
    int len = ((b[at + 1] & 0xff) << 24) | ((b[at + 2] & 0xff) << 16) | ((b[at + 3] & 0xff) << 8)
        | (b[at + 4] & 0xff);
    assertThat(at + 5 + len).isEqualTo(b.length);
    return new String(b, at + 5, len, StandardCharsets.UTF_8);
  }

  /** A device's object from the embedded vmdesc. */
  static JsonNode vmdesc(String idstr, int instanceId) {
    for (JsonNode d : JSON.readTree(vmdescText()).get("devices").values()) {
      if (d.get("name").asString().equals(idstr) && d.get("instance_id").asInt() == instanceId) {
        return d;
      }
    }
    throw new IllegalArgumentException("no vmdesc for " + idstr + " " + instanceId);
  }

  /** The part of a vmdesc device object that describe() produces (no name, no instance_id). */
  static JsonNode describedPart(JsonNode vmdesc) {
    ObjectNode o = (ObjectNode) vmdesc.deepCopy();
    o.remove("name");
    o.remove("instance_id");
    return o;
  }

  /**
   * The vmdesc text QEMU writes for this device, given describe()'s text: the name and
   * instance id come first, then the same members.
   */
  static String vmdescEntryText(String idstr, int instanceId, String described) {
    assertThat(described).startsWith("{\"vmsd_name\": ");
    return "{\"name\": \"" + idstr + "\", \"instance_id\": " + instanceId + ", "
        + described.substring(1);
  }

  // ------------------------------------------------------------------ decoded values

  /**
   * Compares the values analyze-migration.py decoded with the Java object, following field
   * names (snake_case to camelCase, {@code a[0].b} paths, subsections as nested objects of the
   * same Java object). Returns how many values were compared; fails on any mismatch or on a
   * value with no Java home other than unused areas.
   */
  static int checkDecoded(JsonNode decoded, Object obj) {
    int n = 0;
    for (Map.Entry<String, JsonNode> e : decoded.properties()) {
      String key = e.getKey();
      JsonNode v = e.getValue();
      if (key.startsWith("unused")) {
        continue;
      }
      if (v.isObject() && key.contains("/")) {
        n += checkDecoded(v, obj); // a subsection of the same object
        continue;
      }
      Object owner = obj;
      String[] path = key.split("\\.");
      for (int i = 0; i < path.length - 1; i++) {
        owner = element(owner, path[i]);
      }
      String last = path[path.length - 1];
      Field f = field(owner.getClass(), stripIndex(last));
      Object value = get(f, owner);
      n += compare(key, v, value);
    }
    return n;
  }

  private static int compare(String key, JsonNode expected, Object value) {
    if (expected.isArray()) {
      int n = 0;
      for (int i = 0; i < expected.size(); i++) {
        JsonNode ei = expected.get(i);
        Object vi = Array.get(value, i);
        n += ei.isObject() ? checkDecoded(ei, vi) : compare(key + "[" + i + "]", ei, vi);
      }
      return n;
    }
    if (expected.isObject()) {
      return checkDecoded(expected, value);
    }
    String s = expected.asString();
    if (s.startsWith("0x")) {
      String digits = s.substring(2);
      long want = Long.parseUnsignedLong(digits, 16);
      long got = ((Number) (value instanceof Boolean ? ((Boolean) value ? 1 : 0) : value))
          .longValue();
      int bits = digits.length() * 4;
      long mask = bits >= 64 ? -1L : (1L << bits) - 1;
      assertThat(got & mask).as(key).isEqualTo(want);
      return 1;
    }
    byte[] want = HEX.parseHex(s.replace(" ", ""));
    byte[] got;
    if (value instanceof byte[]) {
      got = (byte[]) value;
    } else {
      long l = ((Number) value).longValue();
      got = new byte[want.length];
      for (int i = 0; i < got.length; i++) {
        got[i] = (byte) (l >>> (8 * (got.length - 1 - i)));
      }
    }
    assertThat(HEX.formatHex(got)).as(key).isEqualTo(HEX.formatHex(want));
    return 1;
  }

  private static Object element(Object owner, String segment) {
    Field f = field(owner.getClass(), stripIndex(segment));
    Object v = get(f, owner);
    int b = segment.indexOf('[');
    if (b >= 0 && v.getClass().isArray()) {
      return Array.get(v, Integer.parseInt(segment.substring(b + 1, segment.length() - 1)));
    }
    return v;
  }

  private static String stripIndex(String name) {
    int b = name.indexOf('[');
    return b < 0 ? name : name.substring(0, b);
  }

  private static Field field(Class<?> type, String snake) {
    StringBuilder camel = new StringBuilder();
    boolean up = false;
    for (char c : snake.toCharArray()) {
      if (c == '_') {
        up = camel.length() > 0;
      } else {
        camel.append(up ? Character.toUpperCase(c) : c);
        up = false;
      }
    }
    for (Field f : type.getDeclaredFields()) {
      if (!Modifier.isStatic(f.getModifiers())
          && (f.getName().equals(snake) || f.getName().contentEquals(camel))) {
        return f;
      }
    }
    throw new AssertionError(type.getSimpleName() + " has no field for '" + snake + "'");
  }

  private static Object get(Field f, Object owner) {
    try {
      f.setAccessible(true);
      return f.get(owner);
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    }
  }
}
