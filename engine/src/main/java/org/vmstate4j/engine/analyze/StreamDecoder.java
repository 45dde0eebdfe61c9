package org.vmstate4j.engine.analyze;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.VmStateLoadException;
import org.vmstate4j.engine.io.VmInput;
import org.vmstate4j.engine.wire.ConfigField;
import org.vmstate4j.engine.wire.PartKind;
import org.vmstate4j.engine.wire.RamFlags;
import org.vmstate4j.engine.wire.VmDescription;
import org.vmstate4j.engine.wire.WireFormat;
import org.vmstate4j.engine.wire.WirePart;
import org.vmstate4j.engine.wire.WireVisitor;
import tools.jackson.databind.JsonNode;

/**
 * Turns the parts the stream walker reports into the script's items and values: each device
 * section body is decoded by the reader its idstr and instance id select (the vmdesc's
 * description, or the known layouts of htab and storage attributes), RAM sections by their
 * block lists. Footers are checked by the walker as QEMU's loader checks them: once the first
 * section carried a footer, every section must, and its id must match the section's.
 */
final class StreamDecoder implements WireVisitor {
  /** A section known by its id, for PART/END and for the state dump. */
  private record Section(long id, String idstr, SectionValue reader) {}

  /** An item whose value is filled in once the whole stream has been read. */
  private record Pending(StreamItem item, @Nullable SectionValue reader) {}

  /** The item of the section being read. */
  private static final class Open {
    final ItemKind kind;
    final WirePart header;
    @Nullable SectionValue reader;
    long dataEnd;
    long footer = StreamItem.ABSENT;

    Open(ItemKind kind, WirePart header, @Nullable SectionValue reader) {
      this.kind = kind;
      this.header = header;
      this.reader = reader;
      this.dataEnd = header.end();
    }
  }

  private final VmDescription desc;
  private final ConfigurationReader.Bytes bytes;
  private final Map<Long, Section> sections = new LinkedHashMap<>();
  private final List<Pending> pending = new ArrayList<>();
  private @Nullable StreamSource source;
  private @Nullable FieldDecoder decoder;
  private @Nullable VmInput input;
  private @Nullable Open current;
  private @Nullable ConfigurationReader config;
  /** The idstr of the section whose body is being read: errors there get it as their path. */
  private @Nullable String bodyOf;

  StreamDecoder(VmDescription desc, ConfigurationReader.Bytes bytes) {
    this.desc = desc;
    this.bytes = bytes;
  }

  /** An error of the walk, with the section as its path when it happened inside a body. */
  VmStateLoadException located(VmStateLoadException e) {
    String s = bodyOf;
    return s == null ? e : e.under(s);
  }

  @Override
  public void part(WirePart p) {
    switch (p.kind()) {
      case CONFIGURATION -> {
        finishTop();
        config = new ConfigurationReader(p, bytes);
      }
      case SECTION_START, SECTION_FULL -> {
        finishTop();
        ItemKind kind = p.kind() == PartKind.SECTION_START ? ItemKind.START : ItemKind.FULL;
        if (p.name().equals("ram") && p.instanceId() == 0) {
          RamSection ram = new RamSection(p.versionId(), p.offset());
          sections.put(p.sectionId(), new Section(p.sectionId(), p.name(), ram));
          current = new Open(kind, p, ram);
          bodyOf = p.name();
        } else {
          current = new Open(kind, p, null);
        }
      }
      case SECTION_PART, SECTION_END -> {
        finishTop();
        Section s = sections.get(p.sectionId());
        if (s == null) {
          return; // the walker reports the unknown id
        }
        current = new Open(p.kind() == PartKind.SECTION_PART ? ItemKind.PART : ItemKind.END, p,
            s.reader());
        if (s.reader() instanceof RamSection) {
          bodyOf = s.idstr();
        }
      }
      case RAM_RECORD -> {
        RamSection.check(p);
        if ((p.flags() & ~RamFlags.CONTINUE) == RamFlags.EOS && current != null) {
          current.dataEnd = p.end();
          bodyOf = null;
        }
      }
      case RAM_BLOCK -> {
        if (current != null && current.reader instanceof RamSection ram) {
          ram.block(p.name(), p.offset() + 1 + p.name().length(), p.address());
        }
      }
      case DEVICE_BODY -> {
        if (current != null) {
          current.dataEnd = p.end();
        }
        bodyOf = null;
      }
      case FOOTER -> {
        if (p.address() != p.sectionId()) {
          throw new VmStateLoadException("Mismatched section id in footer for " + p.name()
              + " - read 0x" + Long.toHexString(p.address()) + " expected 0x"
              + Long.toHexString(p.sectionId()), p.offset() + 1, Long.toString(p.sectionId()),
              Long.toString(p.address()));
        }
        if (current != null) {
          current.footer = p.offset();
        }
        finishTop();
      }
      case COMMAND -> {
        finishTop();
        command(p);
      }
      case EOF -> {
        finishTop();
        pending.add(new Pending(new StreamItem(ItemKind.EOF, StreamItem.ABSENT, null,
            StreamItem.ABSENT, StreamItem.ABSENT, p.offset(), StreamItem.ABSENT,
            StreamItem.ABSENT, StreamItem.ABSENT, null), null));
      }
      default -> { }
    }
  }

