package org.vmstate4j.engine.inspect;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.PathedException;
import org.vmstate4j.engine.VmStateLoadException;
import org.vmstate4j.engine.inspect.ExplainItem.Kind;
import org.vmstate4j.engine.io.VmInput;
import org.vmstate4j.engine.wire.ConfigField;
import org.vmstate4j.engine.wire.PartKind;
import org.vmstate4j.engine.wire.RamFlags;
import org.vmstate4j.engine.wire.WirePart;
import org.vmstate4j.engine.wire.WireVisitor;

/**
 * Turns the parts the stream walker reports (header, configuration, section headers and
 * footers, RAM records, commands, EOF, the JSON description) into items, and hands each device
 * section body to the view's {@link Bodies}. Item bytes are read from the stream by offset
 * ({@link StreamBytes}); RAM pages are counted, never held.
 */
final class StreamWalk implements WireVisitor {
  /** Reads section bodies the way one view does. */
  interface Bodies {
    /**
     * Reads the body of section {@code idstr}/{@code instance} at {@code version} from
     * {@link StreamWalk#in}, adding items under {@code root}; false when this view has no
     * description for the section (nothing is read then).
     */
    boolean section(StreamWalk w, String idstr, int instance, int version, String root);
  }

  /** Walks the stream with this visitor. */
  interface Walk {
    void walk(StreamWalk visitor) throws java.io.IOException;
  }

  final StreamBytes data;
  /** The walker's input while a body is read. */
  VmInput in = VmInput.of(new byte[0]);
  final List<ExplainItem> items = new ArrayList<>();
  /** Where a view read the stream differently from its description, and why. */
  final List<String> notes = new ArrayList<>();
  private final Bodies bodies;
  private final @Nullable Bodies fallback;
  private final @Nullable String fallbackNote;
  private final @Nullable RamImage image;
  private final Map<Long, String> roots = new HashMap<>();
  private long position;
  private boolean sawDescription;

  private String ramRoot = "ram";
  private long runStart = -1;
  private long zero;
  private long full;
  private long other;
  private int block;

  StreamWalk(StreamBytes data, Bodies bodies, @Nullable Bodies fallback,
      @Nullable String fallbackNote, @Nullable RamImage image) {
    this.data = data;
    this.bodies = bodies;
    this.fallback = fallback;
    this.fallbackNote = fallbackNote;
    this.image = image;
  }

  /** Adds an item over {@code [off, off+len)}, its hex taken from the stream. */
  void add(long off, long len, Kind kind, String path, String codec, String value) {
    items.add(new ExplainItem(off, Math.max(0, len), kind, path, codec,
        Values.hex(data, off, len), value));
  }

  /** Records that the item at {@code off} was read differently from the description. */
  void note(long off, String path, String why) {
    notes.add(Values.offset(off, Explanation.offsetWidth(data.length())) + "  " + path + ": " + why);
  }

