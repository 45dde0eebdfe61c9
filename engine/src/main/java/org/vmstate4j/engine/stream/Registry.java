package org.vmstate4j.engine.stream;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.model.VmStateDescription;

/**
 * The devices of one machine, QEMU's savevm handler list: each entry has an id string, an
 * instance id, a section id, a description and the object holding the state.
 *
 * <p>Section ids are handed out in registration order (0, 1, 2, …) as QEMU does; devices are
 * saved in descending {@link org.vmstate4j.engine.model.MigrationPriority}, then registration
 * order. Not thread-safe.
 *
 * <pre>{@code
 * Registry r = new Registry("pc-i440fx-7.2");
 * r.register("nvme-lite", 0, NvmeLite.VMSD, ctrl);
 * r.register("timer", 0, Timer.VMSD, timer);
 * MigrationStreams.save(r, Path.of("vm.mig"));
 * }</pre>
 */
public final class Registry {
  /** Machine name used when none is given. */
  public static final String DEFAULT_MACHINE = "vmstate4j";

  private final String machineName;
  private final List<Entry> entries = new ArrayList<>();
  private final Map<Key, Entry> byKey = new HashMap<>();
  private final Map<Integer, Entry> bySection = new HashMap<>();
  private int nextSectionId;
  private List<SectionInfo> skippedOnLoad = List.of();

  /** A registry for a machine named {@value #DEFAULT_MACHINE}. */
  public Registry() {
    this(DEFAULT_MACHINE);
  }

  /** A registry for the machine {@code machineName} (the name the configuration section carries). */
  public Registry(String machineName) {
    this.machineName = Objects.requireNonNull(machineName, "machineName");
  }

  /** The machine name written to (and expected in) the configuration section. */
  public String machineName() {
    return machineName;
  }

  /** Registers a device whose id string is its description's name, instance 0. */
  public Entry register(VmStateDescription description, Object object) {
    return register(description.name(), 0, description, object);
  }

  /**
   * Registers a device with the next free instance id for {@code idstr} (QEMU's
   * calculate_new_instance_id: one more than the highest so far, else 0).
   */
  public Entry register(String idstr, VmStateDescription description, Object object) {
    int next = 0;
    for (Entry e : entries) {
      if (e.idstr.equals(idstr)) {
        next = Math.max(next, e.instanceId + 1);
      }
    }
    return register(idstr, next, description, object);
  }

  /** Registers a device; it gets the next section id. */
  public Entry register(
      String idstr, int instanceId, VmStateDescription description, Object object) {
    return add(nextSectionId, idstr, instanceId, description, object);
  }

  /**
   * Registers a device with an explicit section id, e.g. to reproduce the section ids of a
   * QEMU machine; later automatic ids continue after the highest id used.
   */
  public Entry registerWithSectionId(int sectionId, String idstr, int instanceId,
      VmStateDescription description, Object object) {
    if (sectionId < 0) {
      throw new IllegalArgumentException("negative section id " + sectionId);
    }
    return add(sectionId, idstr, instanceId, description, object);
  }

  private Entry add(int sectionId, String idstr, int instanceId,
      VmStateDescription description, Object object) {
    Objects.requireNonNull(idstr, "idstr");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(object, "object");
    int len = idstr.getBytes(StandardCharsets.UTF_8).length;
    if (len == 0 || len > 255) {
      throw new IllegalArgumentException(
          "an id string needs 1 to 255 bytes: '" + idstr + "' has " + len);
    }
    Key key = new Key(idstr, instanceId);
    if (byKey.containsKey(key)) {
      throw new IllegalArgumentException(byKey.get(key).label() + " is already registered");
    }
    if (bySection.containsKey(sectionId)) {
      throw new IllegalArgumentException("section id " + sectionId + " is already used by "
          + bySection.get(sectionId).label());
    }
    Entry e = new Entry(sectionId, idstr, instanceId, description, object, entries.size());
    entries.add(e);
    byKey.put(key, e);
    bySection.put(sectionId, e);
    nextSectionId = Math.max(nextSectionId, sectionId + 1);
    return e;
  }

  /** Every entry, in registration order. */
  public List<Entry> entries() {
    return Collections.unmodifiableList(entries);
  }

  /**
   * Entries in the order their sections are written: early-setup descriptions first, then by
   * descending priority, then registration order.
   */
  public List<Entry> saveOrder() {
    List<Entry> order = new ArrayList<>(entries);
    order.sort(Comparator.comparing((Entry e) -> !e.description.earlySetup())
        .thenComparing(e -> -e.description.priority().effective())
        .thenComparingInt(e -> e.order));
    return order;
  }

  /** The entry for {@code idstr} and {@code instanceId}, or null. */
  public @Nullable Entry find(String idstr, int instanceId) {
    return byKey.get(new Key(idstr, instanceId));
  }

  /** The entry with section id {@code sectionId}, or null. */
  public @Nullable Entry bySectionId(int sectionId) {
    return bySection.get(sectionId);
  }

  /**
   * The sections the last load into this registry skipped (unregistered devices, RAM, ...), in
   * stream order, each section once; empty when nothing was skipped or nothing was loaded. A
   * save of this registry would not contain them, so {@link StreamWriter} refuses to save unless
   * asked for a devices-only stream ({@link WriteOptions#withDevicesOnly}).
   */
  public List<SectionInfo> skippedOnLoad() {
    return skippedOnLoad;
  }

  /** Records what a committed load skipped (each section id once). */
  void loaded(List<LoadResult.Skipped> skipped) {
    Map<Integer, SectionInfo> once = new java.util.LinkedHashMap<>();
    for (LoadResult.Skipped k : skipped) {
      once.putIfAbsent(k.section().sectionId(), k.section());
    }
    skippedOnLoad = List.copyOf(once.values());
  }

  /** Number of entries. */
  public int size() {
    return entries.size();
  }

  /** {@code 'idstr' instance} of every entry, for messages. */
  String describeEntries() {
    if (entries.isEmpty()) {
      return "no devices are registered";
    }
    StringBuilder sb = new StringBuilder("registered: ");
    for (int i = 0; i < entries.size(); i++) {
      sb.append(i == 0 ? "" : ", ").append(entries.get(i).label());
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return "Registry " + machineName + " (" + describeEntries() + ")";
  }

  private record Key(String idstr, int instanceId) {}

  /** One registered device. */
  public static final class Entry {
    private final int sectionId;
    private final String idstr;
    private final int instanceId;
    private final VmStateDescription description;
    private final Object object;
    private final int order;

    Entry(int sectionId, String idstr, int instanceId, VmStateDescription description,
        Object object, int order) {
      this.sectionId = sectionId;
      this.idstr = idstr;
      this.instanceId = instanceId;
      this.description = description;
      this.object = object;
      this.order = order;
    }

    public int sectionId() {
      return sectionId;
    }

    public String idstr() {
      return idstr;
    }

    /** Instance id (unsigned 32-bit on the wire). */
    public int instanceId() {
      return instanceId;
    }

    public VmStateDescription description() {
      return description;
    }

    /** The object whose state is saved and loaded. */
    public Object object() {
      return object;
    }

    /** {@code 'idstr' instance}, as messages name a device. */
    public String label() {
      return "'" + idstr + "' " + Integer.toUnsignedString(instanceId);
    }

    @Override
    public String toString() {
      return label() + " (section " + sectionId + ", " + description.name() + " v"
          + description.versionId() + ")";
    }
  }
}
