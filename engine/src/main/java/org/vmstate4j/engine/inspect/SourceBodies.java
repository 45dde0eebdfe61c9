package org.vmstate4j.engine.inspect;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.VmStateLoadException;
import org.vmstate4j.engine.inspect.ExplainItem.Kind;
import org.vmstate4j.engine.json.PointerRuns;
import org.vmstate4j.engine.model.VmsFlags;
import org.vmstate4j.engine.stream.StreamFormat;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The source's view: section bodies read with the JSON description the stream carries after
 * EOF, as QEMU's analyze-migration.py reads them, item by item.
 */
final class SourceBodies implements StreamWalk.Bodies {
  private static final JsonMapper MAPPER = JsonMapper.builder().build();
  private static final int MAX_DEPTH = 128;
  /** How far from the end the JSON description may start (analyze-migration.py: 10 MiB). */
  private static final int SEARCH = 10 << 20;

  private final Map<String, Deque<JsonNode>> devices = new HashMap<>();
  private final int pageSize;

  private SourceBodies(JsonNode root) {
    JsonNode ps = root.get("page_size");
    this.pageSize = ps != null && ps.canConvertToInt() ? ps.asInt() : 0;
    JsonNode list = root.get("devices");
    if (list == null || !list.isArray()) {
      throw new IllegalArgumentException("the JSON description has no \"devices\" array");
    }
    for (JsonNode d : list.values()) {
      devices.computeIfAbsent(key(d.path("name").asString(""), d.path("instance_id").asLong(0)),
          k -> new ArrayDeque<>()).add(d);
    }
  }

  int pageSize() {
    return Integer.bitCount(pageSize) == 1 ? pageSize : 0;
  }

  /**
   * The description at the end of {@code data} ({@code 0x06}, be32 length, JSON, end of file),
   * or null when there is none.
   */
  static @Nullable SourceBodies locate(byte[] data) {
    String json = json(data);
    if (json == null) {
      return null;
    }
    try {
      return new SourceBodies(MAPPER.readTree(json));
    } catch (JacksonException e) {
      throw new IllegalArgumentException("the JSON description is not valid JSON: "
          + e.getOriginalMessage(), e);
    }
  }

