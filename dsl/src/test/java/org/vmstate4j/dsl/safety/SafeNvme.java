package org.vmstate4j.dsl.safety;

import static org.vmstate4j.dsl.VmsdDsl.field;
import static org.vmstate4j.dsl.VmsdDsl.vmsd;

import org.vmstate4j.dsl.NvmeLite;
import org.vmstate4j.dsl.NvmeLite.Cq;
import org.vmstate4j.dsl.NvmeLite.Sq;
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

  static final class Ctrl extends NvmeLite.Ctrl {
    Ctrl(int n) {
      super(n);
    }

    /** Without semantic checks: what the engine alone guarantees. */
    static final VmStateDescription PLAIN = vmsd("nvme-lite", Ctrl.class)
        .version(1)
        .factory(() -> new Ctrl(4))
        .fields(NvmeLite.Ctrl.fields())
        .subsections(NvmeLite.Ctrl.DBBUF)
        .build();

    /** With the post_load checks. */
    static final VmStateDescription VMSD = vmsd("nvme-lite", Ctrl.class)
        .version(1)
        .factory(() -> new Ctrl(4))
        .fields(NvmeLite.Ctrl.fields())
        .subsections(NvmeLite.Ctrl.DBBUF)
        .postLoad((c, v) -> c.check())
        .build();

    /** The reference's example state: 4 slots, SQ0/SQ2 and CQ0/CQ1 populated. */
    public static Ctrl example() {
      return NvmeLite.Ctrl.example(new Ctrl(4));
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
