package org.vmstate4j.engine.stream;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.PathedException;
import org.vmstate4j.engine.VmStateLoadException;
import org.vmstate4j.engine.io.VmInput;
import org.vmstate4j.engine.model.VmStateDescription;
import org.vmstate4j.engine.state.LoadTransaction;

/**
 * Loads a migration stream into a registry's devices, as QEMU's qemu_loadvm_state does: header
 * and configuration checks, then FULL/START sections matched to devices by id string and
 * instance id, each loaded at the section's version and followed by a checked footer, up to
 * EOF; then the JSON description is read and checked (problems there are warnings).
 *
 * <p>The stream is read through a fixed buffer and never held in memory. All device loads form
 * one {@link LoadTransaction}: when anything fails, every device loaded before is restored.
 * Errors are {@link VmStateLoadException}s with the byte offset and QEMU's wording.
 *
 * <p>With {@link ReadOptions#skipUnknown()}, sections of devices that are not registered are
 * skipped: {@code ram} sections by their page records, FULL sections by the sizes in the
 * stream's JSON description, which {@link #read(Path)} reads from the end of the file first
 * (for an InputStream, pass it with {@link ReadOptions#withDescription}). Other iterative
 * sections cannot be skipped.
 */
public final class StreamReader {
  private static final String UNKNOWN =
      "Unknown section or instance '%s' %s. Make sure that your current VM setup matches your"
          + " saved VM setup, including any hotplugged devices";
  private static final long VMDESC_KEEP_LIMIT = 256L << 20;

  private final Registry registry;
  private final ReadOptions options;

  public StreamReader(Registry registry) {
    this(registry, ReadOptions.DEFAULT);
  }

  public StreamReader(Registry registry, ReadOptions options) {
    this.registry = Objects.requireNonNull(registry);
    this.options = Objects.requireNonNull(options);
  }

