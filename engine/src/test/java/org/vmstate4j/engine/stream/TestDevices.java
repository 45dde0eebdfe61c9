package org.vmstate4j.engine.stream;

import org.vmstate4j.engine.codec.Codec;
import org.vmstate4j.engine.codec.Codecs;
import org.vmstate4j.engine.model.MigrationPriority;
import org.vmstate4j.engine.model.VmStateDescription;
import org.vmstate4j.engine.model.VmStateField;
import org.vmstate4j.engine.model.VmsFlags;

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

  /** A submission queue, "nvme-lite-sq" v1 (24 bytes). */
  static final class Sq {
    char sqid;
    char cqid;
    int head;
    int tail;
    int size;
    long dmaAddr;

    Sq() {}

    Sq(int sqid, int cqid, int head, int tail, int size, long dmaAddr) {
      this.sqid = (char) sqid;
      this.cqid = (char) cqid;
      this.head = head;
      this.tail = tail;
      this.size = size;
      this.dmaAddr = dmaAddr;
    }
  }

  /** A completion queue, "nvme-lite-cq" v1 (29 bytes). */
  static final class Cq {
    byte phase;
    char cqid;
    char irqEnabled;
    int head;
    int tail;
    int vector;
    int size;
    long dmaAddr;

    Cq() {}

    Cq(int phase, int cqid, int vector, int size, long dmaAddr) {
      this.phase = (byte) phase;
      this.cqid = (char) cqid;
      this.irqEnabled = 1;
      this.vector = vector;
      this.size = size;
      this.dmaAddr = dmaAddr;
    }
  }

  /** The controller, "nvme-lite" v1. */
  static final class NvmeLite {
    int cc;
    int csts;
    int aqa;
    long asq;
    long acq;
    int numQueues;
    Sq[] sq;
    Cq[] cq;
    /** Runtime state (decides whether the subsection is sent); not migrated itself. */
    boolean dbbufEnabled;
    long dbbufDbs;
    long dbbufEis;

    NvmeLite(int numQueues) {
      this.numQueues = numQueues;
      this.sq = new Sq[numQueues];
      this.cq = new Cq[numQueues];
    }
  }

  static final VmStateDescription NVME_SQ = VmStateDescription.builder("nvme-lite-sq")
      .versionId(1).minimumVersionId(1)
      .field(scalar(Sq.class, "sqid", Codecs.UINT16))
      .field(scalar(Sq.class, "cqid", Codecs.UINT16))
      .field(scalar(Sq.class, "head", Codecs.UINT32))
      .field(scalar(Sq.class, "tail", Codecs.UINT32))
      .field(scalar(Sq.class, "size", Codecs.UINT32))
      .field(scalar(Sq.class, "dma_addr", "dmaAddr", Codecs.UINT64))
      .build();

  static final VmStateDescription NVME_CQ = VmStateDescription.builder("nvme-lite-cq")
      .versionId(1).minimumVersionId(1)
      .field(scalar(Cq.class, "phase", Codecs.UINT8))
      .field(scalar(Cq.class, "cqid", Codecs.UINT16))
      .field(scalar(Cq.class, "irq_enabled", "irqEnabled", Codecs.UINT16))
      .field(scalar(Cq.class, "head", Codecs.UINT32))
      .field(scalar(Cq.class, "tail", Codecs.UINT32))
      .field(scalar(Cq.class, "vector", Codecs.UINT32))
      .field(scalar(Cq.class, "size", Codecs.UINT32))
      .field(scalar(Cq.class, "dma_addr", "dmaAddr", Codecs.UINT64))
      .build();

  static final VmStateDescription NVME_DBBUF = VmStateDescription.builder("nvme-lite/dbbuf")
      .versionId(1).minimumVersionId(1)
      .needed(o -> ((NvmeLite) o).dbbufEnabled)
      .field(scalar(NvmeLite.class, "dbbuf_dbs", "dbbufDbs", Codecs.UINT64))
      .field(scalar(NvmeLite.class, "dbbuf_eis", "dbbufEis", Codecs.UINT64))
      .build();

  /** VMSTATE_VARRAY_OF_POINTER_TO_STRUCT_UINT32_ALLOC over {@code num_queues}. */
  static VmStateField queues(String name, VmStateDescription element, int size,
      org.vmstate4j.engine.model.ElementFactory factory) {
    return VmStateField.builder(name)
        .flags(VmsFlags.POINTER | VmsFlags.VARRAY_UINT32 | VmsFlags.ARRAY_OF_POINTER
            | VmsFlags.STRUCT | VmsFlags.ARRAY_OF_POINTER_AUTO_ALLOC)
        .vmsd(element).size(size).factory(factory)
        .count(Fields.ref(NvmeLite.class, "numQueues"))
        .accessor(Fields.of(NvmeLite.class, name))
        .build();
  }

  static final VmStateDescription NVME = VmStateDescription.builder("nvme-lite")
      .versionId(1).minimumVersionId(1)
      .field(scalar(NvmeLite.class, "cc", Codecs.UINT32))
      .field(scalar(NvmeLite.class, "csts", Codecs.UINT32))
      .field(scalar(NvmeLite.class, "aqa", Codecs.UINT32))
      .field(scalar(NvmeLite.class, "asq", Codecs.UINT64))
      .field(scalar(NvmeLite.class, "acq", Codecs.UINT64))
      .field(VmStateField.builder("num_queues").flags(VmsFlags.SINGLE)
          .codec(Codecs.UINT32_EQUAL).accessor(Fields.of(NvmeLite.class, "numQueues")).build())
      .field(queues("sq", NVME_SQ, 24, o -> new Sq()))
      .field(queues("cq", NVME_CQ, 29, o -> new Cq()))
      .subsection(NVME_DBBUF)
      .build();

  /** A controller with queues 0 and 2 of 4 populated and the dbbuf subsection on. */
  static NvmeLite nvme() {
    NvmeLite n = new NvmeLite(4);
    n.cc = 0x460001;
    n.csts = 1;
    n.aqa = 0x1f001f;
    n.asq = 0x12340000L;
    n.acq = 0x12350000L;
    n.sq[0] = new Sq(0, 0, 3, 7, 32, 0x12340000L);
    n.sq[2] = new Sq(2, 2, 1, 1, 1024, 0x7fff_0000_1000L);
    n.cq[0] = new Cq(1, 0, 0, 32, 0x12350000L);
    n.cq[2] = new Cq(0, 2, 2, 1024, 0x7fff_0000_2000L);
    n.dbbufEnabled = true;
    n.dbbufDbs = 0xabc000L;
    n.dbbufEis = 0xabd000L;
    return n;
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
