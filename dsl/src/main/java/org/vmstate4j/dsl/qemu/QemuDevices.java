package org.vmstate4j.dsl.qemu;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.model.VmStateDescription;
import org.vmstate4j.engine.stream.Registry;
import org.vmstate4j.engine.wire.PartKind;
import org.vmstate4j.engine.wire.StreamWalker;
import org.vmstate4j.engine.wire.WirePart;

/**
 * The QEMU 7.2 descriptions of this package by section id string, for registering devices with
 * a stream registry or looking up how to decode a section.
 *
 * <pre>{@code
 * for (QemuDevices.Device<?> d : QemuDevices.all().values()) {
 *   registry.register(d.idstr(), 0, d.vmsd(), d.newState());
 * }
 * QemuDevices.Device<?> pit = QemuDevices.get("i8254");
 * }</pre>
 *
 * <p>A machine may hold several instances of one id string (two {@code i8259}, one
 * {@code serial} per port, one {@code cpu_common} per CPU); each instance needs its own object
 * from {@link Device#newState()}.
 */
public final class QemuDevices {
  private QemuDevices() {}

  /**
   * One description: the id string QEMU registers it under, the description, and the class
   * holding its state with ways to make a fresh one (for any machine, or for a machine type when
   * the state's shape depends on it, as PCIBUS's interrupt line count does).
   *
   * @param <T> the state class
   */
  public record Device<T>(String idstr, VmStateDescription vmsd, Class<T> type,
      Supplier<T> factory, Function<String, T> machineFactory) {
    public Device {
      Objects.requireNonNull(idstr, "idstr");
      Objects.requireNonNull(vmsd, "vmsd");
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(factory, "factory");
      Objects.requireNonNull(machineFactory, "machineFactory");
    }

    /** A description whose state does not depend on the machine type. */
    public Device(String idstr, VmStateDescription vmsd, Class<T> type, Supplier<T> factory) {
      this(idstr, vmsd, type, factory, machine -> factory.get());
    }

    /** A fresh state object (for pc-i440fx where the machine matters). */
    public T newState() {
      return factory.get();
    }

    /**
     * A fresh state object for the machine type a stream's configuration section names, e.g.
     * {@code pc-q35-7.2}: PCIBUS gets 8 interrupt lines there, 4 on pc-i440fx.
     */
    public T newState(String machineType) {
      return machineFactory.apply(machineType);
    }
  }

  private static final Map<String, Device<?>> ALL = build();

  private static Map<String, Device<?>> build() {
    Map<String, Device<?>> m = new LinkedHashMap<>();
    add(m, "timer", Timers.VMSD, Timers.class, Timers::new);
    add(m, "cpu_common", CpuCommon.VMSD, CpuCommon.class, CpuCommon::new);
    add(m, "fw_cfg", FwCfg.VMSD, FwCfg.class, FwCfg::new);
    add(m, "PCIHost", PciHost.VMSD, PciHost.class, PciHost::new);
    m.put("PCIBUS", new Device<>("PCIBUS", PciBus.VMSD, PciBus.class, PciBus::new,
        PciBus::forMachine));
    add(m, "i8259", I8259.VMSD, I8259.class, I8259::new);
    add(m, "mc146818rtc", Mc146818Rtc.VMSD, Mc146818Rtc.class, Mc146818Rtc::new);
    add(m, "i8254", Pit.VMSD, Pit.class, Pit::new);
    add(m, "pcspk", PcSpk.VMSD, PcSpk.class, PcSpk::new);
    add(m, "port92", Port92.VMSD, Port92.class, Port92::new);
    add(m, "acpi_build", AcpiBuild.VMSD, AcpiBuild.class, AcpiBuild::new);
    add(m, "globalstate", GlobalState.VMSD, GlobalState.class, GlobalState::new);
    add(m, "serial", IsaSerial.VMSD, IsaSerial.class, IsaSerial::new);
    return Collections.unmodifiableMap(m);
  }

  private static <T> void add(Map<String, Device<?>> m, String idstr, VmStateDescription vmsd,
      Class<T> type, Supplier<T> factory) {
    m.put(idstr, new Device<>(idstr, vmsd, type, factory));
  }

  /**
   * Every description by id string: first in the order pc-min.mig (pc-i440fx-7.2 with
   * {@code -nodefaults}) sends them, then {@code serial}, which that machine lacks.
   */
  public static Map<String, Device<?>> all() {
    return ALL;
  }

  /**
   * A registry for the stream in {@code file}: named after the machine type of its configuration
   * section, with a fresh state object ({@link Device#newState(String)}, so a q35 stream gets
   * an 8-line PCIBUS) for every section of the stream this catalog describes, under the
   * section's own id string, instance id and section id. Load it with
   * {@code ReadOptions.withSkipUnknown(true)} (the other sections are skipped), or use it for a
   * typed {@code StreamEdit}.
   */
  public static Registry registryFor(Path file) throws IOException {
    String[] machine = {Registry.DEFAULT_MACHINE};
    List<WirePart> headers = new ArrayList<>();
    StreamWalker.walk(file, p -> {
      if (p.kind() == PartKind.CONFIGURATION) {
        machine[0] = p.name();
      } else if (p.kind() == PartKind.SECTION_FULL || p.kind() == PartKind.SECTION_START) {
        headers.add(p);
      }
    });
    Registry r = new Registry(machine[0]);
    for (WirePart h : headers) {
      Device<?> d = ALL.get(h.name());
      if (d != null && r.find(h.name(), (int) h.instanceId()) == null) {
        r.registerWithSectionId((int) h.sectionId(), h.name(), (int) h.instanceId(), d.vmsd(),
            d.newState(machine[0]));
      }
    }
    return r;
  }

  /** The description registered under {@code idstr}, or null. */
  public static @Nullable Device<?> find(String idstr) {
    return ALL.get(idstr);
  }

  /** The description registered under {@code idstr}; fails when there is none. */
  public static Device<?> get(String idstr) {
    Device<?> d = ALL.get(idstr);
    if (d == null) {
      throw new IllegalArgumentException("no QEMU description for id string '" + idstr
          + "' (known: " + String.join(", ", ALL.keySet()) + ")");
    }
    return d;
  }
}
