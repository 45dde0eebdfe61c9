package org.vmstate4j.examples.safety;

import static org.vmstate4j.dsl.VmsdDsl.field;
import static org.vmstate4j.dsl.VmsdDsl.validate;
import static org.vmstate4j.dsl.VmsdDsl.vmsd;

import java.util.ArrayList;
import java.util.List;
import org.vmstate4j.engine.model.VmStateDescription;

/**
 * Small devices whose counts and sizes come from the stream, one per class of the QEMU
 * migration CVEs (reference §3.2), plus the layouts the safety tests stress: queues, bitmaps,
 * subsections, legacy and AUTO_ALLOC pointer arrays.
 */
final class Hostile {
  private Hostile() {}

  /** hpet's timer (CVE-2013-4527). */
  static final class Timer {
    long cmp;

    static final VmStateDescription VMSD = vmsd("hpet_timer", Timer.class)
        .version(1).factory(Timer::new).fields(field("cmp").uint64()).build();
  }

  /** Count on the wire before a fixed array of 4 structs, no check: capacity is the guard. */
  static final class Hpet {
    int numTimers = 4;
    Timer[] timer = {new Timer(), new Timer(), new Timer(), new Timer()};

    static final VmStateDescription VMSD = vmsd("hpet", Hpet.class)
        .version(1)
        .fields(field("num_timers").uint8(),
            field("timer").varrayUint8("num_timers").struct(Timer.VMSD))
        .build();

    /** As QEMU's fix: VALIDATE between the count and the array. */
    static final VmStateDescription VALIDATED = vmsd("hpet", Hpet.class)
        .version(1)
        .fields(field("num_timers").uint8(),
            validate("num_timers in range", (Hpet h) -> h.numTimers <= 4),
            field("timer").varrayUint8("num_timers").struct(Timer.VMSD))
        .build();
  }

  /** target-arm's cpreg list (CVE-2013-4531): INT32_LE count into a fixed long[8]. */
  static final class Cpregs {
    int len = 8;
    long[] values = new long[8];

    static final VmStateDescription VMSD = vmsd("cpu/cpreg", Cpregs.class)
        .version(1)
        .fields(field("len").int32Le(), field("values").varrayInt32("len").uint64())
        .build();
  }

  /** VARRAY_INT32 count from the stream into a fixed int[4]. */
  static final class Int32Count {
    int n;
    int[] a = new int[4];

    static final VmStateDescription VMSD = vmsd("int32-count", Int32Count.class)
        .version(1)
        .fields(field("n").int32(), field("a").varrayInt32("n").int32())
        .build();
  }

  /** VARRAY_UINT32 count from the stream into a fixed int[4]. */
  static final class Uint32Count {
    int n;
    int[] a = new int[4];

    static final VmStateDescription VMSD = vmsd("uint32-count", Uint32Count.class)
        .version(1)
        .fields(field("n").uint32(), field("a").varrayUint32("n").int32())
        .build();
  }

  /** VMS_ALLOC: the loader allocates n ints, n from the stream. */
  static final class Alloc {
    int n;
    int[] a;

    static final VmStateDescription VMSD = vmsd("alloc", Alloc.class)
        .version(1)
        .fields(field("n").uint32(), field("a").varrayUint32("n").alloc().int32())
        .build();
  }

  /** VMS_ALLOC of structs: no fixed wire size per element. */
  static final class AllocStructs {
    int n;
    Timer[] t;

    static final VmStateDescription VMSD = vmsd("alloc-structs", AllocStructs.class)
        .version(1)
        .fields(field("n").uint32(), field("t").varrayUint32("n").alloc().struct(Timer.VMSD))
        .build();
  }

  /** VBUFFER: size from the stream (int32). */
  static final class VBuf {
    int len = 4;
    byte[] buf = {1, 2, 3, 4};

    static final VmStateDescription VMSD = vmsd("vbuf", VBuf.class)
        .version(1)
        .fields(field("len").int32(), field("buf").vbuffer("len"))
        .build();

    /** VBUFFER_MULTIPLY by 6 (virtio-net's in_use × ETH_ALEN, CVE-2013-4148/4149). */
    static final VmStateDescription MULTIPLY = vmsd("vbuf6", VBuf.class)
        .version(1)
        .fields(field("len").int32(), field("buf").vbufferMultiply("len", 6))
        .build();
  }

