package org.vmstate4j.examples.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.HexFormat;
import org.vmstate4j.engine.VmStateLoadException;
import org.vmstate4j.engine.model.VmStateDescription;
import org.vmstate4j.engine.state.LoadOptions;
import org.vmstate4j.engine.state.VmState;
import org.vmstate4j.engine.io.VmInput;

/**
 * The safety contract of a load: it succeeds, or it throws a {@link VmStateLoadException}
 * (exactly that type) that names a stream offset, and then every destination object is as it
 * was before ({@link Snapshot}, by value and by identity). Nothing else may escape.
 */
final class Outcome {
  private Outcome() {}

  /** A load to run. */
  @FunctionalInterface
  interface Load {
    void run();
  }

  /**
   * Runs {@code load}; returns null on success, else the load error, after checking that the
   * objects reachable from {@code roots} are unchanged.
   */
  static VmStateLoadException check(String what, Load load, Object... roots) {
    Snapshot before = Snapshot.of(roots);
    Throwable t = null;
    try {
      load.run();
    } catch (Throwable x) {
      t = x;
    }
    if (t == null) {
      return null;
    }
    if (t.getClass() != VmStateLoadException.class) {
      throw new AssertionError(what + ": escaped " + t, t);
    }
    VmStateLoadException e = (VmStateLoadException) t;
    if (e.offset() < 0) {
      fail(what + ": load error without a stream offset: " + e.getMessage());
    }
    String diff = before.difference(Snapshot.of(roots));
    if (diff != null) {
      fail(what + ": destination changed by the failed load (" + e.getMessage() + "): " + diff);
    }
    return e;
  }

  /** Loads all of {@code bytes} into {@code obj} with {@link VmState#load(VmStateDescription, Object, byte[])}. */
  static VmStateLoadException load(VmStateDescription d, Object obj, byte[] bytes) {
    return check(d.name() + " <- " + hex(bytes), () -> VmState.load(d, obj, bytes), obj);
  }

  /** Loads {@code bytes} into {@code obj} at the description's version with options. */
  static VmStateLoadException load(VmStateDescription d, Object obj, byte[] bytes,
      LoadOptions options) {
    return check(d.name() + " <- " + hex(bytes),
        () -> VmState.load(d, obj, VmInput.of(bytes), d.versionId(), options), obj);
  }

  /** As {@link #load(VmStateDescription, Object, byte[])}, and it must fail. */
  static VmStateLoadException fails(VmStateDescription d, Object obj, byte[] bytes) {
    VmStateLoadException e = load(d, obj, bytes);
    assertThat(e).as("load of %s must fail", hex(bytes)).isNotNull();
    assertThat(e.path()).startsWith(d.name());
    return e;
  }

  static String hex(byte[] b) {
    return b.length > 64 ? HexFormat.of().formatHex(b, 0, 64) + "…(" + b.length + " bytes)"
        : HexFormat.of().formatHex(b);
  }

  static byte[] bytes(String hex) {
    return HexFormat.of().parseHex(hex.replaceAll("[\\s|·]", ""));
  }
}
