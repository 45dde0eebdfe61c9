package org.vmstate4j.engine.analyze;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.VmStateLoadException;
import tools.jackson.databind.JsonNode;

/**
 * Walks the top-level items of a stream (after magic and version) up to the EOF byte, handing
 * each section body to the reader its idstr and instance id select.
 *
 * <p>Footers are checked as QEMU's loader checks them: once the first section carried a footer,
 * every section must, and its id must match the section's.
 */
final class StreamDecoder {
  static final long QEMU_VM_FILE_MAGIC = 0x5145564dL;
  static final long QEMU_VM_FILE_VERSION_COMPAT = 2;
  static final long QEMU_VM_FILE_VERSION = 3;

  private static final int QEMU_VM_EOF = 0x00;
  private static final int QEMU_VM_SECTION_START = 0x01;
  private static final int QEMU_VM_SECTION_PART = 0x02;
  private static final int QEMU_VM_SECTION_END = 0x03;
  private static final int QEMU_VM_SECTION_FULL = 0x04;
  private static final int QEMU_VM_CONFIGURATION = 0x07;
  private static final int QEMU_VM_COMMAND = 0x08;
  private static final int QEMU_VM_SECTION_FOOTER = 0x7e;

  private static final int MIG_CMD_PACKAGED = 7;
  private static final int MIG_CMD_SWITCHOVER_START = 0x0b;
  private static final String[] COMMAND_NAMES = {
    "INVALID", "OPEN_RETURN_PATH", "PING", "POSTCOPY_ADVISE", "POSTCOPY_LISTEN", "POSTCOPY_RUN",
    "POSTCOPY_RAM_DISCARD", "PACKAGED", "ENABLE_COLO", "POSTCOPY_RESUME", "RECV_BITMAP",
    "SWITCHOVER_START"
  };

  /** A section known by its id, for PART/END and for the state dump. */
  private record Section(long id, String idstr, SectionReader reader) {}

  /** An item whose value is filled in once the whole stream has been read. */
  private record Pending(StreamItem item, @Nullable SectionReader reader) {}

  private final StreamSource in;
  private final VmDescription desc;
  private final FieldDecoder decoder;
  private final Map<Long, Section> sections = new LinkedHashMap<>();
  private final List<Pending> pending = new ArrayList<>();
  private boolean ignoreShared;
  private boolean mappedRam;
  private @Nullable Boolean footers;

  StreamDecoder(StreamSource in, VmDescription desc) {
    this.in = in;
    this.desc = desc;
    this.decoder = new FieldDecoder(in);
  }

  static void checkHeader(StreamSource in) {
    long magic = in.u32();
    if (magic != QEMU_VM_FILE_MAGIC) {
      throw new VmStateLoadException("Not a migration stream, magic: " + Long.toHexString(magic)
          + " != " + Long.toHexString(QEMU_VM_FILE_MAGIC), 0,
          "5145564d", Long.toHexString(magic));
    }
    long version = in.u32();
    if (version == QEMU_VM_FILE_VERSION_COMPAT) {
      throw new VmStateLoadException(
          "SaveVM v2 format is obsolete and no longer supported", 4, "3", "2");
    }
    if (version != QEMU_VM_FILE_VERSION) {
      throw new VmStateLoadException("Unsupported migration stream version, file version "
          + Long.toHexString(version) + " != 3", 4, "3", Long.toString(version));
    }
  }

  AnalyzedStream decode() {
    long pageSize = desc.pageSize();
    while (true) {
      long header = in.offset();
      int type = in.u8();
      switch (type) {
        case QEMU_VM_EOF -> {
          add(ItemKind.EOF, StreamItem.ABSENT, null, StreamItem.ABSENT, StreamItem.ABSENT, header,
              StreamItem.ABSENT, StreamItem.ABSENT, StreamItem.ABSENT, null);
          return finish();
        }
        case QEMU_VM_CONFIGURATION -> configuration(header);
        case QEMU_VM_SECTION_START, QEMU_VM_SECTION_FULL -> startOrFull(header, type, pageSize);
        case QEMU_VM_SECTION_PART, QEMU_VM_SECTION_END -> partOrEnd(header, type);
        case QEMU_VM_COMMAND -> command(header);
        case QEMU_VM_SECTION_FOOTER -> throw new VmStateLoadException(
            "section footer without a section before it", header);
        default -> throw new VmStateLoadException("Unknown section type " + type, header,
            "a QEMU_VM_* section type", String.format("0x%02x", type));
      }
    }
  }

  private void configuration(long header) {
    ConfigurationReader.Configuration config =
        ConfigurationReader.read(in, desc.configuration(), decoder);
    ignoreShared = config.ignoreShared();
    mappedRam = config.mappedRam();
    pending.add(new Pending(new StreamItem(ItemKind.CONFIGURATION, StreamItem.ABSENT, null,
        StreamItem.ABSENT, StreamItem.ABSENT, header, header + 1, in.offset(), StreamItem.ABSENT,
        config.value()), null));
  }

  private void startOrFull(long header, int type, long pageSize) {
    long id = in.u32();
    String idstr = in.countedString();
    long instance = in.u32();
    long version = in.u32();
    long data = in.offset();
    SectionReader reader = readerFor(idstr, instance, version, header, pageSize);
    sections.put(id, new Section(id, idstr, reader));
    readBody(reader, idstr);
    long dataEnd = in.offset();
    long footer = footer(id, idstr);
    ItemKind kind = type == QEMU_VM_SECTION_START ? ItemKind.START : ItemKind.FULL;
    add(kind, id, idstr, instance, version, header, data, dataEnd, footer, reader);
  }

