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
import org.vmstate4j.examples.*;

// ---- the device model -------------------------------------------------------------------
//
// examples/src/main/java/org/vmstate4j/examples/ holds it, described with the DSL:
//   NvmeLiteSq.VMSD  "nvme-lite-sq" v1: sqid, cqid (uint16), head, tail, size (uint32), dma_addr
//   NvmeLiteCq.VMSD  "nvme-lite-cq" v1: phase (uint8), cqid, irq_enabled (uint16), head, tail,
//                    vector, size (uint32), dma_addr (uint64)
//   NvmeLite.VMSD    "nvme-lite" v1: cc, csts, aqa, asq, acq, num_queues (uint32_equal), then
//       field("sq").varrayUint32("num_queues").ofPointers().autoAlloc(NvmeLiteSq.VMSD),
//       field("cq").varrayUint32("num_queues").ofPointers().autoAlloc(NvmeLiteCq.VMSD),
//       and the subsection "nvme-lite/dbbuf" (dbbuf_dbs, dbbuf_eis) while dbbufEnabled
//   NvmeLite.CHECKED the same with a post_load that refuses queues the controller would
//       misuse (sq[i]/cqid naming a missing CQ, head >= size, ...) and rebuilds what never
//       travels: each CQ's list of SQs and each SQ's doorbell address

// ---- simulated guest activity ----------------------------------------------------------

NvmeLite source = new NvmeLite(64);
Random guest = new Random(2026);

// a new queue starts empty (head = tail = 0); a CQ with phase 1 and its interrupt on
void createCq(NvmeLite c, int id, int size, int vector) {
  c.cq[id] = NvmeLiteCq.of(1, id, 1, 0, 0, vector, size, 0x80000L + 0x10000L * id);
}

void createSq(NvmeLite c, int id, int cqid, int size) {
  c.sq[id] = NvmeLiteSq.of(id, cqid, 0, 0, size, 0x7f000L + 0x10000L * id);
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
    NvmeLiteSq s = source.sq[id];
    int n = 1 + guest.nextInt(16);
    s.tail = (s.tail + n) % s.size;
    NvmeLiteCq c = source.cq[s.cqid];
    c.tail = (c.tail + n) % c.size;
    c.head = (c.head + guest.nextInt(n + 1)) % c.size;
    s.head = (s.head + n) % s.size;
  }
}
// I/O on every live queue pair: the device consumes, completes, and the guest reaps
int commands = 0;
for (int id = 0; id < source.numQueues; id++) {
  NvmeLiteSq s = source.sq[id];
  if (s == null) continue;
  NvmeLiteCq c = source.cq[s.cqid];
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
src.register("nvme-lite", NvmeLite.CHECKED, source);
SaveResult saved = MigrationStreams.save(src, file);
System.out.printf("saved %d bytes to %s%n", Files.size(file), file);

NvmeLite target = new NvmeLite(64);
Registry dst = new Registry("nvme-lite-machine");
dst.register("nvme-lite", NvmeLite.CHECKED, target);
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
check(Arrays.equals(VmState.save(NvmeLite.CHECKED, source), VmState.save(NvmeLite.CHECKED, target)), "re-saved bytes");
System.out.println("fresh controller equals the source: every register, every queue slot");

// ---- what post_load rebuilt ---------------------------------------------------------------

int linked = 0;
for (NvmeLiteCq c : target.cq) if (c != null) linked += c.sqList.size();
check(linked == populated, "sq_list links");
check(target.sq[0].dbAddr == source.dbbufDbs, "doorbell of SQ0");
System.out.printf("post_load rebuilt %d SQ->CQ links and the doorbell addresses (SQ0 at 0x%x)%n",
    linked, target.sq[0].dbAddr);
for (int i = 0; i < 4; i++) {
  System.out.printf("  slot %d: %s | %s%n", i, target.sq[i] == null ? "NULL" : target.sq[i],
      target.cq[i] == null ? "NULL" : target.cq[i]);
}
System.out.println("stream file: " + file);
