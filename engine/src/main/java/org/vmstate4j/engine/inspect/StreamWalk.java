package org.vmstate4j.engine.inspect;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.PathedException;
import org.vmstate4j.engine.VmStateLoadException;
import org.vmstate4j.engine.inspect.ExplainItem.Kind;
import org.vmstate4j.engine.io.VmInput;
import org.vmstate4j.engine.stream.SectionType;
import org.vmstate4j.engine.stream.StreamFormat;
import org.vmstate4j.engine.stream.StreamFraming;
import org.vmstate4j.engine.stream.StreamFraming.ConfigSubsection;
import org.vmstate4j.engine.stream.StreamFraming.SectionHeader;

/**
 * Reads the framing of a whole stream (header, configuration, section headers and footers, RAM
 * records, commands, EOF, the JSON description) into items and hands each device section body to
 * the view's {@link Bodies}.
 */
final class StreamWalk {
  /** Reads section bodies the way one view does. */
  interface Bodies {
    /**
     * Reads the body of section {@code idstr}/{@code instance} at {@code version} from
     * {@link StreamWalk#in}, adding items under {@code root}; false when this view has no
     * description for the section (nothing is read then).
     */
    boolean section(StreamWalk w, String idstr, int instance, int version, String root);
  }

  private static final int ZERO = 0x02;
  private static final int MEM_SIZE = 0x04;
  private static final int PAGE = 0x08;
  private static final int EOS = 0x10;
  private static final int CONTINUE = 0x20;
  private static final int XBZRLE = 0x40;
  private static final int COMPRESS_PAGE = 0x100;
  private static final int MULTIFD_FLUSH = 0x200;

  final byte[] data;
  final VmInput in;
  final List<ExplainItem> items = new ArrayList<>();
  /** Where a view read the stream differently from its description, and why. */
  final List<String> notes = new ArrayList<>();
  private final Bodies bodies;
  private final @Nullable Bodies fallback;
  private final @Nullable String fallbackNote;
  private final Map<Integer, Open> open = new HashMap<>();
  private @Nullable Boolean footers;
  private int pageSize;
  private boolean ignoreShared;

  private record Open(String idstr, int instance, int version, String root) {}

  StreamWalk(byte[] data, Bodies bodies, @Nullable Bodies fallback, @Nullable String fallbackNote,
      int pageSize) {
    this.data = data;
    this.in = VmInput.of(data);
    this.bodies = bodies;
    this.fallback = fallback;
    this.fallbackNote = fallbackNote;
    this.pageSize = pageSize;
  }

  /** Adds an item over {@code [off, off+len)}, its hex taken from the stream. */
  void add(long off, long len, Kind kind, String path, String codec, String value) {
    String hex = len <= 0 ? "" : Values.hex(data, (int) off, (int) Math.min(len, data.length - off));
    items.add(new ExplainItem(off, Math.max(0, len), kind, path, codec, hex, value));
  }

  /** Records that the item at {@code off} was read differently from the description. */
  void note(long off, String path, String why) {
    notes.add(Values.offset(off, Explanation.offsetWidth(data.length)) + "  " + path + ": " + why);
  }

  /** Reads everything; returns the failure that stopped it, or null. */
  @Nullable ExplainFailure run() {
    try {
      header();
      sections();
      afterEof();
      return null;
    } catch (PathedException e) {
      return failure(e.offset() >= 0 ? e.offset() : in.position(), e.path(), message(e));
    } catch (RuntimeException | StackOverflowError e) {
      return failure(in.position(), "", e.toString());
    }
  }

  static String message(PathedException e) {
    StringBuilder sb = new StringBuilder(e.reason());
    if (e.expected() != null || e.found() != null) {
      sb.append(" (expected ").append(e.expected() == null ? "?" : e.expected())
          .append(", found ").append(e.found() == null ? "?" : e.found()).append(')');
    }
    return sb.toString();
  }

