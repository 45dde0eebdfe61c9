package org.vmstate4j.examples.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vmstate4j.examples.safety.Outcome.bytes;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vmstate4j.engine.VmStateLoadException;
import org.vmstate4j.engine.io.VmInput;
import org.vmstate4j.engine.state.LoadOptions;
import org.vmstate4j.engine.state.VmState;

/**
 * One test group per class of the QEMU migration CVEs (reference §3.2), plus the inputs the
 * issue asks to check on purpose: huge counts with ALLOC, negative and ≥ 2^31 counts, VBUFFER
 * sizes, endless queues, subsection look-ahead at EOF, huge bitmaps. Every load goes through
 * {@link Outcome}: success or a load error with an offset, the destination unchanged after an
 * error.
 */
class CveClassTest {

  private static byte[] be32(int v) {
    return ByteBuffer.allocate(4).putInt(v).array();
  }

  private static byte[] cat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    ByteBuffer b = ByteBuffer.allocate(n);
    for (byte[] p : parts) {
      b.put(p);
    }
    return b.array();
  }

  /** 1. A count from the stream sizes a loop over a fixed buffer (hpet, ahci, virtio, openpic). */
  @Nested
  class CountPastCapacity {
    @ParameterizedTest
    @ValueSource(ints = {5, 0xff})
    void hpetCountPastTheArrayIsRejectedBeforeTheWalk(int n) {
      byte[] wire = new byte[1 + 8 * n];
      wire[0] = (byte) n;
      VmStateLoadException e = Outcome.fails(Hostile.Hpet.VMSD, new Hostile.Hpet(), wire);
      assertThat(e.path()).isEqualTo("hpet/timer");
      assertThat(e.getMessage()).contains("capacity").contains("<= 4 elements")
          .contains(n + " elements").contains("@1");
    }

    @Test
    void validateBetweenCountAndArrayFailsFirst() {
      byte[] wire = new byte[1 + 8 * 5];
      wire[0] = 5;
      VmStateLoadException e =
          Outcome.fails(Hostile.Hpet.VALIDATED, new Hostile.Hpet(), wire);
      assertThat(e.path()).isEqualTo("hpet/num_timers in range");
      assertThat(e.getMessage()).contains("Input validation failed");
    }

    @Test
    void countWithinCapacityLoads() {
      Hostile.Hpet h = new Hostile.Hpet();
      assertThat(Outcome.load(Hostile.Hpet.VMSD, h,
          bytes("02 0000000000000007 0000000000000009"))).isNull();
      assertThat(h.numTimers).isEqualTo(2);
      assertThat(h.timer[1].cmp).isEqualTo(9);
    }

    @ParameterizedTest
    @ValueSource(ints = {9, 0x7fffffff})
    void uint32CountPastCapacity(int n) {
      byte[] wire = cat(be32(n), new byte[64]);
      VmStateLoadException e =
          Outcome.fails(Hostile.Uint32Count.VMSD, new Hostile.Uint32Count(), wire);
      assertThat(e.path()).isEqualTo("uint32-count/a");
    }
  }

  /** 2. Signedness and overflow in counts and sizes (virtio-net in_use, target-arm). */
  @Nested
  class Signedness {
    @ParameterizedTest
    @ValueSource(ints = {-1, -5, Integer.MIN_VALUE})
    void negativeInt32LeCountIsRejected(int n) {
      VmStateLoadException e =
          Outcome.fails(Hostile.Cpregs.VMSD, new Hostile.Cpregs(), cat(be32(n), new byte[64]));
      assertThat(e.path()).isEqualTo("cpu/cpreg/len");
      assertThat(e.getMessage()).contains("expecting positive value <= 8").contains("@0");
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, Integer.MIN_VALUE})
    void negativeVarrayInt32CountWalksNoElements(int n) {
      // QEMU's vmstate_n_elems gives a negative count, and its loop runs zero times
      Hostile.Int32Count o = new Hostile.Int32Count();
      assertThat(Outcome.load(Hostile.Int32Count.VMSD, o, be32(n))).isNull();
      assertThat(o.a).containsOnly(0);
      // and bytes meant as elements are then trailing bytes: a load error, nothing changed
      Hostile.Int32Count p = new Hostile.Int32Count();
      VmStateLoadException e =
          Outcome.fails(Hostile.Int32Count.VMSD, p, cat(be32(n), be32(7), be32(8)));
      assertThat(e.getMessage()).contains("trailing bytes");
      assertThat(p.n).isZero();
    }

    @ParameterizedTest
    @ValueSource(ints = {0x80000000, 0x81000000, 0xffffffff})
    void uint32CountAtOrAbove2pow31(int n) {
      Hostile.Alloc o = new Hostile.Alloc();
      VmStateLoadException e = Outcome.load(Hostile.Alloc.VMSD, o, cat(be32(n), new byte[16]));
      // QEMU's int loop would walk no elements; here the count itself is the error
      assertThat(e).isNotNull();
      assertThat(e.getMessage()).contains("= " + Integer.toUnsignedString(n)
          + " does not fit the destination");
      assertThat(o.a).isNull();
      assertThat(Outcome.load(Hostile.Uint32Count.VMSD, new Hostile.Uint32Count(),
          cat(be32(n), new byte[16]))).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, -6, Integer.MIN_VALUE})
    void negativeVbufferSize(int n) {
      VmStateLoadException e =
          Outcome.fails(Hostile.VBuf.VMSD, new Hostile.VBuf(), cat(be32(n), new byte[8]));
      assertThat(e.path()).isEqualTo("vbuf/buf");
      assertThat(e.getMessage()).contains("invalid size " + n);
    }

    @ParameterizedTest
    @ValueSource(ints = {0x2aaaaaab, 0x40000000, 0x7fffffff, -0x2aaaaaab})
    void vbufferMultiplyOverflow(int n) {
      // n * 6 wraps a 32-bit int; the engine computes it in 64 bits and rejects it
      VmStateLoadException e =
          Outcome.fails(Hostile.VBuf.MULTIPLY, new Hostile.VBuf(), cat(be32(n), new byte[8]));
      assertThat(e.path()).isEqualTo("vbuf6/buf");
      assertThat(e.getMessage()).contains("invalid size");
    }
  }

  /** 3. Allocation/read mismatch and huge sizes (virtio-net 4149, virtio 0182). */
  @Nested
  class AllocationAndSize {
    @Test
    void configLengthMustEqualTheLocalOne() {
      VmStateLoadException e = Outcome.fails(Hostile.Config.VMSD, new Hostile.Config(),
          cat(be32(16), new byte[16]));
      assertThat(e.path()).isEqualTo("virtio-config/config_len");
      assertThat(e.getMessage()).contains("8 != 10");
    }

    @ParameterizedTest
    @ValueSource(ints = {0x7fffffff, 0x40000000, 1 << 20})
    void hugeVbufferSizeIsRejectedBeforeAllocating(int n) {
      VmStateLoadException e =
          Outcome.fails(Hostile.VBuf.VMSD, new Hostile.VBuf(), cat(be32(n), new byte[20]));
      assertThat(e.path()).isEqualTo("vbuf/buf");
      assertThat(e.getMessage()).containsAnyOf("larger than the stream", "over the limit");
      assertThat(e.getMessage()).contains("@4");
    }

    @Test
    void vbufferSizeOverTheAllocationLimitFromAStreamOfUnknownLength() {
      byte[] wire = cat(be32(4096), new byte[4096]);
      Hostile.VBuf o = new Hostile.VBuf();
      VmStateLoadException e = Outcome.check("vbuf from an InputStream",
          () -> VmState.load(Hostile.VBuf.VMSD, o, VmInput.of(new ByteArrayInputStream(wire)),
              1, LoadOptions.DEFAULT.withMaxAllocationBytes(1024)), o);
      assertThat(e).isNotNull();
      assertThat(e.getMessage()).contains("over the limit").contains("<= 1024 bytes");
    }

    @ParameterizedTest
    @ValueSource(ints = {0x10000000, 0x7fffffff, 0x40000001})
    void hugeAllocCountIsRejectedBeforeAllocating(int n) {
      Hostile.Alloc o = new Hostile.Alloc();
      VmStateLoadException e = Outcome.fails(Hostile.Alloc.VMSD, o, cat(be32(n), new byte[40]));
      assertThat(e.path()).isEqualTo("alloc/a");
      assertThat(o.a).isNull();
    }

    @Test
    void allocCountOverTheLimitWithEnoughBytes() {
      byte[] wire = cat(be32(1000), new byte[4000]);
      Hostile.Alloc o = new Hostile.Alloc();
      VmStateLoadException e = Outcome.load(Hostile.Alloc.VMSD, o, wire,
          LoadOptions.DEFAULT.withMaxAllocationBytes(1024));
      assertThat(e.getMessage()).contains("allocation over the limit")
          .contains("<= 1024 bytes").contains("4000 bytes");
      assertThat(Outcome.load(Hostile.Alloc.VMSD, o, wire)).isNull();
      assertThat(o.a).hasSize(1000);
    }

    @ParameterizedTest
    @ValueSource(ints = {0x01000000, 0x7fffffff})
    void hugeAllocCountOfStructsIsBoundedByTheLimit(int n) {
      Hostile.AllocStructs o = new Hostile.AllocStructs();
      long t0 = System.nanoTime();
      VmStateLoadException e = Outcome.load(Hostile.AllocStructs.VMSD, o,
          cat(be32(n), new byte[16]), LoadOptions.DEFAULT.withMaxAllocationBytes(1 << 20));
      assertThat(e).isNotNull();
      assertThat(o.t).isNull();
      assertThat(System.nanoTime() - t0).as("nanoseconds").isLessThan(2_000_000_000L);
    }

    @ParameterizedTest
    @ValueSource(ints = {0x7fffffff, 0x7fffffc1, 1 << 30, 1 << 24})
    void hugeBitmapIsRejectedBeforeAllocating(int nbits) {
      Hostile.Bits o = new Hostile.Bits();
      long t0 = System.nanoTime();
      VmStateLoadException e = Outcome.fails(Hostile.Bits.VMSD, o, cat(be32(nbits),
          new byte[24]));
      assertThat(e.path()).isEqualTo("bits/bits");
      assertThat(e.getMessage()).containsAnyOf("larger than the stream", "over the limit");
      assertThat(System.nanoTime() - t0).as("nanoseconds").isLessThan(2_000_000_000L);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, -64, Integer.MIN_VALUE})
    void negativeBitmapSize(int nbits) {
      VmStateLoadException e =
          Outcome.fails(Hostile.Bits.VMSD, new Hostile.Bits(), cat(be32(nbits), new byte[8]));
      assertThat(e.path()).isEqualTo("bits/bits");
    }

    @Test
    void bitmapRoundTrip() {
      Hostile.Bits o = new Hostile.Bits();
      assertThat(Outcome.load(Hostile.Bits.VMSD, o,
          cat(be32(65), bytes("0000000000000003 0000000000000001")))).isNull();
      assertThat(o.bits).containsExactly(3, 1);
    }
  }

  /** 7. Crash on bad input: every former assertion of QEMU's pointer-array loader is an error. */
  @Nested
  class NoAborts {
    @Test
    void badMarkerIsAnError() {
      VmStateLoadException e = Outcome.fails(Hostile.AutoAlloc.VMSD, new Hostile.AutoAlloc(),
          bytes("04 32 00000000 30 30 30"));
      assertThat(e.path()).isEqualTo("test/autoalloc/ar[0]");
      assertThat(e.getMessage()).contains("Unexpected ptr marker: 50").contains("0x32")
          .contains("@1");
    }

    @Test
    void truncatedAfterValidMarkerLeavesNoHalfElement() {
      Hostile.AutoAlloc o = new Hostile.AutoAlloc();
      VmStateLoadException e =
          Outcome.fails(Hostile.AutoAlloc.VMSD, o, bytes("04 31 00000001 30 31 0000"));
      assertThat(e.path()).isEqualTo("test/autoalloc/ar[2]/i");
      assertThat(o.ar).containsOnlyNulls();
    }

    @Test
    void prePopulatedAutoAllocSlotIsAnError() {
      Hostile.AutoAlloc o = new Hostile.AutoAlloc();
      Hostile.Triv keep = new Hostile.Triv(9);
      o.ar[2] = keep;
      VmStateLoadException e = Outcome.fails(Hostile.AutoAlloc.VMSD, o,
          bytes("04 31 00000000 30 31 00000002 31 00000003"));
      assertThat(e.path()).isEqualTo("test/autoalloc/ar[2]");
      assertThat(e.getMessage()).contains("not empty");
      assertThat(o.ar[2]).isSameAs(keep);
      assertThat(o.ar[0]).isNull();
    }

    @Test
    void validMarkerForALegacyNullSlotIsAnError() {
      Hostile.Arps o = new Hostile.Arps();
      o.ar[0] = new Hostile.Triv(1);
      VmStateLoadException e = Outcome.fails(Hostile.Arps.VMSD, o,
          bytes("00000005 31 00000002 30 30"));
      assertThat(e.path()).isEqualTo("test/arps/ar[1]");
      assertThat(e.getMessage()).contains("without AUTO_ALLOC");
    }

    @Test
    void countOfAutoAllocPastCapacity() {
      VmStateLoadException e = Outcome.fails(Hostile.AutoAlloc.VMSD, new Hostile.AutoAlloc(),
          bytes("05 30 30 30 30 30"));
      assertThat(e.path()).isEqualTo("test/autoalloc/ar");
    }
  }

  /** Deliberate checks: queues, subsections, nesting. */
  @Nested
  class Structure {
    @Test
    void endlessQueueEndsAtTheEndOfTheStreamInLinearTime() {
      long small = time(1 << 18);
      long big = time(1 << 21);
      // 8 times the bytes: allow generous noise, but not quadratic growth (64x)
      assertThat(big).as("ns for 2 MiB vs %d ns for 256 KiB", small).isLessThan(
          Math.max(small, 5_000_000L) * 24);
    }

    private long time(int n) {
      byte[] wire = new byte[n];
      Arrays.fill(wire, (byte) 1);
      long best = Long.MAX_VALUE;
      for (int round = 0; round < 3; round++) {
        Hostile.EmptyQueue o = new Hostile.EmptyQueue();
        long t0 = System.nanoTime();
        VmStateLoadException e = Outcome.check("endless queue",
            () -> VmState.load(Hostile.EmptyQueue.VMSD, o, wire), o);
        best = Math.min(best, System.nanoTime() - t0);
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("end of stream");
        assertThat(o.q).isEmpty();
      }
      return best;
    }

    @Test
    void queueReplacedOnlyOnSuccess() {
      Hostile.Queue o = new Hostile.Queue();
      o.q.get(0).v = 7;
      Outcome.fails(Hostile.Queue.VMSD, o, bytes("01 05 01 06 01"));
      assertThat(o.q).hasSize(1);
      assertThat(Outcome.load(Hostile.Queue.VMSD, o, bytes("01 05 01 06 00 00000009"))).isNull();
      assertThat(o.q).extracting(x -> x.v).containsExactly(5, 6);
    }

    @ParameterizedTest
    @ValueSource(strings = {"05", "05 0e", "05 0d 77697468737562", "05 0d 77697468737562 2f6578747261",
        "05 0d 77697468737562 2f6578747261 0000", "05 0d 77697468737562 2f6578747261 00000001 00",
        "05 ff", "05 00", "05 0d 77697468737562 2f65787472", "05 0d 77697468737562 2f7a7a7a7a7a"})
    void subsectionLookAheadAtTheEndOfTheStream(String tail) {
      Hostile.WithSub o = new Hostile.WithSub();
      VmStateLoadException e =
          Outcome.fails(Hostile.WithSub.VMSD, o, cat(be32(3), bytes(tail)));
      assertThat(o.a).isZero();
      assertThat(e.offset()).isBetween(4L, 4L + bytes(tail).length);
    }

    @Test
    void subsectionLoads() {
      Hostile.WithSub o = new Hostile.WithSub();
      assertThat(Outcome.load(Hostile.WithSub.VMSD, o,
          cat(be32(3), bytes("05 0d 77697468737562 2f6578747261 00000001 00000009")))).isNull();
      assertThat(o.extra).isEqualTo(9);
    }

    @Test
    void deepNestingOverflowingTheStackIsALoadError() throws Exception {
      int depth = 3000;
      var d = Hostile.Node.chain(depth);
      byte[] wire = new byte[depth];
      Arrays.fill(wire, (byte) 1);
      // compile with a large stack, load with a small one
      Throwable[] out = new Throwable[1];
      Thread big = new Thread(null, () -> VmState.prepare(d), "compile", 512L << 20);
      big.start();
      big.join();
      Hostile.Node root = new Hostile.Node();
      Thread small = new Thread(null, () -> {
        try {
          out[0] = Outcome.check("deep nesting", () -> VmState.load(d, root, wire), root);
        } catch (Throwable t) {
          out[0] = t;
        }
      }, "load", 256 << 10);
      small.start();
      small.join();
      assertThat(out[0]).isInstanceOf(VmStateLoadException.class);
      assertThat(out[0].getMessage()).contains("StackOverflowError");
      assertThat(((VmStateLoadException) out[0]).path()).startsWith("node1/next");
      assertThat(root.next).isNull();

      // with a big enough stack the same stream loads
      Thread ok = new Thread(null, () -> {
        try {
          VmState.load(d, root, wire);
        } catch (Throwable t) {
          out[0] = t;
        }
      }, "load-big", 512L << 20);
      out[0] = null;
      ok.start();
      ok.join();
      assertThat(out[0]).isNull();
      assertThat(root.next.next.v).isEqualTo(1);
    }
  }
}
