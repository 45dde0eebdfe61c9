package org.vmstate4j.engine.wire;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.VmStateLoadException;
import org.vmstate4j.engine.internal.io.RawBuffers;
import org.vmstate4j.engine.io.VmInput;
import org.vmstate4j.engine.json.PointerRuns;
import org.vmstate4j.engine.model.VmsFlags;
import tools.jackson.databind.JsonNode;

/**
 * Walks a QEMU migration stream and reports its parts with their byte spans, in stream order:
 * the engine's one reader of the stream's framing (header, configuration, section headers and
 * footers, commands, EOF, the JSON description) and of RAM records. The loader, {@code analyze},
 * {@code explain}, {@code diff} and the rewriter are built on it.
 *
 * <p>Device section bodies have no length on the wire. A {@link WireVisitor} may read them
 * itself ({@link WireVisitor#body}); else the walker delimits them with the stream's JSON
 * description (fields' sizes, structs, subsections as their 0x05 headers say), or, for sections
 * the description does not cover (slirp, ...), by their footer. From a file the description is
 * located at the end first and the walk stops at it. From an InputStream it comes last: RAM
 * sections are walked as they arrive; at the first body that needs the description the rest of
 * the input is spooled to a temporary file (never the heap), which is walked once the
 * description is there. RAM pages are never held: the walker reads through a fixed buffer.
 *
 * <p>Errors are {@link VmStateLoadException}s with the stream offset and QEMU's wording.
 *
 * <pre>{@code
 * StreamWalker.walk(Path.of("vm.mig"), part -> System.out.println(part));
 * }</pre>
 */
public final class StreamWalker {
  /** Read buffer, and the look-ahead for footers of bodies the description does not cover. */
  static final int BUFFER = 1 << 20;
  private static final int MAX_DEPTH = 64;
  private static final int MAX_MACHINE_NAME = 1 << 20;
  private static final int MAX_CAPABILITIES = 4096;
  private static final String TRUNCATED = "unexpected end of stream";
  private static final byte[] RAM_IDSTR = {3, 'r', 'a', 'm'};
  private static final byte[] CONFIGURATION = "configuration".getBytes(StandardCharsets.US_ASCII);

  private final WireOptions options;
  private final WireVisitor out;
  private VmInput in;
  private @Nullable VmDescription desc;
  /** The description the walk stops at (located at the end of a file or spool), or null. */
  private @Nullable VmDescription located;
  /** A non-seekable input that was not spooled yet. */
  private @Nullable InputStream raw;
  private @Nullable Path spoolFile;
  private @Nullable FileChannel spoolChannel;
  /** During a live walk: the tapped channel until the tail starts, and the tail's file. */
  private @Nullable LiveInput live;
  private @Nullable Path tailFile;
  private long tailAt = -1;
  private long spooledEnd = -1;
  private long eofEnd = -1;

  /** What is being read, for errors at the end of the input. */
  private String context = "Failed to read the stream header";
  /** Whether {@link #context} goes before the error ("what: ...") or after it ("... in where"). */
  private boolean contextFirst = true;
  private boolean inVisitor;

  private final Map<Long, WirePart> open = new HashMap<>();
  private @Nullable Boolean footersSeen;
  private int pageSize;
  private int configPageSize;
  private boolean ignoreShared;
  private boolean mappedRam;

  private StreamWalker(WireOptions options, WireVisitor out, VmInput in) {
    this.options = options;
    this.out = out;
    this.in = in;
    this.desc = options.description();
  }

  /** Walks a stream file with the default options; returns its JSON description (or null). */
  public static @Nullable VmDescription walk(Path file, WireVisitor visitor) throws IOException {
    return walk(file, WireOptions.DEFAULT, visitor);
  }

  /** Walks a stream file; returns its JSON description (null when it has none). */
  public static @Nullable VmDescription walk(Path file, WireOptions options, WireVisitor visitor)
      throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      VmDescription at = options.locate() ? located(options.description(), size) : null;
      VmDescription.Found found = null;
      if (at == null && options.locate() && options.description() == null) {
        found = VmDescription.find(ch);
      }
      long end = at != null ? at.markerOffset() : found != null ? found.markerOffset() : size;
      StreamWalker w = new StreamWalker(options, visitor,
          VmInput.of(new ChannelInput(ch, 0, end), 0, end, BUFFER));
      w.stopAt(at, found);
      return w.run();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** Walks a stream read from {@code in} to its end, with the default options. */
  public static @Nullable VmDescription walk(InputStream input, WireVisitor visitor)
      throws IOException {
    return walk(input, -1, WireOptions.DEFAULT, visitor);
  }