  private ExplainFailure failure(long off, String path, String message) {
    ExplainItem last = null;
    for (int i = items.size() - 1; i >= 0; i--) {
      ExplainItem it = items.get(i);
      if (it.kind() != Kind.ABSENT && it.end() <= off) {
        last = it;
        break;
      }
    }
    return new ExplainFailure(off, path, message, last, context(data, off));
  }

  /** Hex rows of the 16 bytes before and after {@code off}, the byte at {@code off} in brackets. */
  static List<String> context(byte[] data, long off) {
    List<String> rows = new ArrayList<>();
    if (off < 0) {
      return rows;
    }
    int width = Explanation.offsetWidth(data.length);
    long from = Math.max(0, off - 16);
    long to = Math.max(Math.min(data.length, off + 16), off + 1);
    for (long row = from; row < to; row += 16) {
      StringBuilder sb = new StringBuilder(Values.offset(row, width)).append(' ');
      long end = Math.min(row + 16, to);
      for (long p = row; p < end; p++) {
        sb.append(p == off ? '[' : p == off + 1 ? ']' : ' ');
        sb.append(p < data.length ? Values.hex2(data[(int) p] & 0xff) : "..");
      }
      if (end == off + 1) {
        sb.append(']');
      }
      if (off >= data.length && end > off) {
        sb.append(" (end of stream)");
      }
      rows.add(sb.toString());
    }
    return rows;
  }

  // ---------------------------------------------------------------- header

  private void header() {
    long magic = in.readU32();
    if (magic != (StreamFormat.MAGIC & 0xffffffffL)) {
      throw new VmStateLoadException(String.format("Not a migration stream, magic: %x != %x",
          magic, StreamFormat.MAGIC), 0, "5145564d", Long.toHexString(magic));
    }
    add(0, 4, Kind.HEADER, "header", "magic", "QEVM");
    int version = in.readInt();
    if (version != StreamFormat.VERSION) {
      throw new VmStateLoadException("Unsupported migration stream version, file version "
          + Integer.toHexString(version) + " != 3", 4, "3", Integer.toString(version));
    }
    add(4, 4, Kind.HEADER, "header", "version", "3");
    if (in.peek(0) == StreamFormat.CONFIGURATION) {
      configuration();
    }
  }

  private void configuration() {
    long at = in.position();
    in.readU8();
    add(at, 1, Kind.CONFIGURATION, "configuration", "configuration", "");
    long lenAt = in.position();
    long len = in.readU32();
    add(lenAt, 4, Kind.CONFIGURATION, "configuration/len", "uint32", Long.toString(len));
    if (len > in.remaining()) {
      throw new VmStateLoadException("configuration: machine name longer than the stream",
          lenAt, "<= " + in.remaining(), Long.toString(len));
    }
    long nameAt = in.position();
    in.skip(len);
    add(nameAt, len, Kind.CONFIGURATION, "configuration/name", "buffer",
        Values.bytesValue(data, (int) nameAt, (int) len));
    for (ConfigSubsection h = StreamFraming.configSubsection(in); h != null;
        h = StreamFraming.configSubsection(in)) {
      String sub = h.name();
      add(h.offset(), in.position() - h.offset(), Kind.SUBSECTION, sub, "subsection",
          "'" + sub + "' version " + h.version());
      long p = in.position();
      switch (sub) {
        case "configuration/target-page-bits": {
          int bits = in.readInt();
          if (bits > 0 && bits < 31 && pageSize == 0) {
            pageSize = 1 << bits;
          }
          add(p, 4, Kind.CONFIGURATION, sub + "/target_page_bits", "uint32",
              Integer.toString(bits));
          break;
        }
        case "configuration/capabilities": {
          long n = in.readU32();
          add(p, 4, Kind.CONFIGURATION, sub + "/caps_count", "uint32", Long.toString(n));
          for (long k = 0; k < n; k++) {
            long c = in.position();
            String cap = in.readCountedString();
            if (cap.equals("x-ignore-shared")) {
              ignoreShared = true;
            }
            add(c, in.position() - c, Kind.CONFIGURATION, sub + "/capabilities[" + k + "]",
                "capability", cap);
          }
          break;
        }
        case "configuration/uuid":
          in.skip(16);
          add(p, 16, Kind.CONFIGURATION, sub + "/uuid", "buffer", "");
          break;
        default:
          throw new VmStateLoadException(
              "VM subsection '" + sub + "' in 'configuration' does not exist", h.offset(),
              "target-page-bits, capabilities or uuid", sub);
      }
    }
  }