  /** Reads everything; returns the failure that stopped it, or null. */
  @Nullable ExplainFailure run(Walk walk) {
    data.hold();
    try {
      walk.walk(this);
      return null;
    } catch (PathedException e) {
      if (items.isEmpty() && e.offset() == 4) {
        // the version is wrong: the magic before it was fine
        add(0, 4, Kind.HEADER, "header", "magic", "QEVM");
      }
      return failure(e.offset() >= 0 ? e.offset() : position, e.path(), message(e));
    } catch (java.io.IOException e) {
      return failure(position, "", e.toString());
    } catch (java.io.UncheckedIOException e) {
      return failure(position, "", e.getCause().toString());
    } catch (RuntimeException | StackOverflowError e) {
      return failure(position, "", e.toString());
    } finally {
      data.release();
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
  static List<String> context(StreamBytes data, long off) {
    List<String> rows = new ArrayList<>();
    if (off < 0) {
      return rows;
    }
    long length = data.length();
    int width = Explanation.offsetWidth(length);
    long from = Math.max(0, off - 16);
    long to = Math.max(Math.min(length, off + 16), off + 1);
    byte[] window = data.read(from, (int) (to - from));
    for (long row = from; row < to; row += 16) {
      StringBuilder sb = new StringBuilder(Values.offset(row, width)).append(' ');
      long end = Math.min(row + 16, to);
      for (long p = row; p < end; p++) {
        sb.append(p == off ? '[' : p == off + 1 ? ']' : ' ');
        sb.append(p < length && p - from < window.length
            ? Values.hex2(window[(int) (p - from)] & 0xff) : "..");
      }
      if (end == off + 1) {
        sb.append(']');
      }
      if (off >= length && end > off) {
        sb.append(" (end of stream)");
      }
      rows.add(sb.toString());
    }
    return rows;
  }

  static String root(String idstr, int instance) {
    return instance == 0 ? idstr : idstr + "#" + Integer.toUnsignedString(instance);
  }

  // ---------------------------------------------------------------- parts

  @Override
  public void part(WirePart p) {
    position = Math.max(position, p.end());
    switch (p.kind()) {
      case HEADER -> {
        add(0, 4, Kind.HEADER, "header", "magic", "QEVM");
        add(4, 4, Kind.HEADER, "header", "version", "3");
      }
      case CONFIGURATION -> {
        long at = p.offset();
        long len = p.length() - 5;
        add(at, 1, Kind.CONFIGURATION, "configuration", "configuration", "");
        add(at + 1, 4, Kind.CONFIGURATION, "configuration/len", "uint32", Long.toString(len));
        add(at + 5, len, Kind.CONFIGURATION, "configuration/name", "buffer",
            Values.bytesValue(data, at + 5, len));
      }
      case SUBSECTION -> {
        if (p.sectionId() < 0) {
          add(p.offset(), p.length(), Kind.SUBSECTION, p.name(), "subsection",
              "'" + p.name() + "' version " + p.versionId());
        }
      }
      case SECTION_START, SECTION_FULL -> {
        String root = root(p.name(), (int) p.instanceId());
        roots.put(p.sectionId(), root);
        add(p.offset(), p.length(), Kind.SECTION, root,
            p.kind() == PartKind.SECTION_FULL ? "section-full" : "section-start",
            "'" + p.name() + "' instance " + Long.toUnsignedString(p.instanceId()) + " version "
                + p.versionId() + ", section " + p.sectionId());
        ramRoot = root;
      }
      case SECTION_PART, SECTION_END -> {
        String root = roots.get(p.sectionId());
        if (root == null) {
          throw new VmStateLoadException("Unknown section " + p.sectionId(), p.offset(),
              "the id of an earlier START section", Long.toString(p.sectionId()));
        }
        add(p.offset(), 5, Kind.SECTION, root,
            p.kind() == PartKind.SECTION_PART ? "section-part" : "section-end",
            "section " + p.sectionId());
        ramRoot = root;
      }
      case RAM_RECORD -> ramRecord(p);
      case RAM_BLOCK -> {
        add(p.offset(), p.length(), Kind.RAM, ramRoot + "/block[" + block++ + "]", "ram-block",
            p.name() + " " + Values.number(p.address(), false, 8));
        if (image != null) {
          image.block(p.name(), p.address());
        }
      }
      case FOOTER -> {
        if (p.address() == p.sectionId()) {
          add(p.offset(), 5, Kind.FOOTER, roots.getOrDefault(p.sectionId(), p.name()), "footer",
              "section " + p.sectionId());
        }
      }
      case COMMAND -> add(p.offset(), p.length(), Kind.COMMAND, "command", "command",
          "command " + p.flags() + ", " + (p.length() - 5) + " bytes");
      case EOF -> add(p.offset(), 1, Kind.EOF, "eof", "eof", "end of device state");
      case VMDESC -> {
        sawDescription = true;
        long claimed = p.address();
        long present = Math.max(0, p.length() - 5);
        add(p.offset(), p.length(), Kind.VMDESC, "vmdesc", "json",
            (claimed < 0 ? present : claimed) + " bytes of JSON description"
                + (claimed > present ? " (only " + present + " present)" : ""));
      }
      case TRAILER -> add(p.offset(), p.length(), Kind.NOTE, "trailer", "unknown",
          sawDescription ? "bytes after the JSON description"
              : "bytes after EOF that are not a JSON description");
      default -> { }
    }
  }

  @Override
  public void configuration(WirePart body, List<ConfigField> fields) {
    String sub = body.name();
    int k = 0;
    for (ConfigField f : fields) {
      switch (f.name()) {
        case "target_page_bits" -> {
          add(f.offset(), 4, Kind.CONFIGURATION, sub + "/target_page_bits", "uint32",
              Integer.toString((int) f.number()));
          if (image != null) {
            image.pageBits(f.number());
          }
        }
        case "caps_count" -> add(f.offset(), 4, Kind.CONFIGURATION, sub + "/caps_count",
            "uint32", Long.toString(f.number()));
        case "capabilities" -> add(f.offset(), f.length(), Kind.CONFIGURATION,
            sub + "/capabilities[" + k++ + "]", "capability", f.text());
        default -> add(f.offset(), f.length(), Kind.CONFIGURATION, sub + "/" + f.name(),
            "buffer", "");
      }
    }
  }

  @Override
  public boolean body(WirePart h, VmInput input) {
    in = input;
    String idstr = h.name();
    int instance = (int) h.instanceId();
    int version = (int) h.versionId();
    String root = roots.getOrDefault(h.sectionId(), root(idstr, instance));
    if (bodies.section(this, idstr, instance, version, root)) {
      return true;
    }
    Bodies f = fallback;
    if (f != null) {
      add(in.position(), 0, Kind.NOTE, root, "note", fallbackNote == null ? "" : fallbackNote);
      if (f.section(this, idstr, instance, version, root)) {
        return true;
      }
    }
    throw new VmStateLoadException("Unknown section or instance '" + idstr + "' "
        + Integer.toUnsignedString(instance) + ": no description for it in this view",
        in.position());
  }

  // ---------------------------------------------------------------- RAM

  private void ramRecord(WirePart p) {
    int kind = p.flags() & ~RamFlags.CONTINUE;
    long at = p.offset();
    if (kind == RamFlags.MEM_SIZE || kind == RamFlags.EOS) {
      if (runStart >= 0) {
        add(runStart, at - runStart, Kind.RAM, ramRoot + "/pages", "ram-pages",
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
      case RamFlags.MEM_SIZE -> {
        add(at, 8, Kind.RAM, ramRoot + "/mem_size", "ram-record",
            "total " + Values.number(p.address(), false, 8));
        block = 0;
      }
      case RamFlags.ZERO -> zero++;
      case RamFlags.PAGE -> full++;
      case RamFlags.COMPRESS_PAGE, RamFlags.XBZRLE -> other++;
      case RamFlags.EOS -> add(at, 8, Kind.RAM, ramRoot + "/eos", "ram-record", "end of section");
      default -> { }
    }
  }

  @Override
  public void pageData(WirePart record, ByteBuffer data) {
    if (image != null) {
      image.page(record, data);
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
}