  /** Loads from a file; its JSON description (at its end) is read first when skipping. */
  public LoadResult read(Path file) throws IOException {
    long size = Files.size(file);
    String json = options.description();
    String why = null;
    if (json == null && options.skipUnknown()) {
      json = EmbeddedDescription.readFromFile(file,
          Math.min(size, options.load().maxAllocationBytes()));
      if (json == null) {
        why = "the file has no JSON description at its end";
      }
    }
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, size, json, why);
    }
  }

  /** Loads from a whole stream in memory; its JSON description is found at its end. */
  public LoadResult read(byte[] stream) {
    String json = options.description();
    if (json == null && options.skipUnknown()) {
      json = EmbeddedDescription.find(stream);
    }
    Run r = new Run(VmInput.of(stream), stream.length, description(json,
        "the stream has no JSON description at its end"));
    return r.run();
  }

  /** Loads from a stream of unknown length. */
  public LoadResult read(InputStream in) {
    return read(in, -1);
  }

  /** Loads from a stream of {@code length} bytes (-1 when unknown). */
  public LoadResult read(InputStream in, long length) {
    return read(in, length, options.description(), "reading from an InputStream: pass the"
        + " stream's JSON description with ReadOptions.withDescription, or read from a Path");
  }

  private LoadResult read(InputStream raw, long length, @Nullable String json,
      @Nullable String why) {
    ProgressTracker t = new ProgressTracker(options.progress(), length);
    InputStream s = t.wrap(raw);
    VmInput in = length >= 0 ? VmInput.of(s, length) : VmInput.of(s);
    Run r = new Run(in, length, description(json, why));
    r.tracker = t;
    return r.run();
  }

  private Described description(@Nullable String json, @Nullable String why) {
    if (json == null) {
      return new Described(null, why == null ? "no JSON description" : why);
    }
    try {
      return new Described(EmbeddedDescription.parse(json), null);
    } catch (IllegalArgumentException e) {
      return new Described(null, "the stream's JSON description is unusable: " + e.getMessage());
    }
  }

  private record Described(@Nullable EmbeddedDescription desc, @Nullable String why) {}

  /** A section whose PART/END sections may follow. */
  private record Open(SectionType type, String idstr, int instanceId, int versionId,
      Registry.@Nullable Entry entry, boolean ram) {}

  private final class Run {
    final VmInput in;
    final long length;
    final @Nullable EmbeddedDescription desc;
    final @Nullable String noDescription;
    ProgressTracker tracker;
    @Nullable LoadTransaction tx;
    final List<SectionInfo> loaded = new ArrayList<>();
    final List<LoadResult.Skipped> skipped = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();
    final Map<Integer, Open> open = new HashMap<>();
    final Set<Registry.Entry> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    @Nullable String machineName;
    @Nullable String vmdesc;
    int targetPageBits = -1;
    boolean ignoreShared;
    @Nullable RamSkipper ram;

    Run(VmInput in, long length, Described d) {
      this.in = in;
      this.length = length;
      this.desc = d.desc();
      this.noDescription = d.why();
      this.tracker = new ProgressTracker(options.progress(), length);
    }

    LoadResult run() {
      try (LoadTransaction t = new LoadTransaction(options.load())) {
        tx = t;
        header();
        tracker.report(in.position());
        sections();
        afterEof();
        List<Registry.Entry> absent = new ArrayList<>();
        for (Registry.Entry e : registry.entries()) {
          if (!seen.contains(e)) {
            absent.add(e);
          }
        }
        if (!absent.isEmpty() && options.absent() == ReadOptions.Absent.ERROR) {
          StringBuilder sb = new StringBuilder();
          for (Registry.Entry e : absent) {
            sb.append(sb.length() == 0 ? "" : ", ").append(e.label());
          }
          throw new VmStateLoadException("registered devices have no section in the stream: "
              + sb, in.position(), "a section for every registered device",
              absent.size() + " missing");
        }
        t.commit();
        if (!options.load().dryRun()) {
          registry.loaded(skipped);
        }
        tracker.report(in.position());
        return new LoadResult(machineName, loaded, absent, skipped, warnings, in.position(),
            options.load().dryRun(), vmdesc);
      }
    }

    // ------------------------------------------------------------ header

    void header() {
      long magic = framing("Failed to read the stream header", () -> in.readU32());
      if (magic != (StreamFormat.MAGIC & 0xffffffffL)) {
        throw new VmStateLoadException(
            String.format("Not a migration stream, magic: %x != %x", magic, StreamFormat.MAGIC),
            0, "0x5145564d ('QEVM')", String.format("0x%08x", magic));
      }
      int version = framing("Failed to read the stream header", () -> in.readInt());
      if (version == StreamFormat.VERSION_COMPAT) {
        throw new VmStateLoadException(
            "SaveVM v2 format is obsolete and no longer supported", 4, "3", "2");
      }
      if (version != StreamFormat.VERSION) {
        throw new VmStateLoadException(String.format(
            "Unsupported migration stream version, file version %x != %x", version,
            StreamFormat.VERSION), 4, "3", Integer.toHexString(version));
      }
      if (options.configuration()) {
        long at = in.position();
        int t = framing("Configuration section missing", () -> in.readU8());
        if (t != StreamFormat.CONFIGURATION) {
          throw new VmStateLoadException("Configuration section missing", at, "0x07",
              String.format("0x%02x", t));
        }
        long nameAt = in.position();
        String name = framing("Failed to read the configuration section", this::configuration);
        String local = registry.machineName();
        if (options.checkMachine() && !local.startsWith(name)) {
          throw new VmStateLoadException(String.format(
              "Machine type received is '%s' and local is '%s'", name, local), nameAt, local,
              name);
        }
      }
    }

    /** Reads the configuration section's body; returns the machine name. */
    String configuration() {
      long at = in.position();
      long len = in.readU32();
      long limit = Math.min(Integer.MAX_VALUE - 16, options.load().maxAllocationBytes());
      if (len > limit) {
        throw new VmStateLoadException("configuration: machine name length over the limit", at,
            "<= " + limit, Long.toString(len));
      }
      String name = new String(in.readBytes((int) len), StandardCharsets.UTF_8);
      machineName = name;
      for (StreamFraming.ConfigSubsection c = StreamFraming.configSubsection(in); c != null;
          c = StreamFraming.configSubsection(in)) {
        switch (c.name()) {
          case "configuration/target-page-bits":
            targetPageBits = in.readInt();
            break;
          case "configuration/capabilities": {
            long n = in.readU32();
            for (long k = 0; k < n; k++) {
              if ("x-ignore-shared".equals(in.readCountedString())) {
                ignoreShared = true;
              }
            }
            break;
          }
          case "configuration/uuid":
            in.skip(16);
            break;
          default:
            throw new VmStateLoadException(
                "VM subsection '" + c.name() + "' in 'configuration' does not exist",
                c.offset(), "configuration/target-page-bits, configuration/capabilities,"
                    + " configuration/uuid", c.name());
        }
      }
      return name;
    }

    // ------------------------------------------------------------ sections

    void sections() {
      while (true) {
        long at = in.position();
        int type = framing("Failed to read the next section type", () -> in.readU8());
        if (type == StreamFormat.EOF) {
          return;
        }
        if (type == StreamFormat.COMMAND) {
          command(at);
        } else {
          StreamFraming.SectionHeader h = StreamFraming.sectionHeader(in, type, at, this::framing);
          if (h.type().hasFullHeader()) {
            startOrFull(h);
          } else {
            partOrEnd(h);
          }
        }
        tracker.report(in.position());
      }
    }

    void startOrFull(StreamFraming.SectionHeader h) {
      SectionType type = h.type();
      long at = h.offset();
      int sectionId = h.sectionId();
      String idstr = h.idstr();
      int instance = h.instanceId();
      int version = h.versionId();
      Registry.Entry e = registry.find(idstr, instance);
      if (e == null) {
        skip(type, sectionId, idstr, instance, version, at);
        return;
      }
      VmStateDescription d = e.description();
      if (version > d.versionId()) {
        throw new VmStateLoadException(String.format("unsupported version %d for '%s' v%d",
            version, idstr, d.versionId()), at, "version <= " + d.versionId(),
            Integer.toString(version));
      }
      open.put(sectionId, new Open(type, idstr, instance, version, e, false));
      load(e, type, sectionId, version, at);
    }

    void partOrEnd(StreamFraming.SectionHeader h) {
      SectionType type = h.type();
      long at = h.offset();
      int sectionId = h.sectionId();
      Open o = open.get(sectionId);
      if (o == null) {
        throw new VmStateLoadException("Unknown section " + sectionId, at,
            "the id of an earlier START section", Integer.toString(sectionId));
      }
      Registry.Entry e = o.entry();
      if (e != null) {
        load(e, type, sectionId, o.versionId(), at);
        return;
      }
      if (!o.ram()) {
        throw new VmStateLoadException("section " + sectionId + " of '" + o.idstr()
            + "' cannot be skipped: only the format of 'ram' iterative sections is known", at);
      }
      long data = in.position();
      ram().skip(in);
      long end = in.position();
      footer(sectionId, o.idstr(), o.instanceId());
      skipped.add(new LoadResult.Skipped(new SectionInfo(type, sectionId, o.idstr(),
          o.instanceId(), o.versionId(), at, data, end), "RAM page records"));
    }

    void load(Registry.Entry e, SectionType type, int sectionId, int version, long at) {
      long data = in.position();
      try {
        // a post_load hook runs at commit, once the whole stream is read; its rejection is
        // reported for its device as an error of the walk is
        tx.load(e.description(), e.object(), in, version, x -> deviceError(e, x));
      } catch (PathedException x) {
        throw deviceError(e, x);
      }
      long end = in.position();
      footer(sectionId, e.idstr(), e.instanceId());
      seen.add(e);
      loaded.add(new SectionInfo(type, sectionId, e.idstr(), e.instanceId(), version, at, data,
          end));
    }

    VmStateLoadException deviceError(Registry.Entry e, PathedException x) {
      return new VmStateLoadException(String.format(
          "error while loading state for instance 0x%x of device '%s': %s", e.instanceId(),
          e.idstr(), detail(x, e.description().name())), x.offset(), x);
    }

    void skip(SectionType type, int sectionId, String idstr, int instance, int version,
        long at) {
      String unknown = String.format(UNKNOWN, idstr, Integer.toUnsignedString(instance));
      String found = "'" + idstr + "' " + Integer.toUnsignedString(instance);
      if (!options.skipUnknown()) {
        throw new VmStateLoadException(unknown, at, registry.describeEntries(), found);
      }
      long data = in.position();
      String how;
      if (idstr.equals("ram") && instance == 0) {
        if (version != 4) {
          throw new VmStateLoadException(unknown + "; it cannot be skipped: only version 4 of"
              + " 'ram' is known", at, "version 4", Integer.toString(version));
        }
        open.put(sectionId, new Open(type, idstr, instance, version, null, true));
        ram().skip(in);
        how = "RAM page records";
      } else {
        open.put(sectionId, new Open(type, idstr, instance, version, null, false));
        if (type != SectionType.FULL) {
          throw new VmStateLoadException(unknown + "; it cannot be skipped: only the format of"
              + " 'ram' iterative sections is known", at, registry.describeEntries(), found);
        }
        EmbeddedDescription dd = desc;
        if (dd == null) {
          throw new VmStateLoadException(unknown + "; it cannot be skipped: " + noDescription,
              at, registry.describeEntries(), found);
        }
        long size;
        try {
          size = dd.nextSectionSize(idstr, instance);
        } catch (IllegalArgumentException x) {
          throw new VmStateLoadException(unknown + "; it cannot be skipped: " + x.getMessage(),
              at, registry.describeEntries(), found);
        }
        if (size < 0) {
          throw new VmStateLoadException(unknown + "; it cannot be skipped: the stream's JSON"
              + " description does not list it", at, registry.describeEntries(), found);
        }
        in.skip(size);
        how = "size from the stream's JSON description (" + size + " bytes)";
      }
      long end = in.position();
      footer(sectionId, idstr, instance);
      skipped.add(new LoadResult.Skipped(new SectionInfo(type, sectionId, idstr, instance,
          version, at, data, end), how));
    }

    RamSkipper ram() {
      RamSkipper r = ram;
      if (r == null) {
        int pageSize = options.pageSize();
        if (pageSize == 0 && targetPageBits > 0 && targetPageBits < 31) {
          pageSize = 1 << targetPageBits;
        }
        if (pageSize == 0 && desc != null && desc.pageSize() > 0
            && Integer.bitCount(desc.pageSize()) == 1) {
          pageSize = desc.pageSize();
        }
        if (pageSize == 0) {
          pageSize = StreamFormat.DEFAULT_PAGE_SIZE;
        }
        r = new RamSkipper(pageSize, ignoreShared);
        ram = r;
      }
      return r;
    }

    void footer(int sectionId, String idstr, int instance) {
      if (!options.sectionFooters()) {
        return;
      }
      long at = in.position();
      String what = String.format("Read section footer failed for '%s' instance 0x%x"
          + " (section id 0x%x)", idstr, instance, sectionId);
      int b = framing(what, () -> in.readU8());
      if (b != StreamFormat.SECTION_FOOTER) {
        throw new VmStateLoadException("Missing section footer for " + idstr, at,
            "0x7e", String.format("0x%02x", b));
      }
      StreamFraming.footerId(in, sectionId, idstr, at, new StreamFraming.Reads() {
        @Override
        public <T> T read(String ignored, java.util.function.Supplier<T> r) {
          return framing(what, r);
        }
      });
    }

    void command(long at) {
      int cmd = framing("Failed to read a command", () -> in.readU16());
      int len = framing("Failed to read a command", () -> in.readU16());
      int want;
      String name;
      switch (cmd) {
        case 1:
          name = "CMD_OPEN_RETURN_PATH";
          want = 0;
          break;
        case 2:
          name = "CMD_PING";
          want = 4;
          break;
        case 11:
          name = "CMD_SWITCHOVER_START";
          want = 0;
          break;
        default:
          throw new VmStateLoadException(String.format(
              "MIG_CMD 0x%x (len 0x%x) is not supported in a stream file", cmd, len), at,
              "OPEN_RETURN_PATH, PING or SWITCHOVER_START", String.format("0x%x", cmd));
      }
      if (len != want) {
        throw new VmStateLoadException(String.format(
            "%s received with bad length - expecting %d, got %d", name, want, len), at,
            Integer.toString(want), Integer.toString(len));
      }
      in.skip(len);
    }

    // ------------------------------------------------------------ after EOF

    void afterEof() {
      if (!options.readVmdesc()) {
        return;
      }
      try {
        if (in.atEnd()) {
          warnings.add("Expected vmdescription section, but got the end of the stream");
          return;
        }
        long at = in.position();
        int t = in.readU8();
        if (t != StreamFormat.VMDESCRIPTION) {
          warnings.add(String.format("Expected vmdescription section, but got %d (at %d)", t,
              at));
          return;
        }
        long len = in.readU32();
        long rem = in.remaining();
        if (rem >= 0 && len > rem) {
          warnings.add("the JSON description claims " + len + " bytes but only " + rem
              + " remain");
          in.skip(rem);
          return;
        }
        if (len > Math.min(VMDESC_KEEP_LIMIT, options.load().maxAllocationBytes())) {
          in.skip(len);
          warnings.add("the JSON description (" + len + " bytes) was skipped: too large");
        } else {
          String json = new String(in.readBytes((int) len), StandardCharsets.UTF_8);
          vmdesc = json;
          try {
            EmbeddedDescription.parse(json);
          } catch (IllegalArgumentException e) {
            warnings.add("the JSON description is not usable: " + e.getMessage());
          }
        }
        if (!in.atEnd()) {
          long end = in.position();
          warnings.add(rem >= 0 ? (in.remaining() + " bytes follow the JSON description at "
              + end) : ("bytes follow the JSON description at " + end));
        }
      } catch (VmStateLoadException e) {
        warnings.add("the JSON description could not be read: " + e.getMessage());
      }
    }

    <T> T framing(String what, java.util.function.Supplier<T> read) {
      try {
        return read.get();
      } catch (VmStateLoadException e) {
        throw new VmStateLoadException(what + ": " + detail(e), e.offset(), e);
      }
    }
  }

  /** An error's path, reason and expected/found, without the offset. */
  static String detail(PathedException e) {
    return detail(e, "");
  }

  /**
   * As {@link #detail(PathedException)}, leaving out a path that is only {@code top} (the
   * device's description, which the surrounding message already names).
   */
  static String detail(PathedException e, String top) {
    StringBuilder sb = new StringBuilder();
    if (!e.path().isEmpty() && !e.path().equals(top)) {
      sb.append(e.path()).append(": ");
    }
    sb.append(e.reason());
    if (e.expected() != null || e.found() != null) {
      sb.append(" (expected ").append(e.expected() == null ? "?" : e.expected())
          .append(", found ").append(e.found() == null ? "?" : e.found()).append(')');
    }
    return sb.toString();
  }
}
