package org.vmstate4j.engine.stream;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.PathedException;
import org.vmstate4j.engine.VmStateSaveException;
import org.vmstate4j.engine.io.VmOutput;
import org.vmstate4j.engine.json.VmDescWriter;
import org.vmstate4j.engine.model.Needed;
import org.vmstate4j.engine.model.VmStateDescription;
import org.vmstate4j.engine.state.VmState;
import org.vmstate4j.engine.wire.WireFormat;

/**
 * Writes a registry's devices as one migration stream, byte for byte as QEMU 7.2 does:
 *
 * <pre>
 * "QEVM" | be32 3
 * 0x07 | be32 len | machine name                       (configuration)
 * per device, in save order, unless needed() says no:
 *   0x04 | be32 section id | u8 len | idstr | be32 instance id | be32 version id
 *   device data | 0x7e | be32 section id
 * 0x00                                                 (EOF)
 * 0x06 | be32 len | {"page_size": 4096, "devices": [...]}
 * </pre>
 *
 * The data goes straight to the output; only the JSON description is collected in memory.
 */
public final class StreamWriter {
  private final Registry registry;
  private final WriteOptions options;

  public StreamWriter(Registry registry) {
    this(registry, WriteOptions.DEFAULT);
  }

  public StreamWriter(Registry registry, WriteOptions options) {
    this.registry = Objects.requireNonNull(registry);
    this.options = Objects.requireNonNull(options);
  }

  /** Writes the stream to {@code file}, replacing it; a failed save deletes the file. */
  public SaveResult write(Path file) throws IOException {
    boolean done = false;
    try (OutputStream os = Files.newOutputStream(file)) {
      SaveResult r = write(os);
      done = true;
      return r;
    } catch (UncheckedIOException e) {
      throw e.getCause();
    } finally {
      if (!done) {
        Files.deleteIfExists(file);
      }
    }
  }

  /** The stream as bytes. */
  public byte[] toBytes() {
    java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
    write(b);
    return b.toByteArray();
  }

  /**
   * Writes the stream to {@code os} and flushes it (without closing it). I/O errors are thrown
   * as {@link UncheckedIOException}; state errors as {@link VmStateSaveException}.
   */
  public SaveResult write(OutputStream os) {
    for (Registry.Entry e : registry.entries()) {
      if (e.description().unmigratable()) {
        throw new VmStateSaveException("State blocked by non-migratable device '"
            + e.idstr() + "'", 0);
      }
    }
    List<SectionInfo> dropped = registry.skippedOnLoad();
    if (!dropped.isEmpty() && !options.devicesOnly()) {
      throw new VmStateSaveException(dropReason(dropped), 0,
          "every section of the stream the registry was loaded from",
          dropped.size() + " section" + (dropped.size() == 1 ? "" : "s") + " skipped by the load");
    }
    ProgressTracker progress = new ProgressTracker(options.progress(), -1);
    VmOutput out = VmOutput.to(progress.wrap(os));
    out.writeInt(WireFormat.MAGIC);
    out.writeInt(WireFormat.VERSION);
    if (options.configuration()) {
      byte[] name = registry.machineName().getBytes(StandardCharsets.UTF_8);
      out.writeByte(WireFormat.CONFIGURATION);
      out.writeInt(name.length);
      out.write(name);
    }
    VmDescWriter json = options.vmdesc() ? VmDescWriter.inMemory() : null;
    if (json != null) {
      json.beginObject();
      json.number("page_size", options.pageSize());
      json.beginArray("devices");
    }
    progress.report(out.position());
    List<SectionInfo> sections = new ArrayList<>();
    List<Registry.Entry> notNeeded = new ArrayList<>();
    for (Registry.Entry e : registry.saveOrder()) {
      VmStateDescription d = e.description();
      Needed needed = d.needed();
      if (needed != null && !needed.test(e.object())) {
        notNeeded.add(e);
        continue;
      }
      sections.add(writeSection(out, json, e));
      progress.report(out.position());
    }
    out.writeByte(WireFormat.EOF);
    String vmdesc = null;
    if (json != null) {
      json.endArray();
      json.endObject();
      byte[] bytes = json.toBytes();
      vmdesc = new String(bytes, StandardCharsets.UTF_8);
      out.writeByte(WireFormat.VMDESCRIPTION);
      out.writeInt(bytes.length);
      out.write(bytes);
    }
    out.flush();
    progress.report(out.position());
    return new SaveResult(sections, notNeeded, out.position(), vmdesc);
  }

  private static String dropReason(List<SectionInfo> dropped) {
    StringBuilder names = new StringBuilder();
    int shown = 0;
    for (SectionInfo s : dropped) {
      if (shown == 12) {
        names.append(", and ").append(dropped.size() - shown).append(" more");
        break;
      }
      names.append(shown == 0 ? "" : ", ").append('\'').append(s.idstr()).append("' ")
          .append(Integer.toUnsignedString(s.instanceId()));
      shown++;
    }
    return "refusing to save: the registry was loaded from a stream whose sections " + names
        + " were skipped, and the new stream would drop them (a QEMU that loads it keeps its"
        + " own RAM and CPU state, silently). Rewrite the stream with StreamEdit to change"
        + " devices and keep everything else, or pass WriteOptions.withDevicesOnly(true) for a"
        + " stream of the registered devices only";
  }

  private SectionInfo writeSection(VmOutput out, @Nullable VmDescWriter json, Registry.Entry e) {
    VmStateDescription d = e.description();
    long header = out.position();
    out.writeByte(WireFormat.SECTION_FULL);
    out.writeInt(e.sectionId());
    out.writeCountedString(e.idstr());
    out.writeInt(e.instanceId());
    out.writeInt(d.versionId());
    if (json != null) {
      json.beginObject();
      json.string("name", e.idstr());
      json.number("instance_id", Integer.toUnsignedLong(e.instanceId()));
    }
    long data = out.position();
    try {
      VmState.save(d, e.object(), out, json);
    } catch (PathedException x) {
      throw e.idstr().equals(d.name()) ? x : x.under(e.idstr());
    }
    long end = out.position();
    if (json != null) {
      json.endObject();
    }
    if (options.sectionFooters()) {
      out.writeByte(WireFormat.SECTION_FOOTER);
      out.writeInt(e.sectionId());
    }
    return new SectionInfo(SectionType.FULL, e.sectionId(), e.idstr(), e.instanceId(),
        d.versionId(), header, data, end);
  }
}
