package org.vmstate4j.engine.wire;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.VmStateLoadException;
import org.vmstate4j.engine.io.VmInput;
import tools.jackson.databind.JsonNode;

/**
 * The framing of one walk: the header, the section loop, section headers and bodies, footers
 * and commands; and what was being read, to word an error at the end of the input as QEMU does.
 */
final class SectionWalk {
  private static final String TRUNCATED = StreamWalker.TRUNCATED;
  private static final byte[] RAM_IDSTR = {3, 'r', 'a', 'm'};

  private final StreamWalker w;
  private final Map<Long, WirePart> open = new HashMap<>();
  private @Nullable Boolean footersSeen;
  /**
   * What is being read, for errors at the end of the input: a fixed text, or (with a part) a
   * footer, an idstr or a section body. Kept as parts and worded only when needed.
   */
  private String context = "Failed to read the stream header";
  private @Nullable WirePart contextPart;
  private int contextKind;
  /** Whether the visitor is reading a body (its errors are its own). */
  boolean inVisitor;

  SectionWalk(StreamWalker w) {
    this.w = w;
  }

  // ------------------------------------------------------------------ the walk

  @Nullable VmDescription run() {
    try {
      header();
      sections();
      return w.desc;
    } catch (VmStateLoadException e) {
      if (!inVisitor && e.reason().equals(TRUNCATED) && e.path().isEmpty()) {
        if (contextKind != INSIDE) {
          throw new VmStateLoadException(context() + ": " + TRUNCATED, e.offset(), e.expected(),
              e.found(), e);
        }
        long end = w.src.knownEnd();
        throw new VmStateLoadException(TRUNCATED + " in " + context(), e.offset(), e.expected(),
            e.found() + " (the stream ends at " + end + ")", e);
      }
      throw e;
    }
  }

  static final int TEXT = 0;
  static final int IDSTR = 1;
  static final int FOOTER = 2;
  static final int INSIDE = 3;

  void framing(String what) {
    context = what;
    contextKind = TEXT;
  }

  /** Reading {@code part}: its idstr ({@link #IDSTR}), footer or body ({@link #INSIDE}). */
  void reading(int kind, WirePart part) {
    contextKind = kind;
    contextPart = part;
  }

  private String context() {
    WirePart h = contextPart;
    if (contextKind == TEXT || h == null) {
      return context;
    }
    return switch (contextKind) {
      case IDSTR -> "Unable to read ID string for section " + h.sectionId();
      case FOOTER -> String.format(
          "Read section footer failed for '%s' instance 0x%x (section id 0x%x)", h.name(),
          h.instanceId(), h.sectionId());
      default -> "section '" + h.name() + "' (id " + h.sectionId() + ", header at " + h.offset()
          + ")";
    };
  }

  private void header() {
    framing("Failed to read the stream header");
    long magic = w.src.u32();
    if (magic != (WireFormat.MAGIC & 0xffffffffL)) {
      throw new VmStateLoadException(String.format("Not a migration stream, magic: %x != %x",
          magic, WireFormat.MAGIC), 0, "0x5145564d ('QEVM')", String.format("0x%08x", magic));
    }
    int version = w.src.s32();
    if (version == WireFormat.VERSION_COMPAT) {
      throw new VmStateLoadException(
          "SaveVM v2 format is obsolete and no longer supported", 4, "3", "2");
    }
    if (version != WireFormat.VERSION) {
      throw new VmStateLoadException(String.format(
          "Unsupported migration stream version, file version %x != %x", version,
          WireFormat.VERSION), 4, "3", Integer.toHexString(version));
    }
    w.report(new WirePart(PartKind.HEADER, 0, 8, -1, "", -1, version, 0, -1));
    if (w.options.requireConfiguration()) {
      int t = w.src.peek(0);
      if (t < 0) {
        throw new VmStateLoadException("Configuration section missing: " + TRUNCATED, 8,
            "1 more bytes", "0 bytes");
      }
      if (t != WireFormat.CONFIGURATION) {
        throw new VmStateLoadException("Configuration section missing", 8, "0x07",
            String.format("0x%02x", t));
      }
    }
  }

  private void sections() {
    while (true) {
      long at = w.src.position();
      if (w.live != null && w.desc == null && startsTail()) {
        try {
          w.spoolTo(w.tailFile);
        } catch (IOException e) {
          throw new LiveInput.Failure(e);
        }
      }
      framing("Failed to read the next section type");
      int type = w.src.u8();
      switch (type) {
        case WireFormat.EOF -> {
          w.eofEnd = at + 1;
          w.report(new WirePart(PartKind.EOF, at, 1, -1, "", -1, -1, 0, -1));
          w.trailer.trailer();
          return;
        }
        case WireFormat.SECTION_START, WireFormat.SECTION_FULL -> startOrFull(type, at);
        case WireFormat.SECTION_PART, WireFormat.SECTION_END -> partOrEnd(type, at);
        case WireFormat.CONFIGURATION -> w.config.configuration(at);
        case WireFormat.COMMAND -> command(at);
        default -> throw new VmStateLoadException("Unknown section type " + type, at,
            "a section type (0x00 EOF, 0x01-0x04 sections, 0x07 configuration, 0x08 command)",
            String.format("0x%02x", type));
      }
    }
  }

  /**
   * In a live walk, whether the next part is the first that needs the description: a device
   * section's START or FULL header, or EOF (the description follows it).
   */
  private boolean startsTail() {
    int type = w.src.peek(0);
    if (type == WireFormat.EOF) {
      return true;
    }
    if (type != WireFormat.SECTION_START && type != WireFormat.SECTION_FULL) {
      return false;
    }
    byte[] idstr = w.src.peekBytes(5, RAM_IDSTR.length);
    return idstr == null || !Arrays.equals(idstr, RAM_IDSTR);
  }

