package org.vmstate4j.engine.wire;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.VmStateLoadException;
import org.vmstate4j.engine.json.PointerRuns;
import org.vmstate4j.engine.model.VmsFlags;
import tools.jackson.databind.JsonNode;

/**
 * Walks a QEMU migration stream and reports its parts with their byte spans, in stream order.
 *
 * <p>Device section bodies have no length on the wire: they are delimited with the stream's JSON
 * description (fields' sizes, structs, subsections as their 0x05 headers say), else, for sections
 * the description does not cover (slirp, ...), by their footer. From a file the description is
 * located at the end first. From an InputStream it comes last: RAM sections are walked as they
 * arrive; from the first other section on, the rest of the input is spooled to a temporary file
 * (never the heap) and walked once the description is there.
 *
 * <pre>{@code
 * StreamWalker.walk(Path.of("vm.mig"), part -> System.out.println(part));
 * }</pre>
 */
public final class StreamWalker {
  private static final int MAGIC = 0x5145564d;
  private static final int MAX_DEPTH = 64;
  private static final String[] COMMANDS = {
    "INVALID", "OPEN_RETURN_PATH", "PING", "POSTCOPY_ADVISE", "POSTCOPY_LISTEN", "POSTCOPY_RUN",
    "POSTCOPY_RAM_DISCARD", "PACKAGED", "ENABLE_COLO", "POSTCOPY_RESUME", "RECV_BITMAP",
    "SWITCHOVER_START"
  };

  private final WireListener out;
  private final Map<Long, String> idstrs = new HashMap<>();
  private final Map<String, JsonNode> devices = new HashMap<>();
  private @Nullable VmDescription desc;
  private WireInput in;
  private String current = "the stream header";
  private long pageSize = 4096;
  private boolean ignoreShared;

  private StreamWalker(WireListener out) {
    this.out = out;
  }

