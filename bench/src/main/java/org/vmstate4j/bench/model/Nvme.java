package org.vmstate4j.bench.model;

import static org.vmstate4j.dsl.VmsdDsl.field;
import static org.vmstate4j.dsl.VmsdDsl.vmsd;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;
import org.vmstate4j.engine.model.VmStateDescription;

/**
 * The nvme-lite model (a controller with sparse submission/completion queues, AUTO_ALLOC
 * pointer arrays and a subsection), sized for benchmarking.
 */
public final class Nvme {
  private Nvme() {}

  /** A submission queue: 20 wire bytes. */
  public static final class Sq implements Serializable {
    private static final long serialVersionUID = 1L;

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

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof Sq)) {
        return false;
      }
      Sq s = (Sq) o;
      return sqid == s.sqid && cqid == s.cqid && head == s.head && tail == s.tail
          && size == s.size && dmaAddr == s.dmaAddr;
    }

    @Override
    public int hashCode() {
      return Objects.hash(sqid, cqid, head, tail, size, dmaAddr);
    }
  }

  /** A completion queue: 27 wire bytes. */
  public static final class Cq implements Serializable {
    private static final long serialVersionUID = 1L;

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

  /** The controller: registers, {@code numQueues} SQ and CQ slots, a doorbell subsection. */
  public static final class Ctrl implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Queue slots of the benchmark's controller. */
    public static final int SLOTS = 1024;

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

    /** For deserializers that fill every field themselves. */
    public Ctrl() {}

    /** An empty controller with {@code n} queue slots, all NULL (a load destination). */
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

    public static final VmStateDescription VMSD = vmsd("nvme-lite", Ctrl.class)
        .version(1)
        .factory(() -> new Ctrl(SLOTS))
        .fields(
            field("cc").uint32(),
            field("csts").uint32(),
            field("aqa").uint32(),
            field("asq").uint64(),
            field("acq").uint64(),
            field("num_queues").uint32Equal(),
            field("sq").varrayUint32("num_queues").ofPointers().autoAlloc(Sq.VMSD),
            field("cq").varrayUint32("num_queues").ofPointers().autoAlloc(Cq.VMSD))
        .subsections(DBBUF)
        .build();

    /**
     * A controller with {@code n} slots of which {@code populated} SQ and {@code populated} CQ
     * slots (chosen at random with {@code seed}) hold a queue; the doorbell buffer is on.
     */
    public static Ctrl random(int n, int populated, long seed) {
      SplittableRandom r = new SplittableRandom(seed);
      Ctrl c = new Ctrl(n);
      c.cc = 0x460001;
      c.csts = 1;
      c.aqa = 0x1f001f;
      c.asq = 0x10000000L;
      c.acq = 0x10001000L;
      c.dbbufEnabled = true;
      c.dbbufDbs = 0x7ff0000L;
      c.dbbufEis = 0x7ff1000L;
      for (int i : pick(r, n, populated)) {
        Sq s = new Sq();
        s.sqid = (short) i;
        s.cqid = (short) r.nextInt(n);
        s.head = r.nextInt(4096);
        s.tail = r.nextInt(4096);
        s.size = 1 + r.nextInt(4096);
        s.dmaAddr = r.nextLong() & 0xffff_ffff_f000L;
        c.sq[i] = s;
      }
      for (int i : pick(r, n, populated)) {
        Cq q = new Cq();
        q.phase = (byte) r.nextInt(2);
        q.cqid = (short) i;
        q.irqEnabled = (short) r.nextInt(2);
        q.head = r.nextInt(4096);
        q.tail = r.nextInt(4096);
        q.vector = r.nextInt(2048);
        q.size = 1 + r.nextInt(4096);
        q.dmaAddr = r.nextLong() & 0xffff_ffff_f000L;
        c.cq[i] = q;
      }
      return c;
    }

    private static int[] pick(SplittableRandom r, int n, int k) {
      int[] idx = new int[n];
      for (int i = 0; i < n; i++) {
        idx[i] = i;
      }
      for (int i = 0; i < k; i++) {
        int j = i + r.nextInt(n - i);
        int t = idx[i];
        idx[i] = idx[j];
        idx[j] = t;
      }
      int[] out = Arrays.copyOf(idx, k);
      Arrays.sort(out);
      return out;
    }

    /** Equality of everything that travels on the wire. */
    public boolean sameState(Ctrl c) {
      return cc == c.cc && csts == c.csts && aqa == c.aqa && asq == c.asq && acq == c.acq
          && numQueues == c.numQueues && Arrays.equals(sq, c.sq) && Arrays.equals(cq, c.cq)
          && (!dbbufEnabled || (dbbufDbs == c.dbbufDbs && dbbufEis == c.dbbufEis));
    }
  }
}
