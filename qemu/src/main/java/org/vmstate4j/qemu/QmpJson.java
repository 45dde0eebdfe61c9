package org.vmstate4j.qemu;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Small JSON values shared by the package. */
final class QmpJson {
  private QmpJson() {}

  static JsonNode empty() {
    return JsonMapper.shared().createObjectNode();
  }
}
