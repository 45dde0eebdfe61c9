package org.vmstate4j.engine.testing;

import static org.vmstate4j.engine.testing.Fields.scalar;

import org.vmstate4j.engine.codec.Codecs;
import org.vmstate4j.engine.model.VmStateDescription;
import org.vmstate4j.engine.model.VmStateField;
import org.vmstate4j.engine.model.VmsFlags;
import org.vmstate4j.engine.stream.MigrationStreams;
import org.vmstate4j.engine.stream.Registry;

/**
 * The nvme-lite model of autoalloc-nvme-security.md §2.6 at engine level: the device objects,
 * their descriptions, written with the engine's builders, and the reference's example state.
 * The model's one definition is the DSL's {@code org.vmstate4j.examples.NvmeLite}, which the
 * engine cannot depend on; {@link NvmeLiteStreamTest} keeps this twin writing its bytes.
 */
public final class NvmeLiteModel {
  private NvmeLiteModel() {}

  /** VMSTATE_VARRAY_OF_POINTER_TO_STRUCT_UINT32_ALLOC. */
  public static final int AUTO = VmsFlags.VARRAY_UINT32 | VmsFlags.POINTER
      | VmsFlags.ARRAY_OF_POINTER | VmsFlags.STRUCT | VmsFlags.ARRAY_OF_POINTER_AUTO_ALLOC;

  /** A submission queue, "nvme-lite-sq" v1 (24 bytes). */
  public static final class Sq {
    public int sqid;
    public int cqid;
    public int head;
    public int tail;
    public int size;
    public long dma_addr;