  // ---------------------------------------------------------------- sections

  private void sections() {
    while (true) {
      long at = in.position();
      int type = in.readU8();
      if (type == StreamFormat.EOF) {
        add(at, 1, Kind.EOF, "eof", "eof", "end of device state");
        return;
      }
      if (type == StreamFormat.COMMAND) {
        command(at);
        continue;
      }
      SectionHeader h = StreamFraming.sectionHeader(in, type, at, StreamFraming.PLAIN);
      if (h.type().hasFullHeader()) {
        startOrFull(h);
      } else {
        partOrEnd(h);
      }
    }
  }

  static String root(String idstr, int instance) {
    return instance == 0 ? idstr : idstr + "#" + Integer.toUnsignedString(instance);
  }

  private void startOrFull(SectionHeader h) {
    long at = h.offset();
    int id = h.sectionId();
    String idstr = h.idstr();
    int instance = h.instanceId();
    int version = h.versionId();
    String root = root(idstr, instance);
    add(at, in.position() - at, Kind.SECTION, root,
        h.type() == SectionType.FULL ? "section-full" : "section-start",
        "'" + idstr + "' instance " + Integer.toUnsignedString(instance) + " version " + version
            + ", section " + Integer.toUnsignedString(id));
    open.put(id, new Open(idstr, instance, version, root));
    body(idstr, instance, version, root);
    footer(id, idstr, root);
  }

  private void partOrEnd(SectionHeader h) {
    long at = h.offset();
    int id = h.sectionId();
    Open o = open.get(id);
    if (o == null) {
      throw new VmStateLoadException("Unknown section " + id, at,
          "the id of an earlier START section", Integer.toString(id));
    }
    add(at, 5, Kind.SECTION, o.root(),
        h.type() == SectionType.PART ? "section-part" : "section-end",
        "section " + Integer.toUnsignedString(id));
    body(o.idstr(), o.instance(), o.version(), o.root());
    footer(id, o.idstr(), o.root());
  }

  private void body(String idstr, int instance, int version, String root) {
    if (idstr.equals("ram") && instance == 0) {
      ram(root);
      return;
    }
    if (bodies.section(this, idstr, instance, version, root)) {
      return;
    }
    Bodies f = fallback;
    if (f != null) {
      add(in.position(), 0, Kind.NOTE, root, "note", fallbackNote == null ? "" : fallbackNote);
      if (f.section(this, idstr, instance, version, root)) {
        return;
      }
    }
    throw new VmStateLoadException("Unknown section or instance '" + idstr + "' "
        + Integer.toUnsignedString(instance) + ": no description for it in this view",
        in.position());
  }

  private void footer(int id, String idstr, String root) {
    long at = in.position();
    if (in.peek(0) == StreamFormat.SECTION_FOOTER) {
      in.readU8();
      StreamFraming.footerId(in, id, idstr, at, StreamFraming.PLAIN);
      footers = Boolean.TRUE;
      add(at, 5, Kind.FOOTER, root, "footer", "section " + Integer.toUnsignedString(id));
      return;
    }
    if (Boolean.TRUE.equals(footers)) {
      int next = in.peek(0);
      throw new VmStateLoadException("Missing section footer for " + idstr, at, "0x7e",
          next < 0 ? "end of stream" : String.format("0x%02x", next));
    }
    footers = Boolean.FALSE;
  }

