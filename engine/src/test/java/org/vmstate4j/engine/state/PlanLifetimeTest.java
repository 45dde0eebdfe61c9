package org.vmstate4j.engine.state;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.vmstate4j.engine.codec.Codec;
import org.vmstate4j.engine.codec.Codecs;
import org.vmstate4j.engine.model.FieldAccessor;
import org.vmstate4j.engine.model.VmStateDescription;
import org.vmstate4j.engine.model.VmStateField;
import org.vmstate4j.engine.model.VmsFlags;
import org.vmstate4j.engine.testing.Access;

/**
 * A compiled plan lives as long as its description and no longer: 100,000 throw-away
 * descriptions (each new, with scalar and array fields, a nested struct and a subsection),
 * each saved and loaded once, leave neither themselves nor their plans behind.
 */
class PlanLifetimeTest {
  static final class Inner {
    int x;
    short y;
  }

  static final class Dev {
    int a;
    long b;
    byte c;
    boolean flag;
    int[] regs = new int[4];
    Inner inner = new Inner();
    int extra;
  }

  private static final int ROUNDS = 100_000;
  private static final int FIRST = 10_000;
  /** Descriptions watched through weak references: the first ones made. */
  private static final int WATCHED = 1_000;
  /**
   * Allowed growth of the heap between round 10,000 and round 100,000. Each plan kept with its
   * description takes a few KiB, so keeping the 90,000 made in between would take well over
   * 100 MiB; what remains of a correct run is GC noise.
   */
  private static final long SLACK = 8L << 20;

  // the accessors are shared: descriptions, fields and plans are what each round makes anew
  private static final FieldAccessor A = Access.field(Dev.class, "a");
  private static final FieldAccessor B = Access.field(Dev.class, "b");
  private static final FieldAccessor C = Access.field(Dev.class, "c");
  private static final FieldAccessor FLAG = Access.field(Dev.class, "flag");
  private static final FieldAccessor REGS = Access.field(Dev.class, "regs");
  private static final FieldAccessor INNER = Access.field(Dev.class, "inner");
  private static final FieldAccessor EXTRA = Access.field(Dev.class, "extra");
  private static final FieldAccessor X = Access.field(Inner.class, "x");
  private static final FieldAccessor Y = Access.field(Inner.class, "y");

  private static VmStateField scalar(String name, Codec codec, FieldAccessor acc) {
    return VmStateField.builder(name).flags(VmsFlags.SINGLE).codec(codec).accessor(acc).build();
  }

  /** Description number {@code k}: top level, nested struct and subsection, all new. */
  private static VmStateDescription throwAway(int k) {
    VmStateDescription inner = VmStateDescription.builder("inner-" + k).versionId(1)
        .field(scalar("x", Codecs.UINT32, X))
        .field(scalar("y", Codecs.UINT16, Y))
        .build();
    VmStateDescription sub = VmStateDescription.builder("dev-" + k + "/extra").versionId(1)
        .needed(o -> ((Dev) o).extra != 0)
        .field(scalar("extra", Codecs.UINT32, EXTRA))
        .build();
    return VmStateDescription.builder("dev-" + k).versionId(1 + k % 3)
        .field(scalar("a", Codecs.UINT32, A))
        .field(scalar("b", Codecs.UINT64, B))
        .field(scalar("c", Codecs.UINT8, C))
        .field(scalar("flag", Codecs.BOOL, FLAG))
        .field(VmStateField.builder("regs").flags(VmsFlags.ARRAY).num(4).codec(Codecs.UINT32)
            .accessor(REGS).build())
        .field(VmStateField.builder("inner").flags(VmsFlags.STRUCT).vmsd(inner)
            .accessor(INNER).build())
        .subsection(sub)
        .build();
  }

  /** Saves a device with {@code d} and loads it into another; both must agree. */
  private static void roundTrip(VmStateDescription d, int k) {
    Dev src = new Dev();
    src.a = k;
    src.b = -k;
    src.c = (byte) k;
    src.flag = (k & 1) != 0;
    src.regs = new int[] {k, k + 1, k + 2, k + 3};
    src.inner.x = k * 7;
    src.inner.y = (short) k;
    src.extra = k;
    byte[] bytes = VmState.save(d, src);
    Dev dst = new Dev();
    VmState.load(d, dst, bytes);
    if (dst.a != src.a || dst.b != src.b || dst.c != src.c || dst.flag != src.flag
        || dst.regs[3] != src.regs[3] || dst.inner.x != src.inner.x
        || dst.inner.y != src.inner.y || dst.extra != src.extra) {
      throw new AssertionError("round " + k + " did not load what it saved");
    }
  }

  @Test
  void throwAwayDescriptionsAreCollectedWithTheirPlans() {
    List<WeakReference<VmStateDescription>> watched = new ArrayList<>();
    for (int k = 0; k < FIRST; k++) {
      VmStateDescription d = throwAway(k);
      roundTrip(d, k);
      if (k < WATCHED) {
        watched.add(new WeakReference<>(d));
        watched.add(new WeakReference<>(d.fields().get(5).vmsd()));
        watched.add(new WeakReference<>(d.subsections().get(0)));
      }
    }
    long atFirst = usedAfterGc();
    for (int k = FIRST; k < ROUNDS; k++) {
      roundTrip(throwAway(k), k);
    }
    long atEnd = usedAfterGc();

    long alive = 0;
    for (int gc = 0; gc < 10 && (alive = alive(watched)) > 0; gc++) {
      System.gc();
    }
    System.out.printf("plans: used heap after GC %d KiB at round %d, %d KiB at round %d;"
        + " %d of %d watched descriptions reachable%n", atFirst >> 10, FIRST, atEnd >> 10,
        ROUNDS, alive, watched.size());
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(alive).as("descriptions of the first %d rounds (and their nested ones) still"
        + " reachable after GC", WATCHED).isZero();
    soft.assertThat(atEnd - atFirst)
        .as("heap growth from round %d (%d KiB used) to round %d (%d KiB used)", FIRST,
            atFirst >> 10, ROUNDS, atEnd >> 10)
        .isLessThan(SLACK);
    soft.assertAll();
  }

  private static long alive(List<WeakReference<VmStateDescription>> refs) {
    return refs.stream().filter(r -> r.get() != null).count();
  }

  /** Used heap once full GCs stop freeing anything (bounded: at most 10 of them). */
  private static long usedAfterGc() {
    MemoryMXBean m = ManagementFactory.getMemoryMXBean();
    long best = Long.MAX_VALUE;
    for (int gc = 0; gc < 10; gc++) {
      System.gc();
      long used = m.getHeapMemoryUsage().getUsed();
      if (used >= best - (64 << 10)) {
        return Math.min(best, used);
      }
      best = used;
    }
    return best;
  }
}