  private void partOrEnd(long header, int type) {
    long id = in.u32();
    Section section = sections.get(id);
    if (section == null) {
      throw new VmStateLoadException("Unknown section " + id, header + 1,
          "id of an earlier START section", Long.toString(id));
    }
    long data = in.offset();
    readBody(section.reader(), section.idstr());
    long dataEnd = in.offset();
    long footer = footer(id, section.idstr());
    ItemKind kind = type == QEMU_VM_SECTION_PART ? ItemKind.PART : ItemKind.END;
    add(kind, id, section.idstr(), StreamItem.ABSENT, StreamItem.ABSENT, header, data, dataEnd,
        footer, section.reader());
  }

  /** Commands carry be16 command and be16 length; only their length matters here. */
  private void command(long header) {
    int cmd = in.u16();
    int len = in.u16();
    if (cmd == MIG_CMD_SWITCHOVER_START && len != 0) {
      throw new VmStateLoadException("Invalid SWITCHOVER_START length: " + Integer.toHexString(len),
          header + 3, "0", Integer.toString(len));
    }
    if (cmd == 0 || cmd >= COMMAND_NAMES.length) {
      throw new VmStateLoadException("Unknown QEMU_VM_COMMAND: " + Integer.toHexString(cmd),
          header + 1, "1.." + (COMMAND_NAMES.length - 1), Integer.toString(cmd));
    }
    if (cmd == MIG_CMD_PACKAGED) {
      throw new VmStateLoadException("MIG_CMD_PACKAGED (postcopy) streams are not supported",
          header + 1);
    }
    long data = in.offset();
    in.skip(len);
    add(ItemKind.COMMAND, StreamItem.ABSENT, COMMAND_NAMES[cmd], StreamItem.ABSENT,
        StreamItem.ABSENT, header, data, in.offset(), StreamItem.ABSENT, null);
  }

  private SectionReader readerFor(
      String idstr, long instance, long version, long header, long pageSize) {
    if (idstr.equals("ram") && instance == 0) {
      return new RamSectionReader(version, pageSize, ignoreShared, mappedRam, header);
    }
    JsonNode device = desc.device(idstr, instance);
    if (device != null) {
      return new VmsdSectionReader(device, decoder);
    }
    if (idstr.equals("s390-storage_attributes") && instance == 0) {
      return new StorageAttributesSectionReader(version, header);
    }
    if (idstr.equals("spapr/htab") && instance == 0) {
      return new HtabSectionReader(version, header);
    }
    throw new VmStateLoadException(
        "Unknown section or instance '" + idstr + "' " + instance, header,
        "a device of the vmdesc", idstr + " instance " + instance);
  }

  private void readBody(SectionReader reader, String idstr) {
    try {
      reader.read(in);
    } catch (VmStateLoadException e) {
      throw e.under(idstr);
    }
  }

  /** Reads the footer after a section body; returns its offset, or ABSENT when there is none. */
  private long footer(long id, String idstr) {
    long at = in.offset();
    if (in.peek() == QEMU_VM_SECTION_FOOTER) {
      in.u8();
      long read = in.u32();
      if (read != id) {
        throw new VmStateLoadException("Mismatched section id in footer for " + idstr
            + " - read 0x" + Long.toHexString(read) + " expected 0x" + Long.toHexString(id),
            at + 1, Long.toString(id), Long.toString(read));
      }
      if (footers == null) {
        footers = true;
      }
      return at;
    }
    if (Boolean.TRUE.equals(footers)) {
      int next = in.peek();
      throw new VmStateLoadException("Missing section footer for " + idstr, at, "0x7e",
          next < 0 ? "end of stream" : String.format("0x%02x", next));
    }
    footers = false;
    return StreamItem.ABSENT;
  }

  private void add(ItemKind kind, long id, @Nullable String idstr, long instance, long version,
      long header, long data, long dataEnd, long footer, @Nullable SectionReader reader) {
    pending.add(new Pending(new StreamItem(kind, id, idstr, instance, version, header, data,
        dataEnd, footer, null), reader));
  }

  private AnalyzedStream finish() {
    Map<SectionReader, DecodedValue> values = new IdentityHashMap<>();
    List<StreamItem> items = new ArrayList<>();
    for (Pending p : pending) {
      StreamItem item = p.item();
      SectionReader reader = p.reader();
      if (reader != null) {
        DecodedValue value = values.computeIfAbsent(reader, SectionReader::value);
        item = new StreamItem(item.kind(), item.sectionId(), item.idstr(), item.instanceId(),
            item.versionId(), item.headerOffset(), item.dataOffset(), item.dataEnd(),
            item.footerOffset(), value);
      }
      items.add(item);
    }
    Map<String, DecodedValue> state = new LinkedHashMap<>();
    for (Section s : sections.values()) {
      state.put(s.idstr() + " (" + s.id() + ")",
          values.computeIfAbsent(s.reader(), SectionReader::value));
    }
    return new AnalyzedStream(items, state, desc.root(), decoder.notes());
  }
}
