package org.vmstate4j.engine.analyze;

import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.VmStateLoadException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;

/**
 * The vmdesc JSON: {@code page_size}, {@code devices} (one object per section, found by idstr and
 * instance id) and, in newer QEMUs, {@code configuration}. Errors name the JSON's file offset.
 */
final class VmDescription {
  private record DeviceKey(String name, long instanceId) {}

  private final JsonNode root;
  private final long jsonOffset;
  private final Map<DeviceKey, JsonNode> devices = new HashMap<>();

  private VmDescription(JsonNode root, long jsonOffset) {
    this.root = root;
    this.jsonOffset = jsonOffset;
  }

  static VmDescription parse(byte[] json, long jsonOffset) {
    JsonNode root;
    try {
      root = PythonJson.parse(json);
    } catch (JacksonException e) {
      TokenStreamLocation where = e.getLocation();
      long at = where == null || where.getByteOffset() < 0
          ? jsonOffset : jsonOffset + where.getByteOffset();
      throw new VmStateLoadException("vmdesc is not valid JSON: " + e.getOriginalMessage(), at, e);
    }
    if (!root.isObject()) {
      throw new VmStateLoadException("vmdesc is not a JSON object", jsonOffset);
    }
    VmDescription desc = new VmDescription(root, jsonOffset);
    desc.indexDevices();
    return desc;
  }

  JsonNode root() {
    return root;
  }

  /** The device object for a section, or null when the vmdesc does not describe it. */
  @Nullable JsonNode device(String idstr, long instanceId) {
    return devices.get(new DeviceKey(idstr, instanceId));
  }

  @Nullable JsonNode configuration() {
    return root.get(ConfigurationReader.NAME);
  }

  /** The target page size, which the RAM section needs to split addresses from flags. */
  long pageSize() {
    JsonNode size = root.get("page_size");
    if (size == null || !size.isIntegralNumber() || !size.canConvertToLong()
        || size.longValue() < 1) {
      throw new VmStateLoadException("vmdesc has no valid page_size", jsonOffset,
          "positive integer", size == null ? "none" : size.toString());
    }
    return size.longValue();
  }

  /** Later duplicates win, as in the script's lookup table. */
  private void indexDevices() {
    JsonNode list = root.get("devices");
    if (list == null || !list.isArray()) {
      throw new VmStateLoadException("vmdesc has no \"devices\" list", jsonOffset);
    }
    for (JsonNode device : list) {
      if (!device.isObject() || !device.has("name") || !device.has("instance_id")) {
        throw new VmStateLoadException(
            "vmdesc device without name or instance_id", jsonOffset, "object", device.toString());
      }
      JsonNode name = device.get("name");
      if (!device.has("fields")) {
        throw new VmStateLoadException(
            "vmstate for device " + name.asString(name.toString()) + " has no fields", jsonOffset);
      }
      JsonNode instance = device.get("instance_id");
      if (name.isString() && instance.isIntegralNumber() && instance.canConvertToLong()) {
        devices.put(new DeviceKey(name.asString(), instance.longValue()), device);
      }
    }
  }
}