  /** virtio's config_len (CVE-2014-0182): must equal the local length. */
  static final class Config {
    int configLen = 8;
    byte[] config = new byte[8];

    static final VmStateDescription VMSD = vmsd("virtio-config", Config.class)
        .version(1)
        .fields(field("config_len").uint32Equal(), field("config").vbuffer("config_len"))
        .build();
  }

  /** VMSTATE_BITMAP: bit count from the stream. */
  static final class Bits {
    int nbits = 70;
    long[] bits = {5, 6};

    static final VmStateDescription VMSD = vmsd("bits", Bits.class)
        .version(1)
        .fields(field("nbits").int32(), field("bits").bitmap("nbits"))
        .build();
  }

  /** Queue element: one byte. */
  static final class Elem {
    int v;

    static final VmStateDescription VMSD = vmsd("elem", Elem.class)
        .version(1).factory(Elem::new).fields(field("v").uint8()).build();
  }

  /** Empty queue element: 0 bytes of its own, only its 0x01 marker. */
  static final class Empty {
    static final VmStateDescription VMSD = vmsd("empty", Empty.class)
        .version(1).factory(Empty::new).fields().build();
  }

  /** QTAILQ of one-byte elements, then a u32. */
  static final class Queue {
    List<Elem> q = new ArrayList<>(List.of(new Elem()));
    int tail;

    static final VmStateDescription VMSD = vmsd("queue", Queue.class)
        .version(1)
        .fields(field("q").qtailq(Elem.VMSD).since(1), field("tail").uint32())
        .build();
  }

  /** QTAILQ of empty elements. */
  static final class EmptyQueue {
    List<Empty> q = new ArrayList<>();

    static final VmStateDescription VMSD = vmsd("empty-queue", EmptyQueue.class)
        .version(1)
        .fields(field("q").qtailq(Empty.VMSD).since(1))
        .build();
  }

  /** A u32 and an optional subsection. */
  static final class WithSub {
    int a;
    int extra;
    boolean hasExtra;

    static final VmStateDescription SUB = vmsd("withsub/extra", WithSub.class)
        .version(1).needed(w -> w.hasExtra).fields(field("extra").uint32()).build();

    static final VmStateDescription VMSD = vmsd("withsub", WithSub.class)
        .version(1).fields(field("a").uint32()).subsections(SUB).build();
  }

  /** test/tst's element: one int32. */
  static final class Triv {
    int i;

    Triv() {}

    Triv(int i) {
      this.i = i;
    }

    static final VmStateDescription VMSD = vmsd("test/tst", Triv.class)
        .version(1).factory(Triv::new).fields(field("i").int32()).build();
  }

  /** test/arps: legacy array of 4 pointers to structs (0x30 only for NULL, no 0x31). */
  static final class Arps {
    Triv[] ar = new Triv[4];

    static final VmStateDescription VMSD = vmsd("test/arps", Arps.class)
        .version(1)
        .fields(field("ar").array(4).ofPointers().struct(Triv.VMSD))
        .build();
  }

  /** test/autoalloc: u8 count on the wire, then AUTO_ALLOC pointers (reference §1.5). */
  static final class AutoAlloc {
    int n = 4;
    Triv[] ar = new Triv[4];

    static final VmStateDescription VMSD = vmsd("test/autoalloc", AutoAlloc.class)
        .version(1)
        .fields(field("n").uint8(),
            field("ar").varrayUint8("n").ofPointers().autoAlloc(Triv.VMSD))
        .build();
  }

  /** A node of a chain of nested structs, for deep nesting. */
  static final class Node {
    int v;
    Node next;

    /** A chain of {@code depth} descriptions, each a struct of the next. */
    static VmStateDescription chain(int depth) {
      VmStateDescription d = vmsd("node" + depth, Node.class)
          .version(1).factory(Node::new).fields(field("v").uint8()).build();
      for (int k = depth - 1; k > 0; k--) {
        d = vmsd("node" + k, Node.class)
            .version(1).factory(Node::new)
            .fields(field("v").uint8(), field("next").struct(d))
            .build();
      }
      return d;
    }
  }
}
