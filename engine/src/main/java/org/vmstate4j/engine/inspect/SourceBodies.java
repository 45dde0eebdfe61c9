package org.vmstate4j.engine.inspect;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.vmstate4j.engine.VmStateLoadException;
import org.vmstate4j.engine.inspect.ExplainItem.Kind;
import org.vmstate4j.engine.json.PointerRuns;
import org.vmstate4j.engine.model.VmsFlags;
import org.vmstate4j.engine.wire.VmDescription;
import org.vmstate4j.engine.wire.WireFormat;
import tools.jackson.databind.JsonNode;

/**
 * The source's view: section bodies read with the JSON description the stream carries after
 * EOF, as QEMU's analyze-migration.py reads them, item by item.
 */
final class SourceBodies implements StreamWalk.Bodies {
  private static final int MAX_DEPTH = 128;

  private final VmDescription desc;
  /** How many sections of each idstr/instance were read: each takes the next entry. */
  private final Map<String, Integer> taken = new HashMap<>();

  SourceBodies(VmDescription desc) {
    this.desc = desc;
  }

  /** The description's page size when it is a power of two, else 0. */
  int pageSize() {
    JsonNode ps = desc.root().get("page_size");
    int size = ps != null && ps.canConvertToInt() ? ps.asInt() : 0;
    return Integer.bitCount(size) == 1 ? size : 0;
  }

  @Override
  public boolean section(StreamWalk w, String idstr, int instance, int version, String root) {
    long id = instance & 0xffffffffL;
    List<JsonNode> entries = desc.devices(idstr, id);
    int n = taken.merge(idstr + "\u0000" + id, 1, Integer::sum) - 1;
    if (n >= entries.size()) {
      return false;
    }
    struct(w, entries.get(n), root, 0);
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
        if (marker && w.data.byteAt(at) == VmsFlags.MARKER_PTR_VALID) {
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
      if (w.in.remaining() >= 0 && size > w.in.remaining()) {
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
          Values.decode(type, w.data, at, size));
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
    if (b != WireFormat.SUBSECTION) {
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
