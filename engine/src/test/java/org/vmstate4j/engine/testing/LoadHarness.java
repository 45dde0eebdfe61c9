package org.vmstate4j.engine.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.vmstate4j.engine.VmStateLoadException;
import org.vmstate4j.engine.io.VmInput;
import org.vmstate4j.engine.model.VmStateDescription;
import org.vmstate4j.engine.state.VmState;

/**
 * QEMU's load_vmstate() rule for a load vector: loads of 0 bytes, n-2 bytes, the first half and
 * the second half (the last two only when n &gt; 3) must fail, and the full load must succeed.
 *
 * <p>Here a failure must be a {@link VmStateLoadException} and nothing else, and the destination
 * must be exactly as it was before the failed load. The full load gets QEMU's harness framing
 * (the state followed by the EOF byte 0x00) and must stop right before that byte.
 */
public final class LoadHarness {
  private LoadHarness() {}

  /** The truncated inputs of QEMU's rule. */
  public enum Cut {
    EMPTY,
    MINUS_TWO,
    FIRST_HALF,
    SECOND_HALF;

    byte[] apply(byte[] s) {
      int n = s.length;
      switch (this) {
        case EMPTY:
          return new byte[0];
        case MINUS_TWO:
          return Arrays.copyOf(s, n - 2);
        case FIRST_HALF:
          return Arrays.copyOf(s, n / 2);
        default:
          return Arrays.copyOfRange(s, n / 2, n / 2 + n / 2);
      }
    }
  }

  /** Applies the rule; returns the object loaded from the full vector. */
  public static <T> T loadVector(
      VmStateDescription d, Supplier<T> fresh, int version, byte[] state) {
    return loadVector(d, fresh, version, state, EnumSet.noneOf(Cut.class));
  }

  /**
   * Applies the rule. {@code wellFormed} names cuts whose bytes happen to begin with a complete,
   * valid state (data-dependent encodings: queues, counters on the wire), so that QEMU's rule
   * cannot hold for them; for those the harness asserts instead that they load without error.
   */
  public static <T> T loadVector(VmStateDescription d, Supplier<T> fresh, int version,
      byte[] state, Set<Cut> wellFormed) {
    List<Cut> cuts = new ArrayList<>();
    if (state.length > 0) {
      cuts.add(Cut.EMPTY);
    }
    if (state.length > 3) {
      cuts.add(Cut.MINUS_TWO);
      cuts.add(Cut.FIRST_HALF);
      cuts.add(Cut.SECOND_HALF);
    }
    assertThat(cuts).as("well-formed cuts must be cuts of this vector").containsAll(wellFormed);
    for (Cut cut : cuts) {
      byte[] part = cut.apply(state);
      T obj = fresh.get();
      VmInput in = VmInput.of(part);
      if (wellFormed.contains(cut)) {
        assertThatCode(() -> VmState.load(d, obj, in, version)).as(cut.name())
            .doesNotThrowAnyException();
        continue;
      }
      Throwable t = catchThrowable(() -> VmState.load(d, obj, in, version));
      assertThat(t).as("load of %s (%d bytes: %s)", cut, part.length, Hex.str(part))
          .isExactlyInstanceOf(VmStateLoadException.class);
      assertThat(obj).as("destination after the failed %s load", cut)
          .usingRecursiveComparison().isEqualTo(fresh.get());
    }
    byte[] wire = Arrays.copyOf(state, state.length + 1); // QEMU_VM_EOF
    T obj = fresh.get();
    VmInput in = VmInput.of(wire);
    VmState.load(d, obj, in, version);
    assertThat(in.position()).as("bytes consumed by the full load").isEqualTo(state.length);
    assertThat(in.readU8()).as("EOF byte left in place").isZero();
    return obj;
  }

  /** Loads {@code bytes} and expects a {@link VmStateLoadException} (exactly that type). */
  public static VmStateLoadException loadFails(
      VmStateDescription d, Object obj, int version, byte[] bytes) {
    Throwable t = catchThrowable(() -> VmState.load(d, obj, VmInput.of(bytes), version));
    assertThat(t).isExactlyInstanceOf(VmStateLoadException.class);
    return (VmStateLoadException) t;
  }
}
