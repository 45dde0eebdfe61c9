package org.vmstate4j.engine.stream;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.PathedException;
import org.vmstate4j.engine.VmStateLoadException;
import org.vmstate4j.engine.io.VmInput;
import org.vmstate4j.engine.model.VmStateDescription;
import org.vmstate4j.engine.state.LoadTransaction;
import org.vmstate4j.engine.wire.PartKind;
import org.vmstate4j.engine.wire.VmDescription;
import org.vmstate4j.engine.wire.WireFormat;
import org.vmstate4j.engine.wire.WireOptions;
import org.vmstate4j.engine.wire.WirePart;
import org.vmstate4j.engine.wire.WireVisitor;

/**
 * One load by a {@link StreamReader}: what the walker reports, matched to the registry's devices
 * (sections loaded at their versions in one transaction, skipped or refused), and the result.
 */
final class LoadRun implements WireVisitor {
  private static final String UNKNOWN =
      "Unknown section or instance '%s' %s. Make sure that your current VM setup matches your"
          + " saved VM setup, including any hotplugged devices";
  private static final long VMDESC_KEEP_LIMIT = 256L << 20;

  /** A section whose PART/END sections may follow. */
  private record Open(SectionType type, String idstr, int instanceId, int versionId,
      Registry.@Nullable Entry entry, boolean ram) {}

  interface Walk {
    void walk(WireVisitor v) throws IOException;
  }

  private final Registry registry;
  private final ReadOptions options;
  final long length;
  final @Nullable VmDescription desc;
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
  long position;
  boolean sawDescription;
  boolean sawTrailer;

  /** The section being read: its header, the end of its data, and what to record. */
  @Nullable WirePart header;
  long dataEnd;
  @Nullable Open current;

  LoadRun(Registry registry, ReadOptions options, long length, @Nullable VmDescription desc,
      @Nullable String noDescription) {
    this.registry = registry;
    this.options = options;
    this.length = length;
    this.desc = desc;
    this.noDescription = noDescription;
    this.tracker = new ProgressTracker(options.progress(), length);
  }

  WireOptions wireOptions() {
    return WireOptions.DEFAULT
        .withFooters(options.sectionFooters() ? WireOptions.Footers.REQUIRED
            : WireOptions.Footers.NONE)
        .withRequireConfiguration(options.configuration())
        .withPageSize(options.pageSize())
        .withDescription(desc)
        .withLocate(false)
        .withSpool(false)
        .withTrailer(options.readVmdesc())
        .withDescriptionLimit(Math.min(VMDESC_KEEP_LIMIT, options.load().maxAllocationBytes()));
  }

