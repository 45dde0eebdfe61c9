package org.vmstate4j.examples;

import static org.vmstate4j.dsl.VmsdDsl.field;
import static org.vmstate4j.dsl.VmsdDsl.vmsd;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.dsl.VmsdBuilder;
import org.vmstate4j.engine.model.VmStateDescription;

/**
 * The nvme-lite controller of the reference (autoalloc-nvme-security.md §2.6): registers,
 * {@code numQueues} submission and completion queue slots of which only some hold a queue
 * (NULL slots travel as a one-byte marker, populated ones are allocated on load) and the
 * doorbell-buffer subsection {@code "nvme-lite/dbbuf"}, sent while {@link #dbbufEnabled}.
 *
 * <p>Two descriptions share one wire format: {@link #VMSD} only moves the fields;
 * {@link #CHECKED} adds the post_load a real controller needs, which refuses state it would
 * misuse (§2.5: queue ids, completion-queue references, sizes, ring indices; an error names the
 * field, {@code sq[2]/cqid}) and then rebuilds what never travels (the SQ lists of each CQ, the
 * doorbell addresses).
 */
public final class NvmeLite implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Queue slots of the reference's example controller. */
  public static final int EXAMPLE_SLOTS = 4;
  /** Largest queue size (MQES + 1) {@link #CHECKED} accepts. */
  public static final int MAX_QUEUE_SIZE = 4096;
  /** Interrupt vectors of the controller. */
  public static final int NVEC = 8;

  public int cc;
  public int csts;
  public int aqa;
  public long asq;
  public long acq;
  public int numQueues;
  public @Nullable NvmeLiteSq[] sq;
  public @Nullable NvmeLiteCq[] cq;
  /** Whether the doorbell buffer is in use: decides whether the subsection is sent. */
  public boolean dbbufEnabled;
  public long dbbufDbs;
  public long dbbufEis;

  /** A controller without queue slots, for deserializers that fill every field themselves. */
  public NvmeLite() {
    this(0);
  }

  /** A controller as configured at realize: {@code n} empty (NULL) queue slots. */
  public NvmeLite(int n) {
    numQueues = n;
    sq = new NvmeLiteSq[n];
    cq = new NvmeLiteCq[n];
  }

  /** The doorbell buffer; its arrival turns the buffer on, as sending it meant it was on. */
  public static final VmStateDescription DBBUF = vmsd("nvme-lite/dbbuf", NvmeLite.class)
      .version(1)
      .needed(c -> c.dbbufEnabled)
      .postLoad((c, version) -> c.dbbufEnabled = true)
      .fields(field("dbbuf_dbs").uint64(), field("dbbuf_eis").uint64())
      .build();

  /** "nvme-lite" v1: the wire format, no controller hook. */
  public static final VmStateDescription VMSD = describe().build();

  /** "nvme-lite" v1 with the controller's post_load: checks, then rebuilds runtime state. */
  public static final VmStateDescription CHECKED = describe()
      .postLoad((c, version) -> c.postLoad())
      .build();

  private static VmsdBuilder<NvmeLite> describe() {
    return vmsd("nvme-lite", NvmeLite.class)
        .version(1)
        .factory(() -> new NvmeLite(EXAMPLE_SLOTS))
        .fields(
            field("cc").uint32(),
            field("csts").uint32(),
            field("aqa").uint32(),
            field("asq").uint64(),
            field("acq").uint64(),
            field("num_queues").uint32Equal(),
            field("sq").varrayUint32("num_queues").ofPointers().autoAlloc(NvmeLiteSq.VMSD),
            field("cq").varrayUint32("num_queues").ofPointers().autoAlloc(NvmeLiteCq.VMSD))
        .subsections(DBBUF);
  }

  /**
   * A controller with {@code n} empty slots, enabled and ready, its admin queues configured:
   * the registers of the reference's example and of the benchmark states.
   */
  public static NvmeLite enabled(int n) {
    NvmeLite c = new NvmeLite(n);
    c.cc = 0x460001;
    c.csts = 1;
    c.aqa = 0x1f001f;
    c.asq = 0x10000000L;
    c.acq = 0x10001000L;
    return c;
  }

  /** The reference's example state: 4 slots, SQ0/SQ2 and CQ0/CQ1 populated, dbbuf off. */
  public static NvmeLite example() {
    NvmeLite c = enabled(EXAMPLE_SLOTS);
    c.sq[0] = NvmeLiteSq.of(0, 0, 3, 3, 32, 0x10000000L);
    c.sq[2] = NvmeLiteSq.of(2, 1, 0x10, 0x12, 1024, 0x7f000L);
    c.cq[0] = NvmeLiteCq.of(1, 0, 1, 3, 3, 0, 32, 0x10001000L);
    c.cq[1] = NvmeLiteCq.of(0, 1, 1, 0x3ff, 0, 1, 1024, 0x80000L);
    return c;
  }

  /** {@link #CHECKED}'s post_load: every check first, so a refused load changes nothing here. */
  private void postLoad() {
    NvmeLiteChecks.check(this);
    for (NvmeLiteCq q : cq) {
      if (q != null) {
        q.sqList = new ArrayList<>();
      }
    }
    for (NvmeLiteSq s : sq) {
      if (s != null) {
        Objects.requireNonNull(cq[s.cqid & 0xffff]).sqList.add(s);
        s.dbAddr = (dbbufEnabled ? dbbufDbs : 0x1000) + ((long) (s.sqid & 0xffff) << 3);
      }
    }
  }

  /** Equality of the migrated fields and {@link #dbbufEnabled}. */
  @Override
  public boolean equals(Object o) {
    if (!(o instanceof NvmeLite)) {
      return false;
    }
    NvmeLite c = (NvmeLite) o;
    return sameWireState(c) && dbbufEnabled == c.dbbufEnabled && dbbufDbs == c.dbbufDbs
        && dbbufEis == c.dbbufEis;
  }

  @Override
  public int hashCode() {
    return Objects.hash(cc, numQueues);
  }

  /** Equality of everything that travels on the wire for this controller. */
  public boolean sameWireState(NvmeLite c) {
    return cc == c.cc && csts == c.csts && aqa == c.aqa && asq == c.asq && acq == c.acq
        && numQueues == c.numQueues && Arrays.equals(sq, c.sq) && Arrays.equals(cq, c.cq)
        && (!dbbufEnabled || (dbbufDbs == c.dbbufDbs && dbbufEis == c.dbbufEis));
  }
}
