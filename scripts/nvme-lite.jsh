// nvme-lite: an NVMe-like controller whose submission and completion queue arrays are sparse.
// Guest activity creates and deletes queues; the controller is saved to a migration stream,
// loaded into a fresh controller (VMS_ARRAY_OF_POINTER_AUTO_ALLOC allocates the populated
// slots), compared, and post_load rebuilds the state that never travels.
//
//   ./vmstate run scripts/nvme-lite.jsh [FILE]

import java.nio.file.*;
import java.util.*;
import org.vmstate4j.engine.model.*;
import org.vmstate4j.engine.state.*;
import org.vmstate4j.engine.stream.*;

// ---- the device model -------------------------------------------------------------------

class Sq {
  int sqid, cqid;                  // u16 on the wire
  int head, tail, size;
  long dmaAddr;
  long dbAddr;                     // runtime only: doorbell address, rebuilt on load
  static final VmStateDescription VMSD = vmsd("nvme-lite-sq", Sq.class)
      .version(1)
      .fields(field("sqid").uint16(), field("cqid").uint16(), field("head").uint32(),
              field("tail").uint32(), field("size").uint32(), field("dma_addr").uint64())
      .build();
  public String toString() {
    return String.format("SQ%d(cq %d, head %d, tail %d, size %d, dma 0x%x)",
        sqid, cqid, head, tail, size, dmaAddr);
  }
}

class Cq {
  int phase, cqid, irqEnabled;
  int head, tail, vector, size;
  long dmaAddr;
  List<Sq> sqList = new ArrayList<>(); // runtime only: the SQs that post here
  static final VmStateDescription VMSD = vmsd("nvme-lite-cq", Cq.class)
      .version(1)
      .fields(field("phase").uint8(), field("cqid").uint16(), field("irq_enabled").uint16(),
              field("head").uint32(), field("tail").uint32(), field("vector").uint32(),
              field("size").uint32(), field("dma_addr").uint64())
      .build();
  public String toString() {
    return String.format("CQ%d(phase %d, irq %d, head %d, tail %d, vector %d, size %d, dma 0x%x)",
        cqid, phase, irqEnabled, head, tail, vector, size, dmaAddr);
  }
}

class Ctrl {
  int cc, csts, aqa;
  long asq, acq;
  int numQueues;
  Sq[] sq;
  Cq[] cq;
  boolean dbbufEnabled;            // runtime only: follows dbbuf_dbs
  long dbbufDbs, dbbufEis;

  Ctrl(int numQueues) {
    this.numQueues = numQueues;
    this.sq = new Sq[numQueues];
    this.cq = new Cq[numQueues];
  }

  // Rebuilds what does not travel and refuses streams that would corrupt the controller.
  void postLoad(int version) {
    dbbufEnabled = dbbufDbs != 0;
    for (int i = 0; i < numQueues; i++) {
      Cq c = cq[i];
      if (c == null) continue;
      if (c.cqid != i) throw new IllegalStateException("cq[" + i + "]/cqid: " + c.cqid + " != slot " + i);
      if (c.head >= c.size) throw new IllegalStateException("cq[" + i + "]/head: " + c.head + " >= size " + c.size);
      c.sqList.clear();
    }
    for (int i = 0; i < numQueues; i++) {
      Sq s = sq[i];
      if (s == null) continue;
      if (s.sqid != i) throw new IllegalStateException("sq[" + i + "]/sqid: " + s.sqid + " != slot " + i);
      if (s.cqid >= numQueues) throw new IllegalStateException("sq[" + i + "]/cqid: " + s.cqid + " >= num_queues " + numQueues);
      if (cq[s.cqid] == null) throw new IllegalStateException("sq[" + i + "]/cqid: completion queue " + s.cqid + " not present");
      cq[s.cqid].sqList.add(s);
      s.dbAddr = dbbufEnabled ? dbbufDbs + ((long) s.sqid << 3) : 0x1000 + ((long) s.sqid << 3);
    }
  }

  static final VmStateDescription DBBUF = vmsd("nvme-lite/dbbuf", Ctrl.class)
      .version(1)
      .needed(c -> c.dbbufDbs != 0)
      .fields(field("dbbuf_dbs").uint64(), field("dbbuf_eis").uint64())
      .build();

  static final VmStateDescription VMSD = vmsd("nvme-lite", Ctrl.class)
      .version(1)
      .fields(
          field("cc").uint32(), field("csts").uint32(), field("aqa").uint32(),
          field("asq").uint64(), field("acq").uint64(),
          field("num_queues").uint32Equal(),
          field("sq").varrayUint32("num_queues").ofPointers().autoAlloc(Sq.VMSD),
          field("cq").varrayUint32("num_queues").ofPointers().autoAlloc(Cq.VMSD))
      .subsections(DBBUF)
      .postLoad((c, version) -> c.postLoad(version))
      .build();
}

// ---- simulated guest activity ----------------------------------------------------------

Ctrl source = new Ctrl(64);
Random guest = new Random(2026);

void createCq(Ctrl c, int id, int size, int vector) {
  Cq q = new Cq();
  q.cqid = id; q.size = size; q.vector = vector; q.irqEnabled = 1; q.phase = 1;
  q.dmaAddr = 0x80000L + 0x10000L * id;
  c.cq[id] = q;
}

