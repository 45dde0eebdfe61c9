package org.vmstate4j.engine.stream;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.json.PointerRuns;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON description a stream carries after EOF, used to find the data length of a section
 * the registry does not know: the sum of its fields' sizes ({@code size} × {@code array_len})
 * plus, per subsection, its 0x05 header and its own fields.
 */
final class EmbeddedDescription {
  private static final JsonMapper MAPPER = JsonMapper.builder().build();
  private static final int CHUNK = 1 << 16;

  private final int pageSize;
  private final Map<String, Deque<JsonNode>> devices = new HashMap<>();

  private EmbeddedDescription(JsonNode root) {
    JsonNode ps = root.get("page_size");
    this.pageSize = ps != null && ps.canConvertToLong() ? ps.asInt() : 0;
    JsonNode list = root.get("devices");
    if (list == null || !list.isArray()) {
      throw new IllegalArgumentException("the description has no \"devices\" array");
    }
    for (JsonNode d : list.values()) {
      String key = key(d.path("name").asString(""), d.path("instance_id").asLong(0));
      devices.computeIfAbsent(key, k -> new ArrayDeque<>()).add(d);
    }
  }

  /** Parses a description; throws IllegalArgumentException when it is not one. */
  static EmbeddedDescription parse(String json) {
    try {
      return new EmbeddedDescription(MAPPER.readTree(json));
    } catch (JacksonException e) {
      throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** Target page size the description gives, or 0. */
  int pageSize() {
    return pageSize;
  }

  private static String key(String name, long instance) {
    return name + "\u0000" + (instance & 0xffffffffL);
  }

  /**
   * The data length of the next section of {@code idstr}/{@code instance} (descriptions are
   * taken in stream order), or -1 when the description does not list it.
   */
  long nextSectionSize(String idstr, int instance) {
    Deque<JsonNode> q = devices.get(key(idstr, Integer.toUnsignedLong(instance)));
    JsonNode d = q == null ? null : q.poll();
    if (d == null) {
      return -1;
    }
    if (!d.has("fields")) {
      throw new IllegalArgumentException("vmstate for device " + idstr + " has no fields");
    }
    return vmsdSize(d);
  }

  private static long vmsdSize(JsonNode vmsd) {
    long total = 0;
    JsonNode fields = vmsd.get("fields");
    if (fields != null) {
      for (int i = 0; i < fields.size(); i++) {
        JsonNode f = fields.get(i);
        JsonNode size = f.get("size");
        if (size == null || !size.canConvertToLong() || size.asLong() < 0) {
          throw new IllegalArgumentException(
              "field '" + f.path("name").asString("?") + "' has no size");
        }
        JsonNode n = f.get("array_len");
        // a first pointer run QEMU describes as the whole array ends where the later runs begin
        long run = PointerRuns.leadingRunEnd(fields, i);
        total += size.asLong() * (run > 0 ? run : n == null ? 1 : Math.max(0, n.asLong()));
      }
    }
    JsonNode subs = vmsd.get("subsections");
    if (subs != null) {
      for (JsonNode s : subs.values()) {
        String name = s.path("vmsd_name").asString("");
        // 0x05, u8 length, name, be32 version
        total += 2 + name.getBytes(StandardCharsets.UTF_8).length + 4 + vmsdSize(s);
      }
    }
    return total;
  }

  /**
   * The JSON text at the end of {@code file}: the last 0x06 byte whose be32 length reaches
   * exactly to the end of the file with a {@code {}} after it. Null when there is none within
   * {@code limit} bytes of the end.
   */
  static @Nullable String readFromFile(Path file, long limit) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      long stop = Math.max(0, size - limit);
      byte[] buf = new byte[CHUNK];
      long end = size;
      while (end > stop) {
        long start = Math.max(stop, end - CHUNK);
        int n = (int) (end - start);
        readAt(ch, ByteBuffer.wrap(buf, 0, n), start);
        for (int i = n - 1; i >= 0; i--) {
          if (buf[i] == StreamFormat.VMDESCRIPTION) {
            long at = start + i;
            long len = size - at - 5;
            if (len <= 0 || len > Integer.MAX_VALUE - 16) {
              continue;
            }
            ByteBuffer head = ByteBuffer.allocate(5);
            readAt(ch, head, at + 1);
            if (head.getInt(0) == len && head.get(4) == '{') {
              ByteBuffer json = ByteBuffer.allocate((int) len);
              readAt(ch, json, at + 5);
              return new String(json.array(), StandardCharsets.UTF_8);
            }
          }
        }
        end = start;
      }
      return null;
    }
  }

  /** The same search in memory. */
  static @Nullable String find(byte[] stream) {
    for (int at = stream.length - 6; at >= 0; at--) {
      if (stream[at] == StreamFormat.VMDESCRIPTION) {
        long len = ByteBuffer.wrap(stream, at + 1, 4).getInt() & 0xffffffffL;
        if (len == stream.length - at - 5L && stream[at + 5] == '{') {
          return new String(stream, at + 5, (int) len, StandardCharsets.UTF_8);
        }
      }
    }
    return null;
  }

  private static void readAt(FileChannel ch, ByteBuffer b, long pos) throws IOException {
    while (b.hasRemaining()) {
      int r = ch.read(b, pos + b.position());
      if (r < 0) {
        throw new IOException("unexpected end of file at " + (pos + b.position()));
      }
    }
  }
}
