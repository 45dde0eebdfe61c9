package org.vmstate4j.dsl.safety;

import static org.vmstate4j.dsl.Vmstate.field;
import static org.vmstate4j.dsl.Vmstate.vmsd;

import org.vmstate4j.engine.VmStateLoadException;
import org.vmstate4j.engine.model.VmStateDescription;

/**
 * The reference's nvme-lite (§2.6) with the semantic checks of §2.5 in a post_load hook: queue
 * identities, completion-queue references, sizes and ring indices are checked before the
 * controller would use them, and a failing check names the field ({@code sq[2]/cqid}).
 */
final class SafeNvme {
  private SafeNvme() {}

  /** Largest queue size (MQES + 1). */
  static final int MAX_QUEUE_SIZE = 4096;
  /** Interrupt vectors of the controller. */
  static final int NVEC = 8;

  static final class Sq {
    short sqid;
    short cqid;
    int head;
    int tail;
    int size;
    long dmaAddr;

    static final VmStateDescription VMSD = vmsd("nvme-lite-sq", Sq.class)
        .version(1)
        .fields(field("sqid").uint16(), field("cqid").uint16(), field("head").uint32(),
            field("tail").uint32(), field("size").uint32(), field("dma_addr").uint64())
        .build();

    static Sq of(int sqid, int cqid, int head, int tail, int size, long dma) {
      Sq s = new Sq();
      s.sqid = (short) sqid;
      s.cqid = (short) cqid;
      s.head = head;
      s.tail = tail;
      s.size = size;
      s.dmaAddr = dma;
      return s;
    }
  }

  static final class Cq {
    byte phase;
    short cqid;
    short irqEnabled;
    int head;
    int tail;
    int vector;
    int size;
    long dmaAddr;

    static final VmStateDescription VMSD = vmsd("nvme-lite-cq", Cq.class)
        .version(1)
        .fields(field("phase").uint8(), field("cqid").uint16(), field("irq_enabled").uint16(),
            field("head").uint32(), field("tail").uint32(), field("vector").uint32(),
            field("size").uint32(), field("dma_addr").uint64())
        .build();

    static Cq of(int phase, int cqid, int irq, int head, int tail, int vector, int size,
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
  }

  static final class Ctrl {
    int cc;
    int csts;
    int aqa;
    long asq;
    long acq;
    int numQueues;
    Sq[] sq;
    Cq[] cq;
    boolean dbbufEnabled;
    long dbbufDbs;
    long dbbufEis;

    Ctrl(int n) {
      numQueues = n;
      sq = new Sq[n];
      cq = new Cq[n];
    }

    static final VmStateDescription DBBUF = vmsd("nvme-lite/dbbuf", Ctrl.class)
        .version(1)
        .needed(c -> c.dbbufEnabled)
        .fields(field("dbbuf_dbs").uint64(), field("dbbuf_eis").uint64())
        .build();

    /** Without semantic checks: what the engine alone guarantees. */
    static final VmStateDescription PLAIN = vmsd("nvme-lite", Ctrl.class)
        .version(1)
        .factory(() -> new Ctrl(4))
        .fields(
            field("cc").uint32(), field("csts").uint32(), field("aqa").uint32(),
            field("asq").uint64(), field("acq").uint64(),
            field("num_queues").uint32Equal(),
            field("sq").varrayUint32("num_queues").ofPointers().autoAlloc(Sq.VMSD),
            field("cq").varrayUint32("num_queues").ofPointers().autoAlloc(Cq.VMSD))
        .subsections(DBBUF)
        .build();

    /** With the post_load checks. */
    static final VmStateDescription VMSD = vmsd("nvme-lite", Ctrl.class)
        .version(1)
        .factory(() -> new Ctrl(4))
        .fields(
            field("cc").uint32(), field("csts").uint32(), field("aqa").uint32(),
            field("asq").uint64(), field("acq").uint64(),
            field("num_queues").uint32Equal(),
            field("sq").varrayUint32("num_queues").ofPointers().autoAlloc(Sq.VMSD),
            field("cq").varrayUint32("num_queues").ofPointers().autoAlloc(Cq.VMSD))
        .subsections(DBBUF)
        .postLoad((c, v) -> c.check())
        .build();

    /** The reference's example state: 4 slots, SQ0/SQ2 and CQ0/CQ1 populated. */
    static Ctrl example() {
      Ctrl c = new Ctrl(4);
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

    /** §2.5's checks, in the order the controller would rely on them. */
    void check() {
      for (int i = 0; i < numQueues; i++) {
        Cq q = cq[i];
        if (q == null) {
          continue;
        }
        checkSize("cq", i, q.size);
        checkBelow("cq", i, "cqid", q.cqid & 0xffff, i + 1, "slot " + i, (q.cqid & 0xffff) == i);
        checkBelow("cq", i, "phase", q.phase & 0xff, 2, "0 or 1", true);
        checkBelow("cq", i, "irq_enabled", q.irqEnabled & 0xffff, 2, "0 or 1", true);
        checkBelow("cq", i, "head", q.head, q.size, "size " + q.size, true);
        checkBelow("cq", i, "tail", q.tail, q.size, "size " + q.size, true);
        checkBelow("cq", i, "vector", q.vector, NVEC, "nvec " + NVEC, true);
      }
      for (int i = 0; i < numQueues; i++) {
        Sq q = sq[i];
        if (q == null) {
          continue;
        }
        int sqid = q.sqid & 0xffff;
        if (sqid != i) {
          throw error("sq", i, "sqid", sqid + " != slot " + i, "slot " + i, sqid);
        }
        int cqid = q.cqid & 0xffff;
        if (cqid >= numQueues) {
          throw error("sq", i, "cqid", cqid + " >= num_queues " + numQueues,
              "< " + numQueues, cqid);
        }
        if (cq[cqid] == null) {
          throw error("sq", i, "cqid", "completion queue " + cqid + " not present",
              "a present completion queue", cqid);
        }
        checkSize("sq", i, q.size);
        checkBelow("sq", i, "head", q.head, q.size, "size " + q.size, true);
        checkBelow("sq", i, "tail", q.tail, q.size, "size " + q.size, true);
      }
    }

    private static void checkSize(String array, int i, int size) {
      if (size < 2 || size > MAX_QUEUE_SIZE) {
        throw error(array, i, "size", "queue size " + Integer.toUnsignedString(size)
            + " outside 2.." + MAX_QUEUE_SIZE, "2.." + MAX_QUEUE_SIZE, size);
      }
    }

    private static void checkBelow(String array, int i, String field, int v, int bound,
        String what, boolean ok) {
      if (!ok || Integer.toUnsignedLong(v) >= bound) {
        throw error(array, i, field, Integer.toUnsignedString(v) + " >= " + what,
            "< " + bound, v);
      }
    }

    private static VmStateLoadException error(String array, int i, String field, String reason,
        String expected, int found) {
      return new VmStateLoadException(reason, -1, expected, Integer.toUnsignedString(found))
          .under(field).under("[" + i + "]").under(array);
    }
  }
}
