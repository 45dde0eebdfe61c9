package org.vmstate4j.dsl;

import static org.vmstate4j.dsl.VmsdDsl.field;
import static org.vmstate4j.dsl.VmsdDsl.vmsd;

import java.util.Arrays;
import java.util.Objects;
import org.vmstate4j.engine.model.VmStateDescription;

/** The reference's nvme-lite model: a controller with sparse submission/completion queues. */
public final class NvmeLite {
  private NvmeLite() {}

  public static final class Sq {
    public short sqid;
    public short cqid;
    public int head;
    public int tail;
    public int size;
    public long dmaAddr;

    public static final VmStateDescription VMSD = vmsd("nvme-lite-sq", Sq.class)
        .version(1)
        .fields(
            field("sqid").uint16(),
            field("cqid").uint16(),
            field("head").uint32(),
            field("tail").uint32(),
            field("size").uint32(),
            field("dma_addr").uint64())
        .build();

    public static Sq of(int sqid, int cqid, int head, int tail, int size, long dma) {
      Sq s = new Sq();
      s.sqid = (short) sqid;
      s.cqid = (short) cqid;
      s.head = head;
      s.tail = tail;
      s.size = size;
      s.dmaAddr = dma;
      return s;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Sq && sqid == ((Sq) o).sqid && cqid == ((Sq) o).cqid
          && head == ((Sq) o).head && tail == ((Sq) o).tail && size == ((Sq) o).size
          && dmaAddr == ((Sq) o).dmaAddr;
    }

    @Override
    public int hashCode() {
      return Objects.hash(sqid, cqid, head, tail, size, dmaAddr);
    }
  }

  public static final class Cq {
    public byte phase;
    public short cqid;
    public short irqEnabled;
    public int head;
    public int tail;
    public int vector;
    public int size;
    public long dmaAddr;

    public static final VmStateDescription VMSD = vmsd("nvme-lite-cq", Cq.class)
        .version(1)
        .fields(
            field("phase").uint8(),
            field("cqid").uint16(),
            field("irq_enabled").uint16(),
            field("head").uint32(),
            field("tail").uint32(),
            field("vector").uint32(),
            field("size").uint32(),
            field("dma_addr").uint64())
        .build();

    public static Cq of(int phase, int cqid, int irq, int head, int tail, int vector, int size,
        long dma) {
      Cq c = new Cq();
      c.phase = (byte) phase;
      c.cqid = (short) cqid;
      c.irqEnabled = (short) irq;
      c.head = head;
      c.tail = tail;
      c.vector = vector;
      c.size = size;
      c.dmaAddr = dma;
      return c;
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof Cq)) {
        return false;
      }
      Cq c = (Cq) o;
      return phase == c.phase && cqid == c.cqid && irqEnabled == c.irqEnabled && head == c.head
          && tail == c.tail && vector == c.vector && size == c.size && dmaAddr == c.dmaAddr;
    }

    @Override
    public int hashCode() {
      return Objects.hash(phase, cqid, head, tail, vector, size, dmaAddr);
    }
  }

  /** The controller; subclasses add checks (see the safety tests). */
  public static class Ctrl {
    public int cc;
    public int csts;
    public int aqa;
    public long asq;
    public long acq;
    public int numQueues;
    public Sq[] sq;
    public Cq[] cq;
    public boolean dbbufEnabled;
    public long dbbufDbs;
    public long dbbufEis;

    public Ctrl(int n) {
      numQueues = n;
      sq = new Sq[n];
      cq = new Cq[n];
    }

    public static final VmStateDescription DBBUF = vmsd("nvme-lite/dbbuf", Ctrl.class)
        .version(1)
        .needed(c -> c.dbbufEnabled)
        .fields(field("dbbuf_dbs").uint64(), field("dbbuf_eis").uint64())
        .build();

    /** The controller's fields in wire order (new specs on every call). */
    public static org.vmstate4j.dsl.FieldSpec[] fields() {
      return new org.vmstate4j.dsl.FieldSpec[] {
        field("cc").uint32(),
        field("csts").uint32(),
        field("aqa").uint32(),
        field("asq").uint64(),
        field("acq").uint64(),
        field("num_queues").uint32Equal(),
        field("sq").varrayUint32("num_queues").ofPointers().autoAlloc(Sq.VMSD),
        field("cq").varrayUint32("num_queues").ofPointers().autoAlloc(Cq.VMSD)
      };
    }

    public static final VmStateDescription VMSD = vmsd("nvme-lite", Ctrl.class)
        .version(1)
        .factory(() -> new Ctrl(4))
        .fields(fields())
        .subsections(DBBUF)
        .build();

    /** The reference's example state: 4 slots, SQ0/SQ2 and CQ0/CQ1 populated. */
    public static Ctrl example() {
      return example(new Ctrl(4));
    }

    /** Fills a 4-slot controller with the example state. */
    public static <C extends Ctrl> C example(C c) {
      c.cc = 0x460001;
      c.csts = 1;
      c.aqa = 0x1f001f;
      c.asq = 0x10000000L;
      c.acq = 0x10001000L;
      c.sq[0] = Sq.of(0, 0, 3, 3, 32, 0x10000000L);
      c.sq[2] = Sq.of(2, 1, 0x10, 0x12, 1024, 0x7f000L);
      c.cq[0] = Cq.of(1, 0, 1, 3, 3, 0, 32, 0x10001000L);
      c.cq[1] = Cq.of(0, 1, 1, 0x3ff, 0, 1, 1024, 0x80000L);
      return c;
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof Ctrl)) {
        return false;
      }
      Ctrl c = (Ctrl) o;
      return cc == c.cc && csts == c.csts && aqa == c.aqa && asq == c.asq && acq == c.acq
          && numQueues == c.numQueues && Arrays.equals(sq, c.sq) && Arrays.equals(cq, c.cq)
          && dbbufEnabled == c.dbbufEnabled && dbbufDbs == c.dbbufDbs
          && dbbufEis == c.dbbufEis;
    }

    @Override
    public int hashCode() {
      return Objects.hash(cc, numQueues);
    }
  }
}