  /**
   * Walks a stream read from {@code input} to its end.
   *
   * @param length the stream's length when known (early checks of counts), else -1
   */
  public static @Nullable VmDescription walk(InputStream input, long length, WireOptions options,
      WireVisitor visitor) throws IOException {
    StreamWalker w = new StreamWalker(options, visitor,
        VmInput.of(input, 0, length, BUFFER));
    w.raw = input;
    try {
      return w.run();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    } finally {
      w.closeSpool();
    }
  }

  /**
   * Walks a stream as it arrives on {@code input}, for a program between a migration source and
   * its destination. The header, the configuration and the RAM sections are walked as they come,
   * and their bytes go to {@code through} as they are consumed. The first part that can only be
   * delimited with the JSON description (a device section, or EOF) starts the tail: from there
   * on the input is copied to {@code tail} (created or replaced, left for the caller; never the
   * heap) until its end, then the tail's parts are reported too, delimited with the description
   * found at its end. The tail's bytes do not go to {@code through}.
   *
   * <p>Errors name the stream offset and the part being read, e.g. when the input ends early.
   */
  public static LiveWalk walkLive(ReadableByteChannel input, WireVisitor visitor,
      WireTap through, Path tail) throws IOException {
    LiveInput li = new LiveInput(input, through);
    VmInput in = VmInput.of(li, 0, -1, BUFFER);
    li.consumer(in);
    StreamWalker w = new StreamWalker(WireOptions.DEFAULT.withLocate(false), visitor, in);
    w.live = li;
    w.tailFile = tail;
    try {
      try {
        w.run();
      } catch (VmStateLoadException e) {
        if (!e.reason().contains(TRUNCATED) || w.inVisitor) {
          throw e;
        }
        // a live input that ends early: the error names where it ended
        long end = w.spooledEnd >= 0 ? w.spooledEnd : w.in.position() + w.in.bufferedBytes();
        throw new VmStateLoadException(e.reason(), Math.max(end, e.offset()), e.expected(),
            e.found(), e);
      }
      if (w.desc == null && w.eofEnd >= 0 && w.spooledEnd > w.eofEnd) {
        // bytes after EOF but no description: QEMU's description was cut short
        throw new VmStateLoadException(TRUNCATED + " in the JSON description after EOF",
            w.spooledEnd, "the whole JSON description", (w.spooledEnd - w.eofEnd) + " bytes");
      }
      if (w.tailAt < 0) {
        // the input ended (after EOF) without a tail: an empty one says so
        li.flush(in.position());
        w.tailAt = in.position();
        w.spooledEnd = in.position();
        Files.deleteIfExists(tail);
        Files.createFile(tail);
      }
      return new LiveWalk(w.tailAt, w.spooledEnd, w.desc);
    } catch (LiveInput.Failure e) {
      throw e.getCause();
    } finally {
      w.closeSpool();
    }
  }

  /** Walks a stream held in memory. */
  public static @Nullable VmDescription walk(byte[] stream, WireOptions options,
      WireVisitor visitor) {
    VmDescription at = options.locate() ? located(options.description(), stream.length) : null;
    VmDescription.Found found = null;
    if (at == null && options.locate() && options.description() == null) {
      found = VmDescription.find(stream);
    }
    long end = at != null ? at.markerOffset() : found != null ? found.markerOffset() : stream.length;
    VmInput in = end == stream.length ? VmInput.of(stream)
        : VmInput.of(new ByteArrayInputStream(stream, 0, (int) end), 0, end,
            (int) Math.max(16, Math.min(BUFFER, end)));
    StreamWalker w = new StreamWalker(options, visitor, in);
    w.stopAt(at, found);
    return w.run();
  }

  /** A given description that sits at the end of this stream, to stop at. */
  private static @Nullable VmDescription located(@Nullable VmDescription d, long size) {
    return d != null && d.markerOffset() >= 0 && d.markerOffset() + 5 + d.jsonLength() <= size
        ? d : null;
  }