  static @Nullable String json(byte[] data) {
    int stop = Math.max(0, data.length - SEARCH);
    for (int p = data.length - 6; p >= stop; p--) {
      if (data[p] != StreamFormat.VMDESCRIPTION || data[p + 5] != '{') {
        continue;
      }
      long len = ((data[p + 1] & 0xffL) << 24) | ((data[p + 2] & 0xff) << 16)
          | ((data[p + 3] & 0xff) << 8) | (data[p + 4] & 0xff);
      if (p + 5 + len == data.length) {
        return new String(data, p + 5, (int) len, StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  private static String key(String name, long instance) {
    return name + "\u0000" + (instance & 0xffffffffL);
  }

  @Override
  public boolean section(StreamWalk w, String idstr, int instance, int version, String root) {
    Deque<JsonNode> q = devices.get(key(idstr, instance & 0xffffffffL));
    JsonNode d = q == null ? null : q.poll();
    if (d == null) {
      return false;
    }
    struct(w, d, root, 0);
    return true;
  }

  private void struct(StreamWalk w, JsonNode desc, String path, int depth) {
    if (depth > MAX_DEPTH) {
      throw new VmStateLoadException("description nested too deeply", w.in.position());
    }
    JsonNode fields = desc.get("fields");
    if (fields != null && fields.isArray()) {
      fields(w, fields, path, depth);
    }
    JsonNode subs = desc.get("subsections");
    if (subs != null && subs.isArray()) {
      String parent = desc.path("vmsd_name").asString("");
      for (JsonNode sub : subs.values()) {
        subsection(w, sub, parent, path, depth);
      }
    }
  }

  private void fields(StreamWalk w, JsonNode fields, String path, int depth) {
    Map<String, Integer> entries = new HashMap<>();
    Set<String> arrays = new HashSet<>();
    for (JsonNode f : fields.values()) {
      String name = f.path("name").asString("?");
      entries.merge(name, 1, Integer::sum);
      String type = f.path("type").asString("");
      if (f.has("array_len") || f.has("index") || type.equals("ptr-marker")
          || type.equals("nullptr")) {
        arrays.add(name);
      }
    }
    entries.forEach((n, c) -> {
      if (c > 1) {
        arrays.add(n);
      }
    });
    Map<String, Integer> next = new HashMap<>();
    String validName = null;
    int validIndex = 0;
    for (int e = 0; e < fields.size(); e++) {
      JsonNode f = fields.get(e);
      String name = f.path("name").asString("?");
      String type = f.path("type").asString("");
      long count = Math.max(1, f.path("array_len").asLong(1));
      boolean marker = type.equals("ptr-marker") || type.equals("nullptr");
      long runEnd = PointerRuns.leadingRunEnd(fields, e);
      for (long k = 0; k < count; k++) {
        if (k == runEnd && w.in.peek(0) == VmsFlags.MARKER_PTR_NULL) {
          w.note(w.in.position(), path + "/" + name, PointerRuns.note(count, k));
          break;
        }
        int idx;
        if (f.has("index") && count == 1) {
          idx = f.get("index").asInt();
          next.put(name, idx + 1);
        } else if (!marker && name.equals(validName)) {
          idx = validIndex;
        } else {
          idx = next.merge(name, 1, Integer::sum) - 1;
        }
        validName = null;
        String p = path + "/" + name + (arrays.contains(name) ? "[" + idx + "]" : "");
        long at = w.in.position();
        element(w, f, type, p, depth);
        if (marker && w.data[(int) at] == VmsFlags.MARKER_PTR_VALID) {
          validName = name;
          validIndex = idx;
        }
      }
    }
  }

  private void element(StreamWalk w, JsonNode f, String type, String path, int depth) {
    long at = w.in.position();
    try {
      if (type.equals("struct")) {
        JsonNode s = f.get("struct");
        if (s == null) {
          throw new VmStateLoadException("description error: struct field has no \"struct\"", at);
        }
        struct(w, s, path, depth + 1);
        return;
      }
      if (f.has("fields") && !type.equals("ptr-marker")) {
        // vstruct, tmp: the nested description sits in the field entry itself
        struct(w, f, path, depth + 1);
        return;
      }
      long size = f.path("size").asLong(-1);
      if (size < 0) {
        throw new VmStateLoadException("description error: field has no size", at);
      }
      if (size > w.in.remaining()) {
        throw new VmStateLoadException("unexpected end of stream", at, size + " more bytes",
            w.in.remaining() + " bytes");
      }
      if (type.equals("ptr-marker") || type.equals("nullptr")) {
        int m = w.in.readU8();
        if (m != VmsFlags.MARKER_PTR_NULL && (m != VmsFlags.MARKER_PTR_VALID
            || type.equals("nullptr"))) {
          w.add(at, 1, Kind.MARKER, path, type, Values.marker(m));
          throw new VmStateLoadException("Unexpected ptr marker: " + m, at, "0x30 or 0x31",
              String.format("0x%02x", m));
        }
        w.add(at, 1, Kind.MARKER, path, type, Values.marker(m));
        return;
      }
      w.in.skip(size);
      w.add(at, size, Kind.FIELD, path, type.isEmpty() ? "unknown" : type,
          Values.decode(type, w.data, (int) at, (int) size));
    } catch (VmStateLoadException e) {
      throw e.offset() < 0 ? e : withPath(e, path);
    }
  }

  private static VmStateLoadException withPath(VmStateLoadException e, String path) {
    if (!e.path().isEmpty()) {
      return e;
    }
    e.under(path);
    return e;
  }

  private void subsection(StreamWalk w, JsonNode sub, String parent, String path, int depth) {
    long at = w.in.position();
    String vmsdName = sub.path("vmsd_name").asString("?");
    int b = w.in.peek(0);
    if (b != StreamFormat.SUBSECTION) {
      throw new VmStateLoadException("Subsection " + vmsdName + " not found", at, "0x05",
          b < 0 ? "end of stream" : String.format("0x%02x", b));
    }
    w.in.readU8();
    String name = w.in.readCountedString();
    int version = w.in.readInt();
    String seg = name.startsWith(parent + "/") ? name.substring(parent.length() + 1) : name;
    String p = path + "/" + seg;
    w.add(at, w.in.position() - at, Kind.SUBSECTION, p, "subsection",
        "'" + name + "' version " + version);
    struct(w, sub, p, depth + 1);
  }
}
