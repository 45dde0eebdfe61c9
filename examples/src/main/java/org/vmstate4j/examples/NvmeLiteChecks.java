package org.vmstate4j.examples;

import static org.vmstate4j.examples.NvmeLite.MAX_QUEUE_SIZE;
import static org.vmstate4j.examples.NvmeLite.NVEC;

import org.vmstate4j.engine.VmStateLoadException;

/**
 * The semantic checks of autoalloc-nvme-security.md §2.5 that {@link NvmeLite#CHECKED} makes
 * after a load, in the order the controller would rely on the values: what the engine cannot
 * know (a queue's id is its slot, an SQ's completion queue exists, rings stay inside the queue).
 */
final class NvmeLiteChecks {
  private NvmeLiteChecks() {}

  static void check(NvmeLite c) {
    for (int i = 0; i < c.numQueues; i++) {
      NvmeLiteCq q = c.cq[i];
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
    for (int i = 0; i < c.numQueues; i++) {
      NvmeLiteSq q = c.sq[i];
      if (q == null) {
        continue;
      }
      int sqid = q.sqid & 0xffff;
      if (sqid != i) {
        throw error("sq", i, "sqid", sqid + " != slot " + i, "slot " + i, sqid);
      }
      int cqid = q.cqid & 0xffff;
      if (cqid >= c.numQueues) {
        throw error("sq", i, "cqid", cqid + " >= num_queues " + c.numQueues,
            "< " + c.numQueues, cqid);
      }
      if (c.cq[cqid] == null) {
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
      throw error(array, i, field, Integer.toUnsignedString(v) + " >= " + what, "< " + bound, v);
    }
  }

  private static VmStateLoadException error(String array, int i, String field, String reason,
      String expected, int found) {
    return new VmStateLoadException(reason, -1, expected, Integer.toUnsignedString(found))
        .under(field).under("[" + i + "]").under(array);
  }
}