  private void stopAt(@Nullable VmDescription at, VmDescription.@Nullable Found found) {
    if (at != null) {
      located = at;
    } else if (found != null) {
      try {
        located = found.parse();
        desc = located;
      } catch (VmStateLoadException e) {
        // unusable: the walk still stops there, and bodies are delimited by their footers
        located = null;
        unusable = found;
      }
    }
  }

  /** A description found at the end whose JSON could not be used. */
  private VmDescription.@Nullable Found unusable;

  // ------------------------------------------------------------------ the walk

  private @Nullable VmDescription run() {
    try {
      header();
      sections();
      return desc;
    } catch (VmStateLoadException e) {
      if (!inVisitor && e.reason().equals(TRUNCATED) && e.path().isEmpty()) {
        if (contextFirst) {
          throw new VmStateLoadException(context + ": " + TRUNCATED, e.offset(), e.expected(),
              e.found(), e);
        }
        long end = in.position() + in.bufferedBytes();
        throw new VmStateLoadException(TRUNCATED + " in " + context, e.offset(), e.expected(),
            e.found() + " (the stream ends at " + end + ")", e);
      }
      throw e;
    }
  }

  private void framing(String what) {
    context = what;
    contextFirst = true;
  }

  private void inside(String where) {
    context = where;
    contextFirst = false;
  }

  private void report(WirePart p) {
    out.part(p);
  }