    public static Sq of(int sqid, int cqid, int head, int tail, int size, long dma) {
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

  /** A completion queue, "nvme-lite-cq" v1 (29 bytes). */
  public static final class Cq {
    public int phase;
    public int cqid;
    public int irq_enabled;
    public long head;
    public long tail;
    public long vector;
    public long size;
    public long dma_addr;

    public static Cq of(int phase, int cqid, int irq, long head, long tail, long vector,
        long size, long dma) {
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

  /** The controller, "nvme-lite" v1. */
  public static final class Ctrl {
    public int cc;
    public int csts;
    public int aqa;
    public long asq;
    public long acq;
    public int num_queues;
    public Sq[] sq;
    public Cq[] cq;
    /** Runtime state (decides whether the subsection is sent); not migrated itself. */
    public boolean dbbuf_enabled;
    public long dbbuf_dbs;
    public long dbbuf_eis;

    /** A controller as configured at realize: {@code n} empty queue slots. */
    public static Ctrl configured(int n) {
      Ctrl c = new Ctrl();
      c.num_queues = n;
      c.sq = new Sq[n];
      c.cq = new Cq[n];
      return c;
    }

    /** Sets the controller registers; returns this controller. */
    public Ctrl registers(int cc, int csts, int aqa, long asq, long acq) {
      this.cc = cc;
      this.csts = csts;
      this.aqa = aqa;
      this.asq = asq;
      this.acq = acq;
      return this;
    }

    /** Turns the doorbell buffer on with these addresses; returns this controller. */
    public Ctrl dbbuf(long dbs, long eis) {
      dbbuf_enabled = true;
      dbbuf_dbs = dbs;
      dbbuf_eis = eis;
      return this;
    }
  }

  public static final VmStateDescription SQ = VmStateDescription.builder("nvme-lite-sq")
      .versionId(1).minimumVersionId(1)
      .field(scalar(Sq.class, "sqid", Codecs.UINT16).build())
      .field(scalar(Sq.class, "cqid", Codecs.UINT16).build())
      .field(scalar(Sq.class, "head", Codecs.UINT32).build())
      .field(scalar(Sq.class, "tail", Codecs.UINT32).build())
      .field(scalar(Sq.class, "size", Codecs.UINT32).build())
      .field(scalar(Sq.class, "dma_addr", Codecs.UINT64).build())
      .build();

  public static final VmStateDescription CQ = VmStateDescription.builder("nvme-lite-cq")
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

  /**
   * "nvme-lite" v1 as in the reference: the subsection "nvme-lite/dbbuf" is sent while
   * {@code dbbuf_enabled}, and its post_load turns {@code dbbuf_enabled} on.
   */
  public static final VmStateDescription NVME_LITE = controller(true);

  /**
   * The same wire format and description without the post_load hook, so that a load changes
   * only migrated members: a rolled-back or dry-run load leaves the object exactly as it was.
   */
  public static final VmStateDescription NVME_LITE_NO_HOOKS = controller(false);

  private static VmStateDescription controller(boolean postLoad) {
    VmStateDescription.Builder dbbuf = VmStateDescription.builder("nvme-lite/dbbuf")
        .versionId(1).minimumVersionId(1)
        .needed(o -> ((Ctrl) o).dbbuf_enabled);
    if (postLoad) {
      dbbuf.postLoad((o, v) -> ((Ctrl) o).dbbuf_enabled = true);
    }
    dbbuf.field(scalar(Ctrl.class, "dbbuf_dbs", Codecs.UINT64).build())
        .field(scalar(Ctrl.class, "dbbuf_eis", Codecs.UINT64).build());
    return VmStateDescription.builder("nvme-lite")
        .versionId(1).minimumVersionId(1)
        .field(scalar(Ctrl.class, "cc", Codecs.UINT32).build())
        .field(scalar(Ctrl.class, "csts", Codecs.UINT32).build())
        .field(scalar(Ctrl.class, "aqa", Codecs.UINT32).build())
        .field(scalar(Ctrl.class, "asq", Codecs.UINT64).build())
        .field(scalar(Ctrl.class, "acq", Codecs.UINT64).build())
        .field(scalar(Ctrl.class, "num_queues", Codecs.UINT32_EQUAL).build())
        .field(queues("sq", SQ, 24, o -> new Sq()))
        .field(queues("cq", CQ, 29, o -> new Cq()))
        .subsection(dbbuf.build())
        .build();
  }

  private static VmStateField queues(String name, VmStateDescription element, int size,
      org.vmstate4j.engine.model.ElementFactory factory) {
    return VmStateField.builder(name).flags(AUTO).count(Access.member(Ctrl.class, "num_queues"))
        .vmsd(element).size(size).factory(factory).accessor(Access.field(Ctrl.class, name))
        .build();
  }

  /** The reference's example state (SQ0, SQ2, CQ0, CQ1 populated) with cc 0x460001, dbbuf on. */
  public static Ctrl example() {
    return example(0x460001, true);
  }

  /** The reference's example state: SQ0, SQ2, CQ0, CQ1 populated; dbbuf on or off. */
  public static Ctrl example(int cc, boolean dbbuf) {
    Ctrl c = Ctrl.configured(4).registers(cc, 1, 0x001f001f, 0x10000000L, 0x10001000L);
    c.sq[0] = Sq.of(0, 0, 3, 3, 32, 0x10000000L);
    c.sq[2] = Sq.of(2, 1, 0x10, 0x12, 1024, 0x7f000L);
    c.cq[0] = Cq.of(1, 0, 1, 3, 3, 0, 32, 0x10001000L);
    c.cq[1] = Cq.of(0, 1, 1, 0x3ff, 0, 1, 1024, 0x80000L);
    return dbbuf ? c.dbbuf(0x20000000L, 0x20001000L) : c;
  }

  /** A registry holding {@code ctrl} as 'nvme-lite' instance 0. */
  public static Registry registry(Ctrl ctrl) {
    Registry r = new Registry();
    r.register("nvme-lite", 0, NVME_LITE, ctrl);
    return r;
  }

  /** The whole stream (header, configuration, one FULL section, EOF, JSON) of {@code ctrl}. */
  public static byte[] stream(Ctrl ctrl) {
    return MigrationStreams.toBytes(registry(ctrl));
  }
}