  private void command(long at) {
    int cmd = in.readU16();
    int len = in.readU16();
    in.skip(len);
    add(at, in.position() - at, Kind.COMMAND, "command", "command",
        "command " + cmd + ", " + len + " bytes");
  }

  // ---------------------------------------------------------------- RAM

  private void ram(String root) {
    long ps = pageSize > 0 ? pageSize : StreamFormat.DEFAULT_PAGE_SIZE;
    long runStart = -1;
    long zero = 0;
    long full = 0;
    long other = 0;
    while (true) {
      long at = in.position();
      long word = in.readLong();
      int flags = (int) (word & (ps - 1));
      long addr = word & -ps;
      int kind = flags & ~CONTINUE;
      if (kind == MEM_SIZE || kind == EOS) {
        if (runStart >= 0) {
          add(runStart, at - runStart, Kind.RAM, root + "/pages", "ram-pages",
              pages(zero, full, other));
          runStart = -1;
        }
      } else if (runStart < 0) {
        runStart = at;
        zero = 0;
        full = 0;
        other = 0;
      }
      switch (kind) {
        case MEM_SIZE: {
          add(at, 8, Kind.RAM, root + "/mem_size", "ram-record",
              "total " + Values.number(addr, false, 8));
          long left = addr;
          int k = 0;
          while (left > 0) {
            long b = in.position();
            String id = in.readCountedString();
            long len = in.readLong();
            if (len <= 0 || len > left) {
              throw new VmStateLoadException("RAM block list inconsistent at block '" + id + "'",
                  b, "a length of 1.." + left, Long.toUnsignedString(len));
            }
            if (ignoreShared) {
              in.readLong();
            }
            left -= len;
            add(b, in.position() - b, Kind.RAM, root + "/block[" + k++ + "]", "ram-block",
                id + " " + Values.number(len, false, 8));
          }
          break;
        }
        case ZERO:
          name(flags);
          in.readU8();
          zero++;
          break;
        case PAGE:
          name(flags);
          in.skip(ps);
          full++;
          break;
        case COMPRESS_PAGE: {
          name(flags);
          long len = in.readU32();
          in.skip(len);
          other++;
          break;
        }
        case XBZRLE: {
          name(flags);
          in.readU8();
          in.skip(in.readU16());
          other++;
          break;
        }
        case MULTIFD_FLUSH:
          break;
        case EOS:
          add(at, 8, Kind.RAM, root + "/eos", "ram-record", "end of section");
          return;
        default:
          throw new VmStateLoadException(
              String.format("Unknown combination of migration flags: 0x%x", flags), at,
              "a RAM record", String.format("0x%016x", word));
      }
    }
  }

  private void name(int flags) {
    if ((flags & CONTINUE) == 0) {
      in.readCountedString();
    }
  }

  private static String pages(long zero, long full, long other) {
    StringBuilder sb = new StringBuilder();
    sb.append(zero).append(" zero pages, ").append(full).append(" full pages");
    if (other > 0) {
      sb.append(", ").append(other).append(" compressed pages");
    }
    return sb.toString();
  }

  // ---------------------------------------------------------------- after EOF

  private void afterEof() {
    if (in.atEnd()) {
      return;
    }
    long at = in.position();
    int t = in.readU8();
    if (t != StreamFormat.VMDESCRIPTION) {
      add(at, data.length - at, Kind.NOTE, "trailer", "unknown",
          "bytes after EOF that are not a JSON description");
      return;
    }
    long len = in.readU32();
    long rem = in.remaining();
    add(at, 5 + Math.min(len, rem), Kind.VMDESC, "vmdesc", "json",
        len + " bytes of JSON description" + (len > rem ? " (only " + rem + " present)" : ""));
    in.skip(Math.min(len, rem));
    if (!in.atEnd()) {
      add(in.position(), in.remaining(), Kind.NOTE, "trailer", "unknown",
          "bytes after the JSON description");
    }
  }
}