void createSq(Ctrl c, int id, int cqid, int size) {
  Sq q = new Sq();
  q.sqid = id; q.cqid = cqid; q.size = size;
  q.dmaAddr = 0x7f000L + 0x10000L * id;
  c.sq[id] = q;
}

// the guest enables the controller: admin queues 0
source.cc = 0x460001; source.csts = 1; source.aqa = 0x1f001f;
source.asq = 0x10000000L; source.acq = 0x10001000L;
createCq(source, 0, 32, 0);
createSq(source, 0, 0, 32);

// then creates I/O queue pairs, submits commands, and deletes some queues again
int created = 0, deleted = 0;
for (int round = 0; round < 200; round++) {
  int id = 1 + guest.nextInt(source.numQueues - 1);
  if (source.cq[id] == null) {
    createCq(source, id, 1024, id % 8);
    createSq(source, id, id, 1024);
    created++;
  } else if (guest.nextInt(4) == 0) {
    source.sq[id] = null;
    source.cq[id] = null;
    deleted++;
  } else {
    Sq s = source.sq[id];
    int n = 1 + guest.nextInt(16);
    s.tail = (s.tail + n) % s.size;
    Cq c = source.cq[s.cqid];
    c.tail = (c.tail + n) % c.size;
    c.head = (c.head + guest.nextInt(n + 1)) % c.size;
    s.head = (s.head + n) % s.size;
  }
}
// I/O on every live queue pair: the device consumes, completes, and the guest reaps
int commands = 0;
for (int id = 0; id < source.numQueues; id++) {
  Sq s = source.sq[id];
  if (s == null) continue;
  Cq c = source.cq[s.cqid];
  int n = 1 + guest.nextInt(s.size - 1);
  s.tail = (s.tail + n) % s.size;
  s.head = Math.floorMod(s.head + n - guest.nextInt(3), s.size);
  c.tail = (c.tail + n) % c.size;
  c.head = Math.floorMod(c.head + n - guest.nextInt(n), c.size);
  if (c.tail < n) c.phase ^= 1;
  commands += n;
}
source.dbbufEnabled = true;
source.dbbufDbs = 0x20000000L;
source.dbbufEis = 0x20001000L;

long populated = Arrays.stream(source.sq).filter(Objects::nonNull).count();
System.out.printf("guest activity: %d queue pairs created, %d deleted, %d commands; %d of %d slots populated%n",
    created, deleted, commands, populated, source.numQueues);

// ---- save, load into a fresh controller, compare -----------------------------------------

Path file = Path.of(arg(0, System.getProperty("java.io.tmpdir") + "/nvme-lite.vmstate"));
Registry src = new Registry("nvme-lite-machine");
src.register("nvme-lite", Ctrl.VMSD, source);
SaveResult saved = MigrationStreams.save(src, file);
System.out.printf("saved %d bytes to %s%n", Files.size(file), file);

Ctrl target = new Ctrl(64);
Registry dst = new Registry("nvme-lite-machine");
dst.register("nvme-lite", Ctrl.VMSD, target);
LoadResult loaded = MigrationStreams.load(dst, file, ReadOptions.DEFAULT);
System.out.printf("loaded %d section(s) into a fresh controller%n", loaded.loaded().size());

void check(boolean ok, String what) {
  if (!ok) throw new AssertionError("mismatch: " + what);
}
check(target.cc == source.cc && target.csts == source.csts && target.aqa == source.aqa, "registers");
check(target.asq == source.asq && target.acq == source.acq, "admin queue addresses");
check(target.dbbufDbs == source.dbbufDbs && target.dbbufEis == source.dbbufEis, "dbbuf subsection");
for (int i = 0; i < source.numQueues; i++) {
  check((source.sq[i] == null) == (target.sq[i] == null), "sq[" + i + "] presence");
  check((source.cq[i] == null) == (target.cq[i] == null), "cq[" + i + "] presence");
  if (source.sq[i] != null) check(source.sq[i].toString().equals(target.sq[i].toString()), "sq[" + i + "]");
  if (source.cq[i] != null) check(source.cq[i].toString().equals(target.cq[i].toString()), "cq[" + i + "]");
}
check(Arrays.equals(VmState.save(Ctrl.VMSD, source), VmState.save(Ctrl.VMSD, target)), "re-saved bytes");
System.out.println("fresh controller equals the source: every register, every queue slot");

// ---- what post_load rebuilt ---------------------------------------------------------------

int linked = 0;
for (Cq c : target.cq) if (c != null) linked += c.sqList.size();
check(linked == populated, "sq_list links");
check(target.sq[0].dbAddr == source.dbbufDbs, "doorbell of SQ0");
System.out.printf("post_load rebuilt %d SQ->CQ links and the doorbell addresses (SQ0 at 0x%x)%n",
    linked, target.sq[0].dbAddr);
for (int i = 0; i < 4; i++) {
  System.out.printf("  slot %d: %s | %s%n", i, target.sq[i] == null ? "NULL" : target.sq[i],
      target.cq[i] == null ? "NULL" : target.cq[i]);
}
System.out.println("stream file: " + file);