  /** Walks a stream file; returns its JSON description (null when it has none). */
  public static @Nullable VmDescription walk(Path file, WireListener listener) throws IOException {
    StreamWalker w = new StreamWalker(listener);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      w.describe(VmDescription.locate(ch, 0));
      ch.position(0);
      w.in = new WireInput(ch, 0, () -> w.current);
      w.run(false);
    }
    return w.desc;
  }

  /** Walks a stream read from {@code in} to its end; returns its JSON description. */
  public static @Nullable VmDescription walk(InputStream input, WireListener listener)
      throws IOException {
    StreamWalker w = new StreamWalker(listener);
    ReadableByteChannel ch = Channels.newChannel(input);
    w.in = new WireInput(ch, 0, () -> w.current);
    long spoolAt = w.run(true);
    if (spoolAt < 0) {
      return w.desc;
    }
    Path spool = Files.createTempFile("vmstate4j-wire-", ".mig");
    try (FileChannel f = FileChannel.open(spool, StandardOpenOption.READ,
        StandardOpenOption.WRITE)) {
      f.write(w.in.buffered());
      long n = f.size();
      while (true) {
        long r = f.transferFrom(ch, n, 1 << 24);
        if (r <= 0) {
          // transferFrom returns 0 both at the end and when nothing is ready: read to be sure
          java.nio.ByteBuffer probe = java.nio.ByteBuffer.allocate(1 << 16);
          int got = ch.read(probe);
          if (got < 0) {
            break;
          }
          probe.flip();
          f.write(probe, n);
          n += got;
          continue;
        }
        n += r;
      }
      VmDescription found = VmDescription.locate(f, 0);
      w.describe(found == null ? null : new VmDescription(found.root(),
          found.markerOffset() + spoolAt, found.jsonLength()));
      f.position(0);
      w.in = new WireInput(f, spoolAt, () -> w.current);
      w.run(false);
    } finally {
      Files.deleteIfExists(spool);
    }
    return w.desc;
  }

  private void describe(@Nullable VmDescription d) {
    desc = d;
    if (d != null) {
      pageSize = d.pageSize();
      for (JsonNode dev : d.root().path("devices")) {
        devices.putIfAbsent(key(dev.path("name").asString(""),
            dev.path("instance_id").asLong(-1)), dev);
      }
    }
  }

  private static String key(String idstr, long instance) {
    return idstr + "\u0000" + instance;
  }

  /**
   * Walks from the current position. With {@code stopForDescription}, stops before the first
   * section it could only delimit with the description and returns its offset; else -1.
   */
  private long run(boolean stopForDescription) {
    if (in.position() == 0) {
      header();
    }
    while (true) {
      long at = in.position();
      if (in.atEnd()) {
        current = "the stream after byte " + at;
        throw new VmStateLoadException("unexpected end of stream: no EOF byte", at,
            "a section or EOF", "end of stream");
      }
      int type = in.peek(0);
      if (stopForDescription && desc == null && (type == 0x01 || type == 0x04)) {
        String idstr = in.peekCountedString(5);
        if (idstr == null || !idstr.equals("ram")) {
          return at;
        }
      }
      in.u8();
      switch (type) {
        case 0x00 -> {
          out.part(part(PartKind.EOF, at, -1, ""));
          trailer();
          return -1;
        }
        case 0x01, 0x04 -> section(type, at);
        case 0x02, 0x03 -> {
          long id = in.u32();
          String idstr = idstrs.get(id);
          if (idstr == null) {
            throw new VmStateLoadException("Unknown section id " + id, at + 1,
                "the id of a START section", Long.toString(id));
          }
          out.part(new WirePart(type == 0x02 ? PartKind.SECTION_PART : PartKind.SECTION_END,
              at, 5, id, idstr, -1, -1, 0, -1));
          body(id, idstr, null, at);
        }
        case 0x07 -> configuration(at);
        case 0x08 -> command(at);
        default -> throw new VmStateLoadException("Unknown section type " + type, at,
            "a section type (0x00 EOF, 0x01-0x04 sections, 0x07, 0x08 command)",
            String.format("0x%02x", type));
      }
    }
  }

  private WirePart part(PartKind kind, long at, long id, String name) {
    return new WirePart(kind, at, in.position() - at, id, name, -1, -1, 0, -1);
  }

  private void header() {
    long magic = in.u32();
    if (magic != MAGIC) {
      throw new VmStateLoadException("Not a migration stream", 0, "QEVM",
          String.format("0x%08x", magic));
    }
    long version = in.u32();
    if (version != 3) {
      throw new VmStateLoadException("Unsupported migration stream version", 4, "3",
          Long.toString(version));
    }
    out.part(new WirePart(PartKind.HEADER, 0, 8, -1, "", -1, version, 0, -1));
  }

  private void configuration(long at) {
    current = "the configuration section at " + at;
    long len = in.u32();
    // a machine type is a short name; a longer field is passed over unread
    String machine = "";
    if (len <= 255) {
      machine = in.string((int) len);
    } else {
      in.skip(len);
    }
    out.part(new WirePart(PartKind.CONFIGURATION, at, in.position() - at, -1, machine, -1, -1, 0,
        -1));
    while (in.peek(0) == 0x05) {
      String name = in.peekCountedString(1);
      if (name == null || !name.startsWith("configuration")) {
        return;
      }
      long sub = in.position();
      in.u8();
      in.countedString();
      long version = in.u32();
      out.part(new WirePart(PartKind.SUBSECTION, sub, in.position() - sub, -1, name, -1,
          version, 0, -1));
      current = "configuration subsection '" + name + "' at " + sub;
      long body = in.position();
      switch (name) {
        case "configuration/target-page-bits" -> pageSize = 1L << in.u32();
        case "configuration/capabilities" -> {
          long n = in.u32();
          for (long i = 0; i < n; i++) {
            if (in.countedString().equals("x-ignore-shared")) {
              ignoreShared = true;
            }
          }
        }
        case "configuration/uuid" -> in.skip(16);
        default -> throw new VmStateLoadException("VM subsection '" + name
            + "' in 'configuration' does not exist", sub, "target-page-bits, capabilities or uuid",
            name);
      }
      out.part(new WirePart(PartKind.SUBSECTION_BODY, body, in.position() - body, -1, name, -1,
          -1, 0, -1));
    }
  }

  private void section(int type, long at) {
    current = "the section header at " + at;
    long id = in.u32();
    String idstr = in.countedString();
    long instance = in.u32();
    long version = in.u32();
    idstrs.put(id, idstr);
    out.part(new WirePart(type == 0x01 ? PartKind.SECTION_START : PartKind.SECTION_FULL, at,
        in.position() - at, id, idstr, instance, version, 0, -1));
    body(id, idstr, devices.get(key(idstr, instance)), at);
  }

  private void body(long id, String idstr, @Nullable JsonNode device, long header) {
    current = "section '" + idstr + "' (id " + id + ", header at " + header + ")";
    if (idstr.equals("ram")) {
      ram(id);
    } else if (device != null) {
      vmsd(device, id, idstr, 0);
    } else {
      long start = in.position();
      int n = in.findFooter(id);
      if (n < 0) {
        throw new VmStateLoadException("cannot delimit section '" + idstr
            + "': the JSON description does not describe it and no footer follows", start,
            "a footer 7e " + String.format("%08x", id), "none within " + WireInput.BUFFER
            + " bytes");
      }
      in.skip(n);
      out.part(new WirePart(PartKind.OPAQUE_BODY, start, n, id, idstr, -1, -1, 0, -1));
    }
    footer(id, idstr);
  }

  private void footer(long id, String idstr) {
    if (in.peek(0) != 0x7e) {
      return;
    }
    long at = in.position();
    in.u8();
    long got = in.u32();
    if (got != id) {
      throw new VmStateLoadException(String.format(
          "Mismatched section id in footer for %s - read 0x%x expected 0x%x", idstr, got, id), at,
          String.format("0x%x", id), String.format("0x%x", got));
    }
    out.part(part(PartKind.FOOTER, at, id, idstr));
  }

  /** A VMSD-shaped body: its fields' bytes, then each subsection's header and body. */
  private void vmsd(JsonNode d, long id, String name, int depth) {
    long start = in.position();
    fields(d, depth);
    out.part(new WirePart(PartKind.DEVICE_FIELDS, start, in.position() - start, id, name, -1, -1,
        0, -1));
    subsections(d, id, depth);
  }

  private void fields(JsonNode d, int depth) {
    if (depth > MAX_DEPTH) {
      throw new VmStateLoadException("description nested too deeply", in.position());
    }
    JsonNode fields = d.path("fields");
    for (int e = 0; e < fields.size(); e++) {
      JsonNode f = fields.get(e);
      long count = Math.max(1, f.path("array_len").asLong(1));
      String type = f.path("type").asString("");
      // a first pointer run QEMU describes as the whole array ends at the NULL marker
      long runEnd = PointerRuns.leadingRunEnd(fields, e);
      for (long i = 0; i < count; i++) {
        if (i == runEnd && in.peek(0) == VmsFlags.MARKER_PTR_NULL) {
          break;
        }
        if (type.equals("struct")) {
          fields(f.path("struct"), depth + 1);
          nestedSubsections(f.path("struct"), depth + 1);
        } else if (type.equals("capability")) {
          in.countedString();
        } else {
          in.skip(f.path("size").asLong(0));
        }
      }
    }
  }

  private void nestedSubsections(JsonNode d, int depth) {
    for (JsonNode s : d.path("subsections")) {
      subsectionHeader(s, -1);
      fields(s, depth + 1);
      nestedSubsections(s, depth + 1);
    }
  }

  private void subsections(JsonNode d, long id, int depth) {
    for (JsonNode s : d.path("subsections")) {
      String name = subsectionHeader(s, id);
      vmsd(s, id, name, depth + 1);
    }
  }

  private String subsectionHeader(JsonNode s, long id) {
    long at = in.position();
    String expected = s.path("vmsd_name").asString("?");
    int marker = in.u8();
    if (marker != 0x05) {
      throw new VmStateLoadException("Subsection " + expected + " not found", at, "0x05",
          String.format("0x%02x", marker));
    }
    String name = in.countedString();
    long version = in.u32();
    if (id >= 0) {
      out.part(new WirePart(PartKind.SUBSECTION, at, in.position() - at, id, name, -1, version,
          0, -1));
    }
    return name;
  }

  /** RAM records up to EOS, as QEMU 7.2's ram_load_precopy reads them. */
  private void ram(long id) {
    String block = "";
    while (true) {
      long at = in.position();
      long word = in.u64();
      int flags = (int) (word & (pageSize - 1));
      long addr = word & -pageSize;
      int kind = flags & ~RamFlags.CONTINUE;
      if (kind != RamFlags.MEM_SIZE && kind != RamFlags.EOS && kind != RamFlags.MULTIFD_FLUSH
          && (flags & RamFlags.CONTINUE) == 0) {
        block = in.countedString();
      }
      switch (kind) {
        case RamFlags.MEM_SIZE -> blockList(addr);
        case RamFlags.ZERO -> in.u8();
        case RamFlags.PAGE -> in.skip(pageSize);
        case RamFlags.COMPRESS_PAGE -> {
          long len = in.u32();
          if (len > 2 * pageSize + 64) {
            throw new VmStateLoadException("Invalid compressed data length: " + len,
                in.position() - 4, "<= " + (2 * pageSize + 64), Long.toString(len));
          }
          in.skip(len);
        }
        case RamFlags.XBZRLE -> {
          int xh = in.u8();
          if (xh != 0x01) {
            throw new VmStateLoadException("Failed to load XBZRLE page - wrong compression!",
                in.position() - 1, "0x01", String.format("0x%02x", xh));
          }
          int len = in.u16();
          if (len > pageSize) {
            throw new VmStateLoadException("Failed to load XBZRLE page - len overflow!",
                in.position() - 2, "<= " + pageSize, Integer.toString(len));
          }
          in.skip(len);
        }
        case RamFlags.EOS, RamFlags.MULTIFD_FLUSH -> { }
        default -> throw new VmStateLoadException(
            String.format("Unknown combination of migration flags: 0x%x", flags), at,
            "a RAM record", String.format("0x%016x", word));
      }
      out.part(new WirePart(PartKind.RAM_RECORD, at, in.position() - at, id, block, -1, -1,
          flags, addr));
      if (kind == RamFlags.EOS) {
        return;
      }
    }
  }

  private void blockList(long total) {
    long left = total;
    while (left > 0) {
      long at = in.position();
      String name = in.countedString();
      long len = in.u64();
      if (len <= 0 || len > left) {
        throw new VmStateLoadException("RAM block list inconsistent at block '" + name + "'", at,
            "a length of 1.." + left, Long.toUnsignedString(len));
      }
      if (ignoreShared) {
        in.u64();
      }
      left -= len;
    }
  }

  private void command(long at) {
    current = "the command at " + at;
    int cmd = in.u16();
    int len = in.u16();
    if (cmd == 0 || cmd >= COMMANDS.length) {
      throw new VmStateLoadException("Unknown QEMU_VM_COMMAND: " + Integer.toHexString(cmd),
          at + 1, "1.." + (COMMANDS.length - 1), Integer.toString(cmd));
    }
    if (cmd == 0x0b && len != 0) {
      throw new VmStateLoadException("Invalid SWITCHOVER_START length: " + len, at + 3, "0",
          Integer.toString(len));
    }
    in.skip(len);
    out.part(new WirePart(PartKind.COMMAND, at, in.position() - at, -1, COMMANDS[cmd], -1, -1,
        cmd, -1));
  }

  private void trailer() {
    if (in.atEnd()) {
      return;
    }
    long at = in.position();
    current = "the JSON description at " + at;
    int marker = in.u8();
    if (marker != 0x06) {
      throw new VmStateLoadException("unexpected bytes after EOF", at, "0x06 and the JSON "
          + "description", String.format("0x%02x", marker));
    }
    long len = in.u32();
    in.skip(len);
    out.part(part(PartKind.VMDESC, at, -1, ""));
  }
}