  LoadResult run(Walk walk) throws IOException {
    try (LoadTransaction t = new LoadTransaction(options.load())) {
      tx = t;
      walk.walk(this);
      finish();
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
            + sb, position, "a section for every registered device",
            absent.size() + " missing");
      }
      t.commit();
      if (!options.load().dryRun()) {
        registry.loaded(skipped);
      }
      tracker.report(position);
      return new LoadResult(machineName, loaded, absent, skipped, warnings, position,
          options.load().dryRun(), vmdesc);
    }
  }

  // ------------------------------------------------------------ parts

  @Override
  public void part(WirePart p) {
    position = Math.max(position, p.end());
    switch (p.kind()) {
      case CONFIGURATION -> {
        finish();
        machineName = p.name();
        String local = registry.machineName();
        if (options.configuration() && options.checkMachine() && !local.startsWith(p.name())) {
          throw new VmStateLoadException(String.format(
              "Machine type received is '%s' and local is '%s'", p.name(), local),
              p.offset() + 1, local, p.name());
        }
        tracker.report(position);
      }
      case HEADER -> tracker.report(position);
      case SECTION_START, SECTION_FULL -> {
        finish();
        start(p);
      }
      case SECTION_PART, SECTION_END -> {
        finish();
        Open o = open.get((int) p.sectionId());
        if (o == null) {
          throw new VmStateLoadException("Unknown section " + p.sectionId(), p.offset(),
              "the id of an earlier START section", Long.toString(p.sectionId()));
        }
        header = p;
        current = o;
        dataEnd = p.end();
      }
      case FOOTER -> finish();
      case COMMAND -> {
        finish();
        command(p);
      }
      case EOF -> finish();
      case VMDESC -> {
        sawDescription = true;
        vmdescPart(p);
      }
      case TRAILER -> trailerPart(p);
      default -> {
        if (header != null) {
          dataEnd = p.end();
        }
      }
    }
  }

  /** A START or FULL header: the section of a registered device, or one to skip. */
  void start(WirePart h) {
    String idstr = h.name();
    int instance = (int) h.instanceId();
    int version = (int) h.versionId();
    SectionType type = h.kind() == PartKind.SECTION_START ? SectionType.START
        : SectionType.FULL;
    Registry.Entry e = idstr.equals("ram") && instance == 0 ? null
        : registry.find(idstr, instance);
    header = h;
    dataEnd = h.end();
    if (e != null) {
      VmStateDescription d = e.description();
      if (version > d.versionId()) {
        throw new VmStateLoadException(String.format("unsupported version %d for '%s' v%d",
            version, idstr, d.versionId()), h.offset(), "version <= " + d.versionId(),
            Integer.toString(version));
      }
      current = new Open(type, idstr, instance, version, e, false);
      open.put((int) h.sectionId(), current);
      return;
    }
    String unknown = String.format(UNKNOWN, idstr, Integer.toUnsignedString(instance));
    String found = "'" + idstr + "' " + Integer.toUnsignedString(instance);
    if (!options.skipUnknown()) {
      throw new VmStateLoadException(unknown, h.offset(), registry.describeEntries(), found);
    }
    if (idstr.equals("ram") && instance == 0) {
      if (version != 4) {
        throw new VmStateLoadException(unknown + "; it cannot be skipped: only version 4 of"
            + " 'ram' is known", h.offset(), "version 4", Integer.toString(version));
      }
      current = new Open(type, idstr, instance, version, null, true);
      open.put((int) h.sectionId(), current);
      return;
    }
    current = new Open(type, idstr, instance, version, null, false);
    open.put((int) h.sectionId(), current);
    if (type != SectionType.FULL) {
      throw new VmStateLoadException(unknown + "; it cannot be skipped: only the format of"
          + " 'ram' iterative sections is known", h.offset(), registry.describeEntries(), found);
    }
    VmDescription dd = desc;
    if (dd == null) {
      throw new VmStateLoadException(unknown + "; it cannot be skipped: " + noDescription,
          h.offset(), registry.describeEntries(), found);
    }
    tools.jackson.databind.JsonNode entry = dd.device(idstr, Integer.toUnsignedLong(instance));
    if (entry == null) {
      throw new VmStateLoadException(unknown + "; it cannot be skipped: the stream's JSON"
          + " description does not list it", h.offset(), registry.describeEntries(), found);
    }
    if (!entry.has("fields")) {
      throw new VmStateLoadException(unknown + "; it cannot be skipped: vmstate for device "
          + idstr + " has no fields", h.offset(), registry.describeEntries(), found);
    }
  }

  @Override
  public boolean body(WirePart h, VmInput in) {
    Open o = current;
    if (o == null) {
      return false;
    }
    Registry.Entry e = o.entry();
    if (e == null) {
      if (h.kind() == PartKind.SECTION_PART || h.kind() == PartKind.SECTION_END) {
        throw new VmStateLoadException("section " + h.sectionId() + " of '" + o.idstr()
            + "' cannot be skipped: only the format of 'ram' iterative sections is known",
            h.offset());
      }
      return false;
    }
    try {
      // a post_load hook runs at commit, once the whole stream is read; its rejection is
      // reported for its device as an error of the walk is
      tx.load(e.description(), e.object(), in, o.versionId(), x -> deviceError(e, x));
    } catch (PathedException x) {
      throw deviceError(e, x);
    }
    seen.add(e);
    return true;
  }

  /** Records the section read so far, once its data (and footer) are behind. */
  void finish() {
    WirePart h = header;
    Open o = current;
    header = null;
    current = null;
    if (h == null || o == null) {
      return;
    }
    SectionType type = switch (h.kind()) {
      case SECTION_START -> SectionType.START;
      case SECTION_PART -> SectionType.PART;
      case SECTION_END -> SectionType.END;
      default -> SectionType.FULL;
    };
    SectionInfo info = new SectionInfo(type, (int) h.sectionId(), o.idstr(), o.instanceId(),
        o.versionId(), h.offset(), h.end(), dataEnd);
    if (o.entry() != null) {
      loaded.add(info);
    } else if (o.ram()) {
      skipped.add(new LoadResult.Skipped(info, "RAM page records"));
    } else {
      skipped.add(new LoadResult.Skipped(info, "size from the stream's JSON description ("
          + info.dataLength() + " bytes)"));
    }
    tracker.report(position);
  }

  VmStateLoadException deviceError(Registry.Entry e, PathedException x) {
    return new VmStateLoadException(String.format(
        "error while loading state for instance 0x%x of device '%s': %s", e.instanceId(),
        e.idstr(), StreamReader.detail(x, e.description().name())), x.offset(), x);
  }

  void command(WirePart p) {
    int cmd = p.flags();
    int len = (int) (p.length() - 5);
    int want;
    String name;
    switch (cmd) {
      case 1 -> {
        name = "CMD_OPEN_RETURN_PATH";
        want = 0;
      }
      case 2 -> {
        name = "CMD_PING";
        want = 4;
      }
      case WireFormat.CMD_SWITCHOVER_START -> {
        name = "CMD_SWITCHOVER_START";
        want = 0;
      }
      default -> throw new VmStateLoadException(String.format(
          "MIG_CMD 0x%x (len 0x%x) is not supported in a stream file", cmd, len), p.offset(),
          "OPEN_RETURN_PATH, PING or SWITCHOVER_START", String.format("0x%x", cmd));
    }
    if (len != want) {
      throw new VmStateLoadException(String.format(
          "%s received with bad length - expecting %d, got %d", name, want, len), p.offset(),
          Integer.toString(want), Integer.toString(len));
    }
  }

  // ------------------------------------------------------------ after EOF

  void trailerPart(WirePart p) {
    if (!options.readVmdesc()) {
      return;
    }
    if (sawDescription) {
      warnings.add(p.length() + " bytes follow the JSON description at " + p.offset());
    } else {
      sawTrailer = true;
      warnings.add(String.format("Expected vmdescription section, but got %d (at %d)",
          p.flags(), p.offset()));
    }
  }

  void vmdescPart(WirePart p) {
    if (!options.readVmdesc()) {
      return;
    }
    long claimed = p.address();
    long present = p.length() - 5;
    if (claimed < 0) {
      warnings.add("the JSON description could not be read: its length is cut short at "
          + p.end());
    } else if (claimed > present) {
      warnings.add("the JSON description claims " + claimed + " bytes but only "
          + Math.max(0, present) + " remain");
    } else if (claimed > Math.min(VMDESC_KEEP_LIMIT, options.load().maxAllocationBytes())) {
      warnings.add("the JSON description (" + claimed + " bytes) was skipped: too large");
    }
  }

  @Override
  public void description(WirePart p, byte @Nullable [] json) {
    if (!options.readVmdesc() || json == null) {
      return;
    }
    vmdesc = new String(json, StandardCharsets.UTF_8);
    try {
      VmDescription.parseText(json, p.offset());
    } catch (VmStateLoadException e) {
      warnings.add("the JSON description is not usable: " + VmDescription.problem(e));
    }
  }

  void afterEof() {
    if (options.readVmdesc() && !sawDescription && !sawTrailer) {
      warnings.add("Expected vmdescription section, but got the end of the stream");
    }
  }
}
