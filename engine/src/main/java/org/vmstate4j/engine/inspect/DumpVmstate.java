package org.vmstate4j.engine.inspect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vmstate4j.engine.inspect.CompatDescription.Gate;
import org.vmstate4j.engine.model.VmStateDescription;
import org.vmstate4j.engine.model.VmStateField;
import org.vmstate4j.engine.model.VmsFlags;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * QEMU's {@code -dump-vmstate} format (the input of scripts/vmstate-static-checker.py): one
 * member per device type, {@code {"Name", "version_id", "minimum_version_id", "Description":
 * {"name", "version_id", "minimum_version_id", "Fields": [{"field", "version_id",
 * "field_exists", "size", "Description"?}], "Subsections": [...]}}}, plus
 * {@code "vmschkmachine": {"Name": machine}}.
 *
 * <p>{@link #load} turns such a file into a {@link VmstateDump} (machine type, and per device
 * type its section-level versions and description; codecs, encodings and needed() are not in the
 * format and stay unknown); {@link #read} gives only the devices that have a description;
 * {@link #export} writes descriptions in the format, leaving out MUST_EXIST fields as QEMU does.
 */
public final class DumpVmstate {
  /** The member naming the machine type. */
  public static final String MACHINE_KEY = "vmschkmachine";

  private static final JsonMapper MAPPER = JsonMapper.builder()
      .enable(SerializationFeature.INDENT_OUTPUT).build();

  private DumpVmstate() {}

  /** A whole -dump-vmstate file: machine type and every device type listed. */
  public static VmstateDump load(Path file) throws IOException {
    return parse(tree(file));
  }

  /** A whole parsed -dump-vmstate document: machine type and every device type listed. */
  public static VmstateDump parse(JsonNode root) {
    if (!root.isObject()) {
      throw new IllegalArgumentException("a -dump-vmstate document is a JSON object");
    }
    Map<String, DumpDevice> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : root.properties()) {
      if (e.getKey().equals(MACHINE_KEY)) {
        continue;
      }
      JsonNode dev = e.getValue();
      JsonNode desc = dev.get("Description");
      out.put(e.getKey(), new DumpDevice(e.getKey(), dev.path("version_id").asInt(0),
          dev.path("minimum_version_id").asInt(0),
          desc == null || !desc.isObject() ? null : description(desc, 0)));
    }
    return new VmstateDump(machine(root), out);
  }

  private static JsonNode tree(Path file) throws IOException {
    try {
      return MAPPER.readTree(Files.readString(file));
    } catch (JacksonException e) {
      throw new IOException(file + ": not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** The devices of a -dump-vmstate file that have a description, keyed by device type. */
  public static Map<String, CompatDescription> read(Path file) throws IOException {
    return read(tree(file));
  }

  /** The devices of a parsed -dump-vmstate document that have a description, by type. */
  public static Map<String, CompatDescription> read(JsonNode root) {
    if (!root.isObject()) {
      throw new IllegalArgumentException("a -dump-vmstate document is a JSON object");
    }
    Map<String, CompatDescription> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : root.properties()) {
      if (e.getKey().equals(MACHINE_KEY)) {
        continue;
      }
      JsonNode dev = e.getValue();
      JsonNode desc = dev.get("Description");
      if (desc == null || !desc.isObject()) {
        continue;
      }
      out.put(e.getKey(), description(desc, 0));
    }
    return out;
  }

  /** The machine type a -dump-vmstate document names, or "". */
  public static String machine(JsonNode root) {
    return root.path(MACHINE_KEY).path("Name").asString("");
  }

  private static CompatDescription description(JsonNode d, int depth) {
    if (depth > 64) {
      throw new IllegalArgumentException("descriptions nested deeper than 64 levels");
    }
    List<CompatField> fields = new ArrayList<>();
    for (JsonNode f : d.path("Fields").values()) {
      JsonNode nested = f.get("Description");
      fields.add(new CompatField(f.path("field").asString("?"), f.path("version_id").asInt(0),
          f.path("field_exists").asBoolean(false), f.path("size").asLong(0), null, null, 0, null,
          null, nested == null || !nested.isObject() ? null : description(nested, depth + 1)));
    }
    List<CompatDescription> subs = new ArrayList<>();
    for (JsonNode s : d.path("Subsections").values()) {
      subs.add(description(s, depth + 1));
    }
    return new CompatDescription(d.path("name").asString("?"), d.path("version_id").asInt(0),
        d.path("minimum_version_id").asInt(0), fields, subs, Gate.UNKNOWN);
  }

  /**
   * Our descriptions in the -dump-vmstate format: {@code devices} maps the device type (QEMU's
   * QOM type name, e.g. {@code isa-i8259}) to its description.
   */
  public static ObjectNode export(String machine, Map<String, VmStateDescription> devices) {
    ObjectNode root = MAPPER.createObjectNode();
    root.putObject(MACHINE_KEY).put("Name", machine);
    for (Map.Entry<String, VmStateDescription> e : devices.entrySet()) {
      VmStateDescription d = e.getValue();
      ObjectNode dev = root.putObject(e.getKey());
      dev.put("Name", e.getKey());
      dev.put("version_id", d.versionId());
      dev.put("minimum_version_id", d.minimumVersionId());
      dev.set("Description", description(d));
    }
    return root;
  }

  /** {@link #export} as indented JSON text. */
  public static String toJson(String machine, Map<String, VmStateDescription> devices) {
    return MAPPER.writeValueAsString(export(machine, devices)) + "\n";
  }

  /** One description in the format ({@code name}, versions, {@code Fields}, {@code Subsections}). */
  public static ObjectNode description(VmStateDescription d) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("name", d.name());
    o.put("version_id", d.versionId());
    o.put("minimum_version_id", d.minimumVersionId());
    ArrayNode fields = MAPPER.createArrayNode();
    for (VmStateField f : d.fields()) {
      if (f.has(VmsFlags.MUST_EXIST)) {
        continue; // QEMU leaves VMSTATE_VALIDATE (and every MUST_EXIST field) out
      }
      ObjectNode fo = fields.addObject();
      fo.put("field", f.name());
      fo.put("version_id", f.versionId());
      fo.put("field_exists", f.exists() != null);
      fo.put("size", CompatDescription.cSize(f));
      if (f.vmsd() != null) {
        fo.set("Description", description(f.vmsd()));
      }
    }
    if (!fields.isEmpty()) {
      o.set("Fields", fields);
    }
    if (!d.subsections().isEmpty()) {
      ArrayNode subs = o.putArray("Subsections");
      for (VmStateDescription s : d.subsections()) {
        subs.add(description(s));
      }
    }
    return o;
  }
}