  /** Page records pass the script's checks: only the others are looked at. */
  @Override
  public boolean pages() {
    return false;
  }

  @Override
  public void configuration(WirePart body, List<ConfigField> fields) {
    ConfigurationReader c = config;
    if (c != null) {
      c.subsection(body, fields);
    }
  }

  @Override
  public boolean body(WirePart h, VmInput in) {
    Open o = current;
    if (o == null) {
      return false;
    }
    StreamSource src = source(in);
    SectionValue value = o.reader;
    if (value == null) {
      value = readerFor(h);
      o.reader = value;
      sections.put(h.sectionId(), new Section(h.sectionId(), h.name(), value));
    }
    if (!(value instanceof SectionReader reader)) {
      return false;
    }
    bodyOf = h.name();
    reader.read(src);
    return true;
  }

  private StreamSource source(VmInput in) {
    StreamSource s = source;
    if (s == null) {
      s = new StreamSource(in);
      source = s;
      decoder = new FieldDecoder(s);
      input = in;
    } else if (input != in) {
      s.use(in);
      input = in;
    }
    return s;
  }

  /** Commands carry be16 command and be16 length; only their length matters here. */
  private void command(WirePart p) {
    int cmd = p.flags();
    long len = p.length() - 5;
    if (cmd == WireFormat.CMD_SWITCHOVER_START && len != 0) {
      throw new VmStateLoadException("Invalid SWITCHOVER_START length: " + Long.toHexString(len),
          p.offset() + 3, "0", Long.toString(len));
    }
    if (!WireFormat.isCommand(cmd)) {
      throw new VmStateLoadException("Unknown QEMU_VM_COMMAND: " + Integer.toHexString(cmd),
          p.offset() + 1, "1.." + WireFormat.CMD_SWITCHOVER_START, Integer.toString(cmd));
    }
    if (cmd == WireFormat.CMD_PACKAGED) {
      throw new VmStateLoadException("MIG_CMD_PACKAGED (postcopy) streams are not supported",
          p.offset() + 1);
    }
    pending.add(new Pending(new StreamItem(ItemKind.COMMAND, StreamItem.ABSENT, p.name(),
        StreamItem.ABSENT, StreamItem.ABSENT, p.offset(), p.offset() + 5, p.end(),
        StreamItem.ABSENT, null), null));
  }

  private SectionValue readerFor(WirePart h) {
    String idstr = h.name();
    long instance = h.instanceId();
    long version = h.versionId();
    JsonNode device = desc.device(idstr, instance);
    if (device != null) {
      return new VmsdSectionReader(device, decoder());
    }
    if (idstr.equals("s390-storage_attributes") && instance == 0) {
      return new StorageAttributesSectionReader(version, h.offset());
    }
    if (idstr.equals("spapr/htab") && instance == 0) {
      return new HtabSectionReader(version, h.offset());
    }
    throw new VmStateLoadException(
        "Unknown section or instance '" + idstr + "' " + instance, h.offset(),
        "a device of the vmdesc", idstr + " instance " + instance);
  }

  private FieldDecoder decoder() {
    FieldDecoder d = decoder;
    if (d == null) {
      throw new IllegalStateException("no input yet");
    }
    return d;
  }

  /** Records the section (or configuration) read so far, with its footer if it had one. */
  private void finishTop() {
    ConfigurationReader c = config;
    if (c != null) {
      config = null;
      DecodedValue value = c.value(desc.configuration(), bytes);
      pending.add(new Pending(new StreamItem(ItemKind.CONFIGURATION, StreamItem.ABSENT, null,
          StreamItem.ABSENT, StreamItem.ABSENT, c.header(), c.header() + 1, c.end(),
          StreamItem.ABSENT, value), null));
    }
    Open o = current;
    if (o == null) {
      return;
    }
    current = null;
    WirePart h = o.header;
    boolean full = o.kind == ItemKind.START || o.kind == ItemKind.FULL;
    pending.add(new Pending(new StreamItem(o.kind, h.sectionId(), h.name(),
        full ? h.instanceId() : StreamItem.ABSENT, full ? h.versionId() : StreamItem.ABSENT,
        h.offset(), h.end(), o.dataEnd, o.footer, null), o.reader));
  }

  AnalyzedStream finish() {
    finishTop();
    Map<SectionValue, DecodedValue> values = new IdentityHashMap<>();
    List<StreamItem> items = new ArrayList<>();
    for (Pending p : pending) {
      StreamItem item = p.item();
      SectionValue reader = p.reader();
      if (reader != null) {
        DecodedValue value = values.computeIfAbsent(reader, SectionValue::value);
        item = new StreamItem(item.kind(), item.sectionId(), item.idstr(), item.instanceId(),
            item.versionId(), item.headerOffset(), item.dataOffset(), item.dataEnd(),
            item.footerOffset(), value);
      }
      items.add(item);
    }
    Map<String, DecodedValue> state = new LinkedHashMap<>();
    for (Section s : sections.values()) {
      state.put(s.idstr() + " (" + s.id() + ")",
          values.computeIfAbsent(s.reader(), SectionValue::value));
    }
    FieldDecoder d = decoder;
    return new AnalyzedStream(items, state, desc.root(), d == null ? List.of() : d.notes());
  }
}
