package org.vmstate4j.junit;

import java.util.HexFormat;
import java.util.function.Supplier;
import org.opentest4j.AssertionFailedError;
import org.vmstate4j.engine.VmStateException;
import org.vmstate4j.engine.VmStateLoadException;
import org.vmstate4j.engine.io.VmInput;
import org.vmstate4j.engine.model.VmStateDescription;
import org.vmstate4j.engine.state.VmState;

/**
 * Assertions for tests of vmstate descriptions, meant for static import.
 *
 * <pre>{@code
 * Ctrl copy = assertRoundTrip(Ctrl.VMSD, ctrl, () -> new Ctrl(4));
 * assertSavesTo(Sq.VMSD, sq, "0002 0001 00000010 00000012 00000400 000000000007f000");
 * assertMigrates(CtrlV1.VMSD, oldCtrl, Ctrl.VMSD, new Ctrl(4));
 * }</pre>
 *
 * <p>Hex strings may contain spaces, {@code |} and {@code ·} as separators.
 */
public final class VmStateAssertions {
  private static final HexFormat HEX = HexFormat.of();

  private VmStateAssertions() {}

  /**
   * Saves {@code obj}, loads the bytes into {@code fresh.get()}, saves that again and asserts
   * both saves are identical. Returns the loaded copy for further checks.
   */
  public static <T> T assertRoundTrip(VmStateDescription d, T obj, Supplier<? extends T> fresh) {
    byte[] first = save(d, obj, "save of the original");
    T copy = fresh.get();
    try {
      VmState.load(d, copy, first);
    } catch (VmStateException e) {
      throw new AssertionFailedError("loading what " + d.name() + " saved failed: "
          + e.getMessage(), e);
    }
    byte[] second = save(d, copy, "save of the loaded copy");
    assertBytes("the loaded copy of " + d.name() + " saves differently", first, second);
    return copy;
  }

  /** Asserts that saving {@code obj} gives exactly {@code expectedHex}. */
  public static void assertSavesTo(VmStateDescription d, Object obj, String expectedHex) {
    assertBytes("bytes of " + d.name(), parse(expectedHex), save(d, obj, "save"));
  }

  /** Loads {@code hex} (sent at the description's version) into {@code obj}; returns it. */
  public static <T> T assertLoads(VmStateDescription d, T obj, String hex) {
    return assertLoads(d, obj, hex, d.versionId());
  }

  /** Loads {@code hex}, sent at {@code versionId}, into {@code obj}; all bytes must be used. */
  public static <T> T assertLoads(VmStateDescription d, T obj, String hex, int versionId) {
    byte[] bytes = parse(hex);
    VmInput in = VmInput.of(bytes);
    try {
      VmState.load(d, obj, in, versionId);
    } catch (VmStateException e) {
      throw new AssertionFailedError("load into " + d.name() + " failed: " + e.getMessage(), e);
    }
    if (!in.atEnd()) {
      throw new AssertionFailedError(d.name() + " left " + in.remaining()
          + " of " + bytes.length + " bytes unread");
    }
    return obj;
  }

  /**
   * Saves {@code src} with {@code from} (e.g. the v1 description) and loads the bytes into
   * {@code dst} with {@code to} (e.g. v2), as a stream sent at {@code from}'s version would be.
   */
  public static <T> T assertMigrates(
      VmStateDescription from, Object src, VmStateDescription to, T dst) {
    byte[] bytes = save(from, src, "save with " + from.name() + " v" + from.versionId());
    VmInput in = VmInput.of(bytes);
    try {
      VmState.load(to, dst, in, from.versionId());
    } catch (VmStateException e) {
      throw new AssertionFailedError("v" + from.versionId() + " → v" + to.versionId()
          + " of " + to.name() + " failed: " + e.getMessage(), e);
    }
    if (!in.atEnd()) {
      throw new AssertionFailedError("v" + to.versionId() + " left " + in.remaining()
          + " bytes of the v" + from.versionId() + " stream unread");
    }
    return dst;
  }

  /**
   * Asserts that loading {@code hex} into {@code obj} fails with a load error whose message
   * contains {@code messagePart}; returns the error for further checks.
   */
  public static VmStateLoadException assertLoadFails(
      VmStateDescription d, Object obj, String hex, String messagePart) {
    try {
      VmState.load(d, obj, parse(hex));
    } catch (VmStateLoadException e) {
      if (!String.valueOf(e.getMessage()).contains(messagePart)) {
        throw new AssertionFailedError("load error does not mention \"" + messagePart + "\"",
            messagePart, e.getMessage());
      }
      return e;
    }
    throw new AssertionFailedError("load into " + d.name() + " succeeded; expected an error"
        + " mentioning \"" + messagePart + "\"");
  }

  private static byte[] save(VmStateDescription d, Object obj, String what) {
    try {
      return VmState.save(d, obj);
    } catch (VmStateException e) {
      throw new AssertionFailedError(what + " of " + d.name() + " failed: " + e.getMessage(), e);
    }
  }

  private static void assertBytes(String what, byte[] expected, byte[] actual) {
    int n = Math.min(expected.length, actual.length);
    int at = -1;
    for (int i = 0; i < n; i++) {
      if (expected[i] != actual[i]) {
        at = i;
        break;
      }
    }
    if (at < 0 && expected.length == actual.length) {
      return;
    }
    String where = at >= 0 ? "first difference at byte " + at
        : "lengths differ: expected " + expected.length + ", got " + actual.length;
    throw new AssertionFailedError(what + ": " + where, HEX.formatHex(expected),
        HEX.formatHex(actual));
  }

  /** Parses hex with optional separators (space, {@code |}, {@code ·}, {@code :}). */
  static byte[] parse(String hex) {
    return HEX.parseHex(hex.replaceAll("[\\s|·:_]", ""));
  }
}
