package org.vmstate4j.examples;

import static org.vmstate4j.dsl.VmsdDsl.field;
import static org.vmstate4j.dsl.VmsdDsl.vmsd;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import org.vmstate4j.engine.model.VmStateDescription;

/** A completion queue of {@link NvmeLite}, VMSD {@code "nvme-lite-cq"} v1: 29 bytes on the wire. */
public final class NvmeLiteCq implements Serializable {
  private static final long serialVersionUID = 1L;

  public byte phase;
  public short cqid;
  public short irqEnabled;
  public int head;
  public int tail;
  public int vector;
  public int size;
  public long dmaAddr;
  /** Runtime only: the submission queues that post here, rebuilt by {@link NvmeLite#CHECKED}. */
  public transient List<NvmeLiteSq> sqList = List.of();

  public static final VmStateDescription VMSD = vmsd("nvme-lite-cq", NvmeLiteCq.class)
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

  public static NvmeLiteCq of(int phase, int cqid, int irq, int head, int tail, int vector,
      int size, long dma) {
    NvmeLiteCq c = new NvmeLiteCq();
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

  /** Equality of the migrated fields. */
  @Override
  public boolean equals(Object o) {
    if (!(o instanceof NvmeLiteCq)) {
      return false;
    }
    NvmeLiteCq c = (NvmeLiteCq) o;
    return phase == c.phase && cqid == c.cqid && irqEnabled == c.irqEnabled && head == c.head
        && tail == c.tail && vector == c.vector && size == c.size && dmaAddr == c.dmaAddr;
  }

  @Override
  public int hashCode() {
    return Objects.hash(phase, cqid, irqEnabled, head, tail, vector, size, dmaAddr);
  }

  @Override
  public String toString() {
    return String.format("CQ%d(phase %d, irq %d, head %d, tail %d, vector %d, size %d, dma 0x%x)",
        cqid, phase, irqEnabled, head, tail, vector, size, dmaAddr);
  }
}