  // ------------------------------------------------------------------ sections

  private void startOrFull(int type, long at) {
    framing("Failed to read the section id");
    long id = w.src.u32();
    reading(IDSTR, new WirePart(PartKind.SECTION_START, at, 5, id, "", -1, -1, 0, -1));
    String idstr = w.src.countedString();
    framing("Failed to read instance/version ID");
    long instance = w.src.u32();
    long version = w.src.u32();
    WirePart h = new WirePart(type == WireFormat.SECTION_START ? PartKind.SECTION_START
        : PartKind.SECTION_FULL, at, w.src.position() - at, id, idstr, instance, version, 0, -1);
    open.put(id, h);
    w.report(h);
    body(h);
  }

  private void partOrEnd(int type, long at) {
    framing("Failed to read the section id");
    long id = w.src.u32();
    PartKind kind = type == WireFormat.SECTION_PART ? PartKind.SECTION_PART : PartKind.SECTION_END;
    WirePart start = open.get(id);
    if (start == null) {
      w.report(new WirePart(kind, at, 5, id, "", -1, -1, 0, -1));
      throw new VmStateLoadException("Unknown section " + id, at + 1,
          "the id of an earlier START section", Long.toString(id));
    }
    WirePart h = new WirePart(kind, at, 5, id, start.name(), start.instanceId(),
        start.versionId(), 0, -1);
    w.report(h);
    body(h);
  }

  private void body(WirePart h) {
    if (h.name().equals("ram") && h.instanceId() == 0) {
      reading(INSIDE, h);
      w.ram.ram(h);
    } else {
      long start = w.src.position();
      boolean read;
      VmInput body = w.src.body();
      inVisitor = true;
      try {
        read = w.out.body(h, body);
      } finally {
        inVisitor = false;
      }
      if (read) {
        w.src.bodyDone(body);
      }
      reading(INSIDE, h);
      if (read) {
        w.report(part(PartKind.DEVICE_BODY, start, h));
      } else if (body.position() != start) {
        throw new IllegalStateException("the visitor read part of the body of " + h
            + " and returned false");
      } else {
        VmDescription described = w.description();
        JsonNode d = described == null ? null : described.device(h.name(), h.instanceId());
        if (d != null) {
          w.fields.vmsd(d, h, 0);
        } else {
          opaque(h);
        }
      }
    }
    footer(h);
  }

  private WirePart part(PartKind kind, long start, WirePart h) {
    return new WirePart(kind, start, w.src.position() - start, h.sectionId(), h.name(),
        h.instanceId(), h.versionId(), 0, -1);
  }

  private void opaque(WirePart h) {
    long start = w.src.position();
    int n = w.src.findFooter(h.sectionId());
    if (n < 0) {
      throw new VmStateLoadException("cannot delimit section '" + h.name()
          + "': the JSON description does not describe it and no footer follows", start,
          "a footer 7e " + String.format("%08x", h.sectionId()), "none within " + WireSource.LOOKAHEAD
          + " bytes");
    }
    w.src.skip(n);
    w.report(part(PartKind.OPAQUE_BODY, start, h));
  }

  private void footer(WirePart h) {
    if (w.options.footers() == WireOptions.Footers.NONE) {
      return;
    }
    long at = w.src.position();
    reading(FOOTER, h);
    if (w.options.footers() == WireOptions.Footers.REQUIRED) {
      int b = w.src.u8();
      if (b != WireFormat.SECTION_FOOTER) {
        throw new VmStateLoadException("Missing section footer for " + h.name(), at, "0x7e",
            String.format("0x%02x", b));
      }
    } else {
      int b = w.src.peek(0);
      if (b != WireFormat.SECTION_FOOTER) {
        if (Boolean.TRUE.equals(footersSeen)) {
          throw new VmStateLoadException("Missing section footer for " + h.name(), at, "0x7e",
              b < 0 ? "end of stream" : String.format("0x%02x", b));
        }
        footersSeen = Boolean.FALSE;
        return;
      }
      w.src.u8();
      footersSeen = Boolean.TRUE;
    }
    long got = w.src.u32();
    w.report(new WirePart(PartKind.FOOTER, at, 5, h.sectionId(), h.name(), h.instanceId(),
        h.versionId(), 0, got));
    if (got != h.sectionId()) {
      throw new VmStateLoadException(String.format(
          "Mismatched section id in footer for %s - read 0x%x expected 0x%x", h.name(), got,
          h.sectionId()), at, String.format("0x%x", h.sectionId()),
          String.format("0x%x", got));
    }
  }

  // ------------------------------------------------------------------ commands, trailer

  private void command(long at) {
    framing("Failed to read a command");
    int cmd = w.src.u16();
    int len = w.src.u16();
    w.src.skip(len);
    String name = WireFormat.commandName(cmd);
    w.report(new WirePart(PartKind.COMMAND, at, w.src.position() - at, -1, name == null ? "" : name,
        -1, -1, cmd, -1));
    if (!WireFormat.isCommand(cmd)) {
      throw new VmStateLoadException("Unknown QEMU_VM_COMMAND: " + Integer.toHexString(cmd),
          at + 1, "1.." + WireFormat.CMD_SWITCHOVER_START, Integer.toString(cmd));
    }
    if (cmd == WireFormat.CMD_SWITCHOVER_START && len != 0) {
      throw new VmStateLoadException("Invalid SWITCHOVER_START length: " + len, at + 3, "0",
          Integer.toString(len));
    }
  }
}
