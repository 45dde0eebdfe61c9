package org.vmstate4j.engine.wire;

import org.vmstate4j.engine.VmStateLoadException;
import org.vmstate4j.engine.json.PointerRuns;
import org.vmstate4j.engine.model.VmsFlags;
import tools.jackson.databind.JsonNode;

/**
 * A device body delimited with the JSON description: fields' sizes, arrays, structs, pointer
 * runs, and subsections as their 0x05 headers say.
 */
final class FieldWalk {
  private static final int MAX_DEPTH = 64;

  private final StreamWalker w;
  /** The version of the subsection header read last. */
  private long lastVersion;

  FieldWalk(StreamWalker w) {
    this.w = w;
  }

  /** A VMSD-shaped body: its fields' bytes, then each subsection's header and body. */
  void vmsd(JsonNode d, WirePart h, int depth) {
    long start = w.src.position();
    fields(d, depth);
    w.report(new WirePart(PartKind.DEVICE_FIELDS, start, w.src.position() - start, h.sectionId(),
        h.name(), h.instanceId(), h.versionId(), 0, -1));
    for (JsonNode s : d.path("subsections")) {
      long at = w.src.position();
      String name = subsectionHeader(s);
      WirePart sub = new WirePart(PartKind.SUBSECTION, at, w.src.position() - at, h.sectionId(),
          name, -1, lastVersion, 0, -1);
      w.report(sub);
      vmsd(s, sub, depth + 1);
    }
  }


  private void fields(JsonNode d, int depth) {
    if (depth > MAX_DEPTH) {
      throw new VmStateLoadException("description nested too deeply", w.src.position());
    }
    JsonNode all = d.path("fields");
    for (int e = 0; e < all.size(); e++) {
      JsonNode f = all.get(e);
      long count = Math.max(1, f.path("array_len").asLong(1));
      String type = f.path("type").asString("");
      // a first pointer run QEMU describes as the whole array ends at the NULL marker
      long runEnd = PointerRuns.leadingRunEnd(all, e);
      if (runEnd >= 0 && runEnd < count) {
        for (long i = 0; i < count; i++) {
          if (i == runEnd && w.src.peek(0) == VmsFlags.MARKER_PTR_NULL) {
            break;
          }
          if (type.equals("struct")) {
            structElement(f, depth);
          } else {
            w.src.skip(fieldSize(f));
          }
        }
        continue;
      }
      if (type.equals("struct")) {
        for (long i = 0; i < count; i++) {
          long before = w.src.position();
          structElement(f, depth);
          if (w.src.position() == before) {
            break; // empty elements: the rest are empty too
          }
        }
      } else if (type.equals("capability")) {
        for (long i = 0; i < count; i++) {
          w.src.countedString();
        }
      } else {
        long size = fieldSize(f);
        if (size > 0 && count > Long.MAX_VALUE / size) {
          throw new VmStateLoadException("field '" + f.path("name").asString("?")
              + "' is larger than any stream", w.src.position());
        }
        w.src.skip(size * count);
      }
    }
  }

  private void structElement(JsonNode f, int depth) {
    fields(f.path("struct"), depth + 1);
    for (JsonNode s : f.path("struct").path("subsections")) {
      subsectionHeader(s);
      fields(s, depth + 2);
    }
  }

  private long fieldSize(JsonNode f) {
    JsonNode sz = f.get("size");
    if (sz == null || !sz.canConvertToLong() || sz.asLong() < 0) {
      throw new VmStateLoadException("the JSON description gives field '"
          + f.path("name").asString("?") + "' no size", w.src.position());
    }
    return sz.asLong();
  }

  private String subsectionHeader(JsonNode s) {
    long at = w.src.position();
    String expected = s.path("vmsd_name").asString("?");
    int marker = w.src.u8();
    if (marker != WireFormat.SUBSECTION) {
      throw new VmStateLoadException("Subsection " + expected + " not found", at, "0x05",
          String.format("0x%02x", marker));
    }
    String name = w.src.countedString();
    lastVersion = w.src.u32();
    return name;
  }
}
