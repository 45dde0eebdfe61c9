package org.vmstate4j.engine.wire;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.VmStateLoadException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON description QEMU appends after EOF (0x06, be32 length, JSON): page size and one entry
 * per device section, looked up by idstr and instance id.
 *
 * @param markerOffset stream offset of the 0x06 byte
 * @param jsonLength number of JSON bytes after the be32 length
 */
public record VmDescription(JsonNode root, long markerOffset, long jsonLength) {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int TAIL = 16 << 20;

  /** Parses the JSON text of a description found at {@code markerOffset}. */
  public static VmDescription parse(byte[] json, long markerOffset) {
    try {
      JsonNode root = JSON.readTree(json);
      if (!root.isObject() || !root.path("devices").isArray()) {
        throw new VmStateLoadException("the JSON description has no \"devices\" list",
            markerOffset + 5);
      }
      return new VmDescription(root, markerOffset, json.length);
    } catch (tools.jackson.core.JacksonException e) {
      throw new VmStateLoadException("the JSON description is not valid JSON: "
          + e.getOriginalMessage(), markerOffset + 5, e);
    }
  }

  /**
   * Finds the description at the end of a stream: the last 0x06 preceded by EOF (0x00) whose
   * be32 length runs exactly to the end and whose JSON starts with '{'. Null when there is none.
   */
  public static @Nullable VmDescription locate(FileChannel channel, long start)
      throws IOException {
    long size = channel.size();
    int n = (int) Math.min(size - start, TAIL);
    long tailStart = size - n;
    byte[] tail = new byte[n];
    ByteBuffer b = ByteBuffer.wrap(tail);
    long at = tailStart;
    while (b.hasRemaining()) {
      int r = channel.read(b, at);
      if (r < 0) {
        break;
      }
      at += r;
    }
    for (int i = n - 6; i >= 1; i--) {
      if (tail[i] != 0x06 || tail[i - 1] != 0x00 || tail[i + 5] != '{') {
        continue;
      }
      long len = ((tail[i + 1] & 0xffL) << 24) | ((tail[i + 2] & 0xff) << 16)
          | ((tail[i + 3] & 0xff) << 8) | (tail[i + 4] & 0xff);
      if (i + 5 + len == n) {
        byte[] json = java.util.Arrays.copyOfRange(tail, i + 5, n);
        return parse(json, tailStart + i);
      }
    }
    return null;
  }

  /** QEMU's target page size ({@code page_size}), 4096 when absent. */
  public int pageSize() {
    return root.path("page_size").asInt(4096);
  }
}
