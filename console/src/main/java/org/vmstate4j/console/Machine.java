package org.vmstate4j.console;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 *
 * <p>A load fills its destination objects, and QEMU loads a stream into a fresh destination
 * only (an AUTO_ALLOC slot must be empty): a later load into a device whose object an earlier
 * load filled goes into a new object of the same class, which then replaces the registration.
 */
public final class Machine {
  /** One registered device. */
  public record Device(String idstr, int instanceId, VmStateDescription description, Object object) {
    /** {@code idstr} or {@code idstr#instance} for instances other than 0. */
    public String label() {
      return instanceId == 0 ? idstr : idstr + "#" + instanceId;
    }
  }

  /**
   * The destinations of a load: a registry, and the devices it holds new objects for because an
   * earlier load filled the registered ones.
   */
  record Destinations(Registry registry, Map<String, Device> renewed) {}

  /** What {@link #load} did, and the devices it loaded into new objects. */
  record Loaded(LoadResult result, List<Device> renewed) {}

  private final Map<String, Device> devices = new LinkedHashMap<>();
  /** Objects an earlier load filled: not fresh destinations any more. */
  private final Set<Object> filled = Collections.newSetFromMap(new IdentityHashMap<>());
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
    filled.clear();
    name = Registry.DEFAULT_MACHINE;
  }

  /** The object registered as {@code label} ({@code idstr}, or {@code idstr#instance}). */
  public synchronized Object device(String label) {
    Device d = devices.get(label);
    if (d == null) {
      throw new IllegalArgumentException("no device '" + label + "' (registered: "
          + String.join(", ", devices.keySet()) + ")");
    }
    return d.object();
  }

  /** The registered devices whose objects an earlier load filled. */
  synchronized List<Device> filledDevices() {
    return devices.values().stream().filter(d -> filled.contains(d.object())).toList();
  }

  /**
   * Every registered device as a destination: the registered object, or a new one of its class
   * where an earlier load filled it.
   */
  synchronized Destinations destinations() {
    Registry r = new Registry(name);
    Map<String, Device> renewed = new LinkedHashMap<>();
    for (Device d : devices.values()) {
      Device target = d;
      if (filled.contains(d.object())) {
        target = new Device(d.idstr(), d.instanceId(), d.description(), fresh(d));
        renewed.put(d.label(), target);
      }
      r.register(target.idstr(), target.instanceId(), target.description(), target.object());
    }
    return new Destinations(r, renewed);
  }

  private static Object fresh(Device d) {
    Class<?> type = d.object().getClass();
    try {
      Constructor<?> constructor = type.getDeclaredConstructor();
      constructor.setAccessible(true);
      return constructor.newInstance();
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalStateException(d.label() + ": an earlier load filled its "
          + type.getSimpleName() + ", and a stream loads into a fresh one only, but "
          + type.getSimpleName() + " has no usable constructor without arguments: register a"
          + " new one with register(\"" + d.idstr() + "\", VMSD, new " + type.getSimpleName()
          + "(...))");
    }
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

  /**
   * Loads {@code file} into the registered devices, all or nothing; devices an earlier load
   * filled are loaded into new objects, which replace them once the whole stream loaded.
   */
  synchronized Loaded load(Path file, boolean skipUnknown, @Nullable Progress progress)
      throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("no such file: " + file);
    }
    ReadOptions options = ReadOptions.DEFAULT.withSkipUnknown(skipUnknown).withProgress(progress);
    Destinations to = destinations();
    LoadResult result = MigrationStreams.load(to.registry(), file, options);
    Set<Object> absent = Collections.newSetFromMap(new IdentityHashMap<>());
    result.absent().forEach(e -> absent.add(e.object()));
    List<Device> renewed = new ArrayList<>();
    for (Registry.Entry e : to.registry().entries()) {
      if (absent.contains(e.object())) {
        continue;
      }
      filled.add(e.object());
      String label = e.instanceId() == 0 ? e.idstr() : e.idstr() + "#" + e.instanceId();
      Device d = to.renewed().get(label);
      if (d != null) {
        devices.put(label, d);
        renewed.add(d);
      }
    }
    return new Loaded(result, renewed);
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
