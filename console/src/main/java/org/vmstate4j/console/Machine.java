package org.vmstate4j.console;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.io.VmOutput;
import org.vmstate4j.engine.json.VmDescWriter;
import org.vmstate4j.engine.model.VmStateDescription;
import org.vmstate4j.engine.state.VmState;
import org.vmstate4j.engine.stream.LoadResult;
import org.vmstate4j.engine.stream.MigrationStreams;
import org.vmstate4j.engine.stream.Progress;
import org.vmstate4j.engine.stream.ReadOptions;
import org.vmstate4j.engine.stream.Registry;
import org.vmstate4j.engine.stream.SaveResult;
import org.vmstate4j.engine.stream.WriteOptions;
import tools.jackson.databind.json.JsonMapper;

/**
 * The devices of the console session. Registering a device again replaces it, so a snippet can
 * be re-run after a class is redefined; streams are written and read through a fresh engine
 * {@link Registry} built from the current devices.
 */
public final class Machine {
  /** One registered device. */
  public record Device(String idstr, int instanceId, VmStateDescription description, Object object) {
    /** {@code idstr} or {@code idstr#instance} for instances other than 0. */
    public String label() {
      return instanceId == 0 ? idstr : idstr + "#" + instanceId;
    }
  }

  private final Map<String, Device> devices = new LinkedHashMap<>();
  private String name = Registry.DEFAULT_MACHINE;

  /** The machine type name written into and checked in streams. */
  public synchronized String name() {
    return name;
  }

  /** Sets the machine type name (e.g. {@code pc-i440fx-7.2} to load a QEMU stream). */
  public synchronized void name(String machineName) {
    this.name = machineName;
  }

  public synchronized void register(
      String idstr, int instanceId, VmStateDescription description, Object object) {
    Device d = new Device(idstr, instanceId, description, object);
    devices.put(d.label(), d);
  }

  public synchronized List<Device> devices() {
    return List.copyOf(devices.values());
  }

  public synchronized void clear() {
    devices.clear();
    name = Registry.DEFAULT_MACHINE;
  }

  /** An engine registry of the named devices (all when none are named). */
  public synchronized Registry registry(List<String> only) {
    Registry r = new Registry(name);
    List<Device> chosen = new ArrayList<>();
    if (only.isEmpty()) {
      chosen.addAll(devices.values());
    } else {
      for (String label : only) {
        Device d = devices.get(label);
        if (d == null) {
          throw new IllegalArgumentException("no device '" + label + "' (registered: "
              + String.join(", ", devices.keySet()) + ")");
        }
        chosen.add(d);
      }
    }
    for (Device d : chosen) {
      r.register(d.idstr(), d.instanceId(), d.description(), d.object());
    }
    return r;
  }

  SaveResult save(Path file, List<String> only, @Nullable Progress progress) throws IOException {
    Registry r = registry(only);
    if (r.size() == 0) {
      throw new IllegalStateException("no devices registered: use register(idstr, VMSD, object)");
    }
    return MigrationStreams.save(r, file, WriteOptions.DEFAULT.withProgress(progress));
  }

  LoadResult load(Path file, boolean skipUnknown, @Nullable Progress progress)
      throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("no such file: " + file);
    }
    ReadOptions options = ReadOptions.DEFAULT.withSkipUnknown(skipUnknown).withProgress(progress);
    return MigrationStreams.load(registry(List.of()), file, options);
  }

  /** The JSON description QEMU would write for the device now, indented for reading. */
  String describe(String label) {
    Device d;
    synchronized (this) {
      d = devices.get(label);
    }
    if (d == null) {
      throw new IllegalArgumentException("no device '" + label + "'");
    }
    VmDescWriter json = VmDescWriter.inMemory();
    json.beginObject();
    json.string("name", d.idstr());
    json.number("instance_id", d.instanceId());
    VmState.save(d.description(), d.object(), VmOutput.inMemory(), json);
    json.endObject();
    JsonMapper mapper = JsonMapper.shared();
    return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(mapper.readTree(json.toJson()));
  }
}
