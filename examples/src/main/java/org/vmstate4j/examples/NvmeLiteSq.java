package org.vmstate4j.examples;

import static org.vmstate4j.dsl.VmsdDsl.field;
import static org.vmstate4j.dsl.VmsdDsl.vmsd;

import java.io.Serializable;
import java.util.Objects;
import org.vmstate4j.engine.model.VmStateDescription;

/** A submission queue of {@link NvmeLite}, VMSD {@code "nvme-lite-sq"} v1: 24 bytes on the wire. */
public final class NvmeLiteSq implements Serializable {
  private static final long serialVersionUID = 1L;

  public short sqid;
  public short cqid;
  public int head;
  public int tail;
  public int size;
  public long dmaAddr;
  /** Runtime only: the doorbell address, rebuilt by {@link NvmeLite#CHECKED}'s post_load. */
  public transient long dbAddr;

  public static final VmStateDescription VMSD = vmsd("nvme-lite-sq", NvmeLiteSq.class)
      .version(1)
      .fields(
          field("sqid").uint16(),
          field("cqid").uint16(),
          field("head").uint32(),
          field("tail").uint32(),
          field("size").uint32(),
          field("dma_addr").uint64())
      .build();

  public static NvmeLiteSq of(int sqid, int cqid, int head, int tail, int size, long dma) {
    NvmeLiteSq s = new NvmeLiteSq();
    s.sqid = (short) sqid;
    s.cqid = (short) cqid;
    s.head = head;
    s.tail = tail;
    s.size = size;
    s.dmaAddr = dma;
    return s;
  }

  /** Equality of the migrated fields. */
  @Override
  public boolean equals(Object o) {
    if (!(o instanceof NvmeLiteSq)) {
      return false;
    }
    NvmeLiteSq s = (NvmeLiteSq) o;
    return sqid == s.sqid && cqid == s.cqid && head == s.head && tail == s.tail
        && size == s.size && dmaAddr == s.dmaAddr;
  }

  @Override
  public int hashCode() {
    return Objects.hash(sqid, cqid, head, tail, size, dmaAddr);
  }

  @Override
  public String toString() {
    return String.format("SQ%d(cq %d, head %d, tail %d, size %d, dma 0x%x)",
        sqid, cqid, head, tail, size, dmaAddr);
  }
}