  private void header() {
    framing("Failed to read the stream header");
    long magic = in.readU32();
    if (magic != (WireFormat.MAGIC & 0xffffffffL)) {
      throw new VmStateLoadException(String.format("Not a migration stream, magic: %x != %x",
          magic, WireFormat.MAGIC), 0, "0x5145564d ('QEVM')", String.format("0x%08x", magic));
    }
    int version = in.readInt();
    if (version == WireFormat.VERSION_COMPAT) {
      throw new VmStateLoadException(
          "SaveVM v2 format is obsolete and no longer supported", 4, "3", "2");
    }
    if (version != WireFormat.VERSION) {
      throw new VmStateLoadException(String.format(
          "Unsupported migration stream version, file version %x != %x", version,
          WireFormat.VERSION), 4, "3", Integer.toHexString(version));
    }
    report(new WirePart(PartKind.HEADER, 0, 8, -1, "", -1, version, 0, -1));
    if (options.requireConfiguration()) {
      int t = in.peek(0);
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
      long at = in.position();
      if (live != null && desc == null && startsTail()) {
        try {
          spoolTo(tailFile);
        } catch (IOException e) {
          throw new LiveInput.Failure(e);
        }
      }
      framing("Failed to read the next section type");
      int type = in.readU8();
      switch (type) {
        case WireFormat.EOF -> {
          eofEnd = at + 1;
          report(new WirePart(PartKind.EOF, at, 1, -1, "", -1, -1, 0, -1));
          trailer();
          return;
        }
        case WireFormat.SECTION_START, WireFormat.SECTION_FULL -> startOrFull(type, at);
        case WireFormat.SECTION_PART, WireFormat.SECTION_END -> partOrEnd(type, at);
        case WireFormat.CONFIGURATION -> configuration(at);
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
    int type = in.peek(0);
    if (type == WireFormat.EOF) {
      return true;
    }
    if (type != WireFormat.SECTION_START && type != WireFormat.SECTION_FULL) {
      return false;
    }
    return !in.peekStartsWith(5, 4, RAM_IDSTR);
  }

  // ------------------------------------------------------------------ configuration

  private void configuration(long at) {
    framing("Failed to read the configuration section");
    long lenAt = in.position();
    long len = in.readU32();
    if (len > MAX_MACHINE_NAME) {
      throw new VmStateLoadException("configuration: machine name length over the limit", lenAt,
          "<= " + MAX_MACHINE_NAME, Long.toString(len));
    }
    String machine = new String(in.readBytes((int) len), StandardCharsets.UTF_8);
    report(new WirePart(PartKind.CONFIGURATION, at, in.position() - at, -1, machine, -1, -1, 0,
        -1));
    while (in.peek(0) == WireFormat.SUBSECTION) {
      int l = in.peek(1);
      if (l < CONFIGURATION.length) {
        return;
      }
      String name = new String(in.peekBytes(2, l), StandardCharsets.ISO_8859_1);
      if (!name.startsWith("configuration")) {
        return;
      }
      long sub = in.position();
      in.skip(2L + l);
      long version = in.readU32();
      report(new WirePart(PartKind.SUBSECTION, sub, in.position() - sub, -1, name, -1, version, 0,
          -1));
      long body = in.position();
      List<ConfigField> fields = new ArrayList<>(2);
      switch (name) {
        case "configuration/target-page-bits" -> {
          long p = in.position();
          int bits = in.readInt();
          fields.add(new ConfigField("target_page_bits", p, 4, Integer.toUnsignedLong(bits), ""));
          if (bits > 0 && bits < 31) {
            configPageSize = 1 << bits;
          }
        }
        case "configuration/capabilities" -> {
          long p = in.position();
          long n = in.readU32();
          if (n > MAX_CAPABILITIES) {
            throw new VmStateLoadException("configuration: too many capabilities", p,
                "<= " + MAX_CAPABILITIES, Long.toString(n));
          }
          fields.add(new ConfigField("caps_count", p, 4, n, ""));
          for (long k = 0; k < n; k++) {
            long c = in.position();
            String cap = in.readCountedString();
            fields.add(new ConfigField("capabilities", c, in.position() - c, -1, cap));
            if (cap.equals("x-ignore-shared")) {
              ignoreShared = true;
            } else if (cap.equals("mapped-ram")) {
              mappedRam = true;
            }
          }
        }
        case "configuration/uuid" -> {
          long p = in.position();
          int i = RawBuffers.take(in, 16);
          fields.add(new ConfigField("uuid", p, 16, -1, hex(RawBuffers.buffer(in), i, 16)));
        }
        default -> throw new VmStateLoadException("VM subsection '" + name
            + "' in 'configuration' does not exist", sub, "configuration/target-page-bits,"
            + " configuration/capabilities, configuration/uuid", name);
      }
      WirePart b = new WirePart(PartKind.SUBSECTION_BODY, body, in.position() - body, -1, name, -1,
          -1, 0, -1);
      report(b);
      out.configuration(b, List.copyOf(fields));
    }
  }

  private static String hex(byte[] b, int off, int len) {
    StringBuilder sb = new StringBuilder(len * 2);
    for (int i = 0; i < len; i++) {
      sb.append(Character.forDigit((b[off + i] >> 4) & 0xf, 16))
          .append(Character.forDigit(b[off + i] & 0xf, 16));
    }
    return sb.toString();
  }

  // ------------------------------------------------------------------ sections

  private void startOrFull(int type, long at) {
    framing("Failed to read the section id");
    long id = in.readU32();
    framing("Unable to read ID string for section " + id);
    String idstr = in.readCountedString();
    framing("Failed to read instance/version ID");
    long instance = in.readU32();
    long version = in.readU32();
    WirePart h = new WirePart(type == WireFormat.SECTION_START ? PartKind.SECTION_START
        : PartKind.SECTION_FULL, at, in.position() - at, id, idstr, instance, version, 0, -1);
    open.put(id, h);
    report(h);
    body(h);
  }

  private void partOrEnd(int type, long at) {
    framing("Failed to read the section id");
    long id = in.readU32();
    PartKind kind = type == WireFormat.SECTION_PART ? PartKind.SECTION_PART : PartKind.SECTION_END;
    WirePart start = open.get(id);
    if (start == null) {
      report(new WirePart(kind, at, 5, id, "", -1, -1, 0, -1));
      throw new VmStateLoadException("Unknown section " + id, at + 1,
          "the id of an earlier START section", Long.toString(id));
    }
    WirePart h = new WirePart(kind, at, 5, id, start.name(), start.instanceId(),
        start.versionId(), 0, -1);
    report(h);
    body(h);
  }

  private void body(WirePart h) {
    if (h.name().equals("ram") && h.instanceId() == 0) {
      inside("section 'ram' (id " + h.sectionId() + ", header at " + h.offset() + ")");
      ram(h);
    } else {
      long start = in.position();
      boolean read;
      inVisitor = true;
      try {
        read = out.body(h, in);
      } finally {
        inVisitor = false;
      }
      inside("section '" + h.name() + "' (id " + h.sectionId() + ", header at " + h.offset()
          + ")");
      if (read) {
        report(part(PartKind.DEVICE_BODY, start, h));
      } else if (in.position() != start) {
        throw new IllegalStateException("the visitor read part of the body of " + h
            + " and returned false");
      } else {
        JsonNode d = description() == null ? null : desc.device(h.name(), h.instanceId());
        if (d != null) {
          vmsd(d, h, 0);
        } else {
          opaque(h);
        }
      }
    }
    footer(h);
  }

  private WirePart part(PartKind kind, long start, WirePart h) {
    return new WirePart(kind, start, in.position() - start, h.sectionId(), h.name(),
        h.instanceId(), h.versionId(), 0, -1);
  }

  /** The description, spooling an InputStream to find it when it comes at the end. */
  private @Nullable VmDescription description() {
    if (desc == null && raw != null && options.spool()) {
      try {
        spool();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return desc;
  }

  private void opaque(WirePart h) {
    long start = in.position();
    int n = findFooter(h.sectionId());
    if (n < 0) {
      throw new VmStateLoadException("cannot delimit section '" + h.name()
          + "': the JSON description does not describe it and no footer follows", start,
          "a footer 7e " + String.format("%08x", h.sectionId()), "none within " + BUFFER
          + " bytes");
    }
    in.skip(n);
    report(part(PartKind.OPAQUE_BODY, start, h));
  }

  /**
   * The distance to a footer for {@code sectionId} within the look-ahead: 0x7e, be32 id, then a
   * byte that can start the next part (or the end). -1 when there is none.
   */
  private int findFooter(long sectionId) {
    in.peek(BUFFER - 1);
    int avail = in.bufferedBytes();
    int from = RawBuffers.take(in, 0);
    byte[] b = RawBuffers.buffer(in);
    for (int i = from; i + 5 <= from + avail; i++) {
      if (b[i] != WireFormat.SECTION_FOOTER) {
        continue;
      }
      long id = ((b[i + 1] & 0xffL) << 24) | ((b[i + 2] & 0xff) << 16)
          | ((b[i + 3] & 0xff) << 8) | (b[i + 4] & 0xff);
      int next = i + 5 < from + avail ? b[i + 5] & 0xff : -1;
      if (id == sectionId && (next <= WireFormat.SECTION_FULL || next == WireFormat.COMMAND)) {
        return i - from;
      }
    }
    return -1;
  }

  /** A VMSD-shaped body: its fields' bytes, then each subsection's header and body. */
  private void vmsd(JsonNode d, WirePart h, int depth) {
    long start = in.position();
    fields(d, depth);
    report(new WirePart(PartKind.DEVICE_FIELDS, start, in.position() - start, h.sectionId(),
        h.name(), h.instanceId(), h.versionId(), 0, -1));
    for (JsonNode s : d.path("subsections")) {
      long at = in.position();
      String name = subsectionHeader(s);
      WirePart sub = new WirePart(PartKind.SUBSECTION, at, in.position() - at, h.sectionId(),
          name, -1, lastVersion, 0, -1);
      report(sub);
      vmsd(s, sub, depth + 1);
    }
  }

  private long lastVersion;

  private void fields(JsonNode d, int depth) {
    if (depth > MAX_DEPTH) {
      throw new VmStateLoadException("description nested too deeply", in.position());
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
          if (i == runEnd && in.peek(0) == VmsFlags.MARKER_PTR_NULL) {
            break;
          }
          if (type.equals("struct")) {
            structElement(f, depth);
          } else {
            in.skip(fieldSize(f));
          }
        }
        continue;
      }
      if (type.equals("struct")) {
        for (long i = 0; i < count; i++) {
          long before = in.position();
          structElement(f, depth);
          if (in.position() == before) {
            break; // empty elements: the rest are empty too
          }
        }
      } else if (type.equals("capability")) {
        for (long i = 0; i < count; i++) {
          in.readCountedString();
        }
      } else {
        long size = fieldSize(f);
        if (size > 0 && count > Long.MAX_VALUE / size) {
          throw new VmStateLoadException("field '" + f.path("name").asString("?")
              + "' is larger than any stream", in.position());
        }
        in.skip(size * count);
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
          + f.path("name").asString("?") + "' no size", in.position());
    }
    return sz.asLong();
  }

  private String subsectionHeader(JsonNode s) {
    long at = in.position();
    String expected = s.path("vmsd_name").asString("?");
    int marker = in.readU8();
    if (marker != WireFormat.SUBSECTION) {
      throw new VmStateLoadException("Subsection " + expected + " not found", at, "0x05",
          String.format("0x%02x", marker));
    }
    String name = in.readCountedString();
    lastVersion = in.readU32();
    return name;
  }

  private void footer(WirePart h) {
    if (options.footers() == WireOptions.Footers.NONE) {
      return;
    }
    long at = in.position();
    framing(String.format("Read section footer failed for '%s' instance 0x%x (section id 0x%x)",
        h.name(), h.instanceId(), h.sectionId()));
    if (options.footers() == WireOptions.Footers.REQUIRED) {
      int b = in.readU8();
      if (b != WireFormat.SECTION_FOOTER) {
        throw new VmStateLoadException("Missing section footer for " + h.name(), at, "0x7e",
            String.format("0x%02x", b));
      }
    } else {
      int b = in.peek(0);
      if (b != WireFormat.SECTION_FOOTER) {
        if (Boolean.TRUE.equals(footersSeen)) {
          throw new VmStateLoadException("Missing section footer for " + h.name(), at, "0x7e",
              b < 0 ? "end of stream" : String.format("0x%02x", b));
        }
        footersSeen = Boolean.FALSE;
        return;
      }
      in.readU8();
      footersSeen = Boolean.TRUE;
    }
    long got = in.readU32();
    report(new WirePart(PartKind.FOOTER, at, 5, h.sectionId(), h.name(), h.instanceId(),
        h.versionId(), 0, got));
    if (got != h.sectionId()) {
      throw new VmStateLoadException(String.format(
          "Mismatched section id in footer for %s - read 0x%x expected 0x%x", h.name(), got,
          h.sectionId()), at, String.format("0x%x", h.sectionId()),
          String.format("0x%x", got));
    }
  }

  // ------------------------------------------------------------------ RAM

  private int pageSize() {
    if (pageSize == 0) {
      pageSize = options.pageSize() > 0 ? options.pageSize()
          : configPageSize > 0 ? configPageSize
          : desc != null ? desc.pageSize() : WireFormat.DEFAULT_PAGE_SIZE;
    }
    return pageSize;
  }

  /** RAM records up to EOS, as QEMU 7.2's ram_load_precopy reads them. */
  private void ram(WirePart h) {
    long ps = pageSize();
    String block = "";
    while (true) {
      long at = in.position();
      long word = in.readLong();
      int flags = (int) (word & (ps - 1));
      long addr = word & -ps;
      int kind = flags & ~RamFlags.CONTINUE;
      switch (kind) {
        case RamFlags.MEM_SIZE -> {
          report(record(at, h, "", flags, addr));
          blockList(h, addr);
        }
        case RamFlags.EOS, RamFlags.MULTIFD_FLUSH -> {
          report(record(at, h, "", flags, addr));
          if (kind == RamFlags.EOS) {
            return;
          }
        }
        case RamFlags.ZERO, RamFlags.PAGE, RamFlags.COMPRESS_PAGE, RamFlags.XBZRLE -> {
          if ((flags & RamFlags.CONTINUE) == 0) {
            block = in.readCountedString();
          }
          int len;
          if (kind == RamFlags.ZERO) {
            len = 1;
          } else if (kind == RamFlags.PAGE) {
            len = (int) ps;
          } else if (kind == RamFlags.COMPRESS_PAGE) {
            long n = in.readU32();
            if (n > 2 * ps + 64) {
              report(record(at, h, block, flags, addr));
              throw new VmStateLoadException("Invalid compressed data length: " + n,
                  in.position() - 4, "<= " + (2 * ps + 64), Long.toString(n));
            }
            len = (int) n;
          } else {
            int xh = in.readU8();
            int n = in.readU16();
            if (xh != 0x01 || n > ps) {
              report(record(at, h, block, flags, addr));
              throw xh != 0x01
                  ? new VmStateLoadException("Failed to load XBZRLE page - wrong compression!",
                      in.position() - 3, "0x01", String.format("0x%02x", xh))
                  : new VmStateLoadException("Failed to load XBZRLE page - len overflow!",
                      in.position() - 2, "<= " + ps, Integer.toString(n));
            }
            len = n;
          }
          if (len <= BUFFER) {
            int i = RawBuffers.take(in, len);
            WirePart r = record(at, h, block, flags, addr);
            report(r);
            out.pageData(r, RawBuffers.buffer(in), i, len);
          } else {
            in.skip(len);
            report(record(at, h, block, flags, addr));
          }
        }
        default -> {
          report(record(at, h, block, flags, addr));
          throw new VmStateLoadException(kind == RamFlags.HOOK
              ? "RAM hook records (RDMA) cannot be read from a stream"
              : String.format("Unknown combination of migration flags: 0x%x", flags), at,
              "a RAM record", String.format("0x%016x", word));
        }
      }
    }
  }

  private WirePart record(long at, WirePart h, String block, int flags, long addr) {
    return new WirePart(PartKind.RAM_RECORD, at, in.position() - at, h.sectionId(), block, -1,
        -1, flags, addr);
  }

  /** MEM_SIZE: blocks (counted name, be64 used length) until their lengths cover the total. */
  private void blockList(WirePart h, long total) {
    long left = total;
    while (left > 0) {
      long at = in.position();
      String name = in.readCountedString();
      long len = in.readLong();
      if (len <= 0 || len > left) {
        throw new VmStateLoadException("RAM block list inconsistent at block '" + name + "'", at,
            "a length of 1.." + left, Long.toUnsignedString(len));
      }
      if (ignoreShared) {
        in.readLong(); // the block's guest address
      }
      long pagesEnd = -1;
      if (mappedRam) {
        pagesEnd = mappedRamHeader(at, len);
      }
      report(new WirePart(PartKind.RAM_BLOCK, at, in.position() - at, h.sectionId(), name, -1, -1,
          0, len));
      if (pagesEnd >= 0) {
        long p = in.position();
        if (pagesEnd < p) {
          throw new VmStateLoadException("mapped-ram pages outside the file", at,
              "an offset after " + p, Long.toString(pagesEnd));
        }
        in.skip(pagesEnd - p);
        report(new WirePart(PartKind.MAPPED_RAM, p, pagesEnd - p, h.sectionId(), name, -1, -1, 0,
            len));
      }
      left -= len;
    }
  }

  /** A mapped-ram block header; returns where the block's pages end, or -1 when it has none. */
  private long mappedRamHeader(long at, long len) {
    long version = in.readU32();
    if (version != 1) {
      throw new VmStateLoadException("Unsupported MappedRamHeader version " + version, at, "1",
          Long.toString(version));
    }
    long headerPageSize = in.readLong();
    if (headerPageSize != pageSize()) {
      throw new VmStateLoadException("Page size mismatch in MappedRamHeader", at,
          Integer.toString(pageSize()), Long.toUnsignedString(headerPageSize));
    }
    long bitmapOffset = in.readLong();
    long pagesOffset = in.readLong();
    if (ignoreShared && bitmapOffset == 0 && pagesOffset == 0) {
      return -1; // a shared block: no pages in the file
    }
    long end = pagesOffset + len;
    if (pagesOffset < 0 || end < 0) {
      throw new VmStateLoadException("mapped-ram pages outside the file", at,
          "an offset within the file", Long.toUnsignedString(pagesOffset));
    }
    return end;
  }

  // ------------------------------------------------------------------ commands, trailer

  private void command(long at) {
    framing("Failed to read a command");
    int cmd = in.readU16();
    int len = in.readU16();
    in.skip(len);
    String name = WireFormat.commandName(cmd);
    report(new WirePart(PartKind.COMMAND, at, in.position() - at, -1, name == null ? "" : name,
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

  /** After EOF: the JSON description and any other bytes, reported without failing. */
  private void trailer() {
    if (!options.trailer()) {
      return;
    }
    long p = in.position();
    VmDescription at = located;
    if (at != null || unusable != null) {
      long marker = at != null ? at.markerOffset() : unusable.markerOffset();
      byte[] json = at != null ? null : unusable.json();
      if (p < marker) {
        int first = in.peek(0);
        report(new WirePart(PartKind.TRAILER, p, drain(), -1, "", -1, -1, first, -1));
      }
      long length = at != null ? at.jsonLength() : json.length;
      WirePart v = new WirePart(PartKind.VMDESC, marker, 5 + length, -1, "", -1, -1, 0, length);
      report(v);
      out.description(v, at != null ? at.json() : json);
      return;
    }
    if (in.atEnd()) {
      return;
    }
    int first = in.peek(0);
    if (first != WireFormat.VMDESCRIPTION) {
      report(new WirePart(PartKind.TRAILER, p, drain(), -1, "", -1, -1, first, -1));
      return;
    }
    in.readU8();
    long claimed = -1;
    byte[] json = null;
    if (in.peek(3) >= 0) {
      claimed = in.readU32();
      long rem = in.remaining();
      if (claimed <= options.descriptionLimit() && (rem < 0 || claimed <= rem)) {
        json = readAvailable(claimed);
      } else {
        skipAvailable(claimed);
      }
    } else {
      drain();
    }
    WirePart v = new WirePart(PartKind.VMDESC, p, in.position() - p, -1, "", -1, -1, 0, claimed);
    report(v);
    out.description(v, json);
    if (json != null && desc == null) {
      try {
        desc = VmDescription.parse(json, p);
      } catch (VmStateLoadException e) {
        // a caller that needs it sees the problem through description()
      }
    }
    if (!in.atEnd()) {
      long q = in.position();
      int b = in.peek(0);
      report(new WirePart(PartKind.TRAILER, q, drain(), -1, "", -1, -1, b, -1));
    }
  }

  /** Consumes everything left; returns how many bytes that was. */
  private long drain() {
    long n = 0;
    while (!in.atEnd()) {
      int k = in.bufferedBytes();
      in.skip(k);
      n += k;
    }
    return n;
  }

  /** Up to {@code n} bytes, read in pieces; null when the input ends first. */
  private byte @Nullable [] readAvailable(long n) {
    java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
    while (n > 0 && !in.atEnd()) {
      int k = (int) Math.min(n, in.bufferedBytes());
      int i = RawBuffers.take(in, k);
      b.write(RawBuffers.buffer(in), i, k);
      n -= k;
    }
    return n == 0 ? b.toByteArray() : null;
  }

  private void skipAvailable(long n) {
    while (n > 0 && !in.atEnd()) {
      int k = (int) Math.min(n, in.bufferedBytes());
      in.skip(k);
      n -= k;
    }
  }

  // ------------------------------------------------------------------ spooling

  /**
   * Copies the rest of the InputStream to a temporary file, finds the description at its end,
   * and goes on reading from the file, which ends at the description.
   */
  private void spool() throws IOException {
    spoolTo(null);
  }

  /**
   * Spools to {@code target} (a live walk's tail, created or replaced and kept) or, when null,
   * to a temporary file removed at the end of the walk.
   */
  private void spoolTo(@Nullable Path target) throws IOException {
    InputStream source = raw;
    raw = null;
    long start = in.position();
    LiveInput li = live;
    if (li != null) {
      // the bytes before the tail go to the tap; the tail's do not
      li.flush(start);
      li.untap();
      live = null;
      source = li;
      tailAt = start;
    }
    if (source == null) {
      throw new IllegalStateException("nothing to spool");
    }
    Path file;
    FileChannel ch;
    if (target == null) {
      file = Files.createTempFile("vmstate4j-wire-", ".mig");
      spoolFile = file;
      ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
    } else {
      file = target;
      ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
          StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
    }
    spoolChannel = ch;
    int n = in.bufferedBytes();
    int i = RawBuffers.take(in, n);
    ByteBuffer head = ByteBuffer.wrap(RawBuffers.buffer(in), i, n);
    while (head.hasRemaining()) {
      ch.write(head);
    }
    byte[] buf = new byte[1 << 16];
    ByteBuffer bb = ByteBuffer.wrap(buf);
    int r;
    while ((r = source.read(buf)) >= 0) {
      bb.clear().limit(r);
      while (bb.hasRemaining()) {
        ch.write(bb);
      }
    }
    VmDescription.Found f = VmDescription.find(ch);
    long end = start + ch.size();
    spooledEnd = end;
    if (f != null) {
      VmDescription.Found at = new VmDescription.Found(f.markerOffset() + start, f.json());
      end = at.markerOffset();
      stopAt(null, at);
    }
    in = VmInput.of(new ChannelInput(ch, 0, end - start), start, end, BUFFER);
  }

  private void closeSpool() throws IOException {
    try {
      if (spoolChannel != null) {
        spoolChannel.close();
      }
    } finally {
      if (spoolFile != null) {
        Files.deleteIfExists(spoolFile);
      }
    }
  }
}
