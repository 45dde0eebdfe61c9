package org.vmstate4j.engine.inspect;

import static org.vmstate4j.engine.testing.Fields.scalar;

import org.vmstate4j.engine.codec.Codecs;
import org.vmstate4j.engine.model.VmStateDescription;
import org.vmstate4j.engine.model.VmStateField;
import org.vmstate4j.engine.model.VmsFlags;
import org.vmstate4j.engine.stream.MigrationStreams;
import org.vmstate4j.engine.stream.Registry;
import org.vmstate4j.engine.testing.Access;

/** The nvme-lite model of autoalloc-nvme-security.md §2.6, for the inspect tests. */
final class NvmeLiteModel {
  private NvmeLiteModel() {}

  static final int AUTO = VmsFlags.VARRAY_UINT32 | VmsFlags.POINTER | VmsFlags.ARRAY_OF_POINTER
      | VmsFlags.STRUCT | VmsFlags.ARRAY_OF_POINTER_AUTO_ALLOC;

  static final class Sq {
    int sqid;
    int cqid;
    int head;
    int tail;
    int size;
    long dma_addr;

    static Sq of(int sqid, int cqid, int head, int tail, int size, long dma) {
      Sq s = new Sq();
      s.sqid = sqid;
      s.cqid = cqid;
      s.head = head;
      s.tail = tail;
      s.size = size;
      s.dma_addr = dma;
      return s;
    }
  }

  static final class Cq {
    int phase;
    int cqid;
    int irq_enabled;
    long head;
    long tail;
    long vector;
    long size;
    long dma_addr;

    static Cq of(int phase, int cqid, int irq, long head, long tail, long vector, long size,
        long dma) {
      Cq c = new Cq();
      c.phase = phase;
      c.cqid = cqid;
      c.irq_enabled = irq;
      c.head = head;
      c.tail = tail;
      c.vector = vector;
      c.size = size;
      c.dma_addr = dma;
      return c;
    }
  }

  static final class Ctrl {
    int cc;
    int csts;
    int aqa;
    long asq;
    long acq;
    int num_queues;
    Sq[] sq;
    Cq[] cq;
    boolean dbbuf_enabled;
    long dbbuf_dbs;
    long dbbuf_eis;

    /** A controller as configured at realize: {@code n} empty queue slots. */
    static Ctrl configured(int n) {
      Ctrl c = new Ctrl();
      c.num_queues = n;
      c.sq = new Sq[n];
      c.cq = new Cq[n];
      return c;
    }
  }

  static final VmStateDescription SQ = VmStateDescription.builder("nvme-lite-sq")
      .versionId(1).minimumVersionId(1)
      .field(scalar(Sq.class, "sqid", Codecs.UINT16).build())
      .field(scalar(Sq.class, "cqid", Codecs.UINT16).build())
      .field(scalar(Sq.class, "head", Codecs.UINT32).build())
      .field(scalar(Sq.class, "tail", Codecs.UINT32).build())
      .field(scalar(Sq.class, "size", Codecs.UINT32).build())
      .field(scalar(Sq.class, "dma_addr", Codecs.UINT64).build())
      .build();

  static final VmStateDescription CQ = VmStateDescription.builder("nvme-lite-cq")
      .versionId(1).minimumVersionId(1)
      .field(scalar(Cq.class, "phase", Codecs.UINT8).build())
      .field(scalar(Cq.class, "cqid", Codecs.UINT16).build())
      .field(scalar(Cq.class, "irq_enabled", Codecs.UINT16).build())
      .field(scalar(Cq.class, "head", Codecs.UINT32).build())
      .field(scalar(Cq.class, "tail", Codecs.UINT32).build())
      .field(scalar(Cq.class, "vector", Codecs.UINT32).build())
      .field(scalar(Cq.class, "size", Codecs.UINT32).build())
      .field(scalar(Cq.class, "dma_addr", Codecs.UINT64).build())
      .build();

  static final VmStateDescription DBBUF = VmStateDescription.builder("nvme-lite/dbbuf")
      .versionId(1).minimumVersionId(1)
      .needed(o -> ((Ctrl) o).dbbuf_enabled)
      .postLoad((o, v) -> ((Ctrl) o).dbbuf_enabled = true)
      .field(scalar(Ctrl.class, "dbbuf_dbs", Codecs.UINT64).build())
      .field(scalar(Ctrl.class, "dbbuf_eis", Codecs.UINT64).build())
      .build();

  static final VmStateDescription NVME_LITE = VmStateDescription.builder("nvme-lite")
      .versionId(1).minimumVersionId(1)
      .field(scalar(Ctrl.class, "cc", Codecs.UINT32).build())
      .field(scalar(Ctrl.class, "csts", Codecs.UINT32).build())
      .field(scalar(Ctrl.class, "aqa", Codecs.UINT32).build())
      .field(scalar(Ctrl.class, "asq", Codecs.UINT64).build())
      .field(scalar(Ctrl.class, "acq", Codecs.UINT64).build())
      .field(scalar(Ctrl.class, "num_queues", Codecs.UINT32_EQUAL).build())
      .field(VmStateField.builder("sq").flags(AUTO).count(Access.member(Ctrl.class, "num_queues"))
          .vmsd(SQ).size(24).factory(o -> new Sq()).accessor(Access.field(Ctrl.class, "sq"))
          .build())
      .field(VmStateField.builder("cq").flags(AUTO).count(Access.member(Ctrl.class, "num_queues"))
          .vmsd(CQ).size(29).factory(o -> new Cq()).accessor(Access.field(Ctrl.class, "cq"))
          .build())
      .subsection(DBBUF)
      .build();

  /** The reference's example state: SQ0, SQ2, CQ0, CQ1 populated; dbbuf on. */
  static Ctrl example() {
    Ctrl c = Ctrl.configured(4);
    c.cc = 0x460001;
    c.csts = 1;
    c.aqa = 0x001f001f;
    c.asq = 0x10000000L;
    c.acq = 0x10001000L;
    c.sq[0] = Sq.of(0, 0, 3, 3, 32, 0x10000000L);
    c.sq[2] = Sq.of(2, 1, 0x10, 0x12, 1024, 0x7f000L);
    c.cq[0] = Cq.of(1, 0, 1, 3, 3, 0, 32, 0x10001000L);
    c.cq[1] = Cq.of(0, 1, 1, 0x3ff, 0, 1, 1024, 0x80000L);
    c.dbbuf_enabled = true;
    c.dbbuf_dbs = 0x20000000L;
    c.dbbuf_eis = 0x20001000L;
    return c;
  }

  /** A registry holding {@code ctrl} as 'nvme-lite' instance 0. */
  static Registry registry(Ctrl ctrl) {
    Registry r = new Registry();
    r.register("nvme-lite", 0, NVME_LITE, ctrl);
    return r;
  }

  /** The whole stream (header, configuration, one FULL section, EOF, JSON) of {@code ctrl}. */
  static byte[] stream(Ctrl ctrl) {
    return MigrationStreams.toBytes(registry(ctrl));
  }
}
