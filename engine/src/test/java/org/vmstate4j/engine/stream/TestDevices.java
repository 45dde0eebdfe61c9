package org.vmstate4j.engine.stream;

import org.vmstate4j.engine.codec.Codec;
import org.vmstate4j.engine.codec.Codecs;
import org.vmstate4j.engine.model.MigrationPriority;
import org.vmstate4j.engine.model.VmStateDescription;
import org.vmstate4j.engine.model.VmStateField;
import org.vmstate4j.engine.model.VmsFlags;
import org.vmstate4j.engine.testing.NvmeLiteModel;
import org.vmstate4j.engine.testing.NvmeLiteModel.Cq;
import org.vmstate4j.engine.testing.NvmeLiteModel.Ctrl;
import org.vmstate4j.engine.testing.NvmeLiteModel.Sq;

/** Test devices and their descriptions, written with the engine's builders. */
final class TestDevices {
  private TestDevices() {}

  static VmStateField scalar(Class<?> owner, String name, Codec codec) {
    return scalar(owner, name, name, codec);
  }

  /** A single field named {@code name} on the wire, stored in {@code member}. */
  static VmStateField scalar(Class<?> owner, String name, String member, Codec codec) {
    return VmStateField.builder(name).flags(VmsFlags.SINGLE).codec(codec)
        .accessor(Fields.of(owner, member)).build();
  }

  // ------------------------------------------------------------------ nvme-lite

  /**
   * A controller with queues 0 and 2 of 4 populated and the dbbuf subsection on, for
   * {@link NvmeLiteModel#NVME_LITE_NO_HOOKS}.
   */
  static Ctrl nvme() {
    Ctrl n = Ctrl.configured(4).registers(0x460001, 1, 0x1f001f, 0x12340000L, 0x12350000L);
    n.sq[0] = Sq.of(0, 0, 3, 7, 32, 0x12340000L);
    n.sq[2] = Sq.of(2, 2, 1, 1, 1024, 0x7fff_0000_1000L);
    n.cq[0] = Cq.of(1, 0, 1, 0, 0, 0, 32, 0x12350000L);
    n.cq[2] = Cq.of(0, 2, 1, 0, 0, 2, 1024, 0x7fff_0000_2000L);
    return n.dbbuf(0xabc000L, 0xabd000L);
  }

  // ------------------------------------------------------------------ timer (as in QEMU)

  static final class Timer {
    long cpuTicksOffset;
    long cpuClockOffset;
  }

  static final VmStateDescription TIMER = VmStateDescription.builder("timer")
      .versionId(2).minimumVersionId(1)
      .field(scalar(Timer.class, "cpu_ticks_offset", "cpuTicksOffset", Codecs.INT64))
      .field(VmStateField.builder("unused").flags(VmsFlags.BUFFER)
          .codec(Codecs.UNUSED_BUFFER).size(8).build())
      .field(scalar(Timer.class, "cpu_clock_offset", "cpuClockOffset", Codecs.INT64))
      .build();

  // ------------------------------------------------------------------ a PIC-like device

  static final class Pic {
    byte[] regs = new byte[4];
    boolean elcr;
  }

  static final VmStateDescription PIC = VmStateDescription.builder("pic")
      .versionId(1).minimumVersionId(1)
      .field(VmStateField.builder("regs").flags(VmsFlags.ARRAY).num(4).codec(Codecs.UINT8)
          .accessor(Fields.of(Pic.class, "regs")).build())
      .field(scalar(Pic.class, "elcr", Codecs.BOOL))
      .build();

  // ------------------------------------------------------------------ a bus, saved first

  static final class Bus {
    int nirq = 4;
    int[] irqCount = new int[4];
    byte[] name = new byte[8];
  }

  static final VmStateDescription BUS = VmStateDescription.builder("bus")
      .versionId(3).minimumVersionId(2).priority(MigrationPriority.PCI_BUS)
      .field(VmStateField.builder("nirq").flags(VmsFlags.SINGLE).codec(Codecs.INT32_EQUAL)
          .accessor(Fields.of(Bus.class, "nirq")).build())
      .field(VmStateField.builder("irq_count").flags(VmsFlags.ARRAY).num(4)
          .codec(Codecs.INT32).accessor(Fields.of(Bus.class, "irqCount")).build())
      .field(VmStateField.builder("name").flags(VmsFlags.BUFFER).size(8).versionId(3)
          .codec(Codecs.BUFFER).accessor(Fields.of(Bus.class, "name")).build())
      .build();

  // ------------------------------------------------------------------ never needed

  static final class Idle {
    int value = 7;
  }

  static final VmStateDescription IDLE = VmStateDescription.builder("idle")
      .versionId(1).needed(o -> false)
      .field(scalar(Idle.class, "value", Codecs.UINT32))
      .build();

  // ------------------------------------------------------------------ one byte (port92)

  static final class OneByte {
    byte value;
  }

  static VmStateDescription oneByte(String vmsdName, String field) {
    return VmStateDescription.builder(vmsdName).versionId(1)
        .field(VmStateField.builder(field).flags(VmsFlags.SINGLE).codec(Codecs.UINT8)
            .accessor(Fields.of(OneByte.class, "value")).build())
        .build();
  }
}
