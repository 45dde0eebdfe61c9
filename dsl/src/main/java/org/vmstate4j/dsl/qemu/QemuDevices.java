package org.vmstate4j.dsl.qemu;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.model.VmStateDescription;

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
   * holding its state with a way to make a fresh one.
   *
   * @param <T> the state class
   */
  public record Device<T>(
      String idstr, VmStateDescription vmsd, Class<T> type, Supplier<T> factory) {
    public Device {
      Objects.requireNonNull(idstr, "idstr");
      Objects.requireNonNull(vmsd, "vmsd");
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(factory, "factory");
    }

    /** A fresh state object. */
    public T newState() {
      return factory.get();
    }
  }

  private static final Map<String, Device<?>> ALL = build();

  private static Map<String, Device<?>> build() {
    Map<String, Device<?>> m = new LinkedHashMap<>();
    add(m, "timer", Timers.VMSD, Timers.class, Timers::new);
    add(m, "cpu_common", CpuCommon.VMSD, CpuCommon.class, CpuCommon::new);
    add(m, "fw_cfg", FwCfg.VMSD, FwCfg.class, FwCfg::new);
    add(m, "PCIHost", PciHost.VMSD, PciHost.class, PciHost::new);
    add(m, "PCIBUS", PciBus.VMSD, PciBus.class, PciBus::new);
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
