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
          + " of " + bytes.length + " bytes unread, " + unread(bytes, in.remaining()));
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
          + " of " + bytes.length + " bytes of the v" + from.versionId() + " stream unread, "
          + unread(bytes, in.remaining()));
    }
    return dst;
  }

  /**
   * Asserts that loading {@code hex} into {@code obj} fails with a load error whose message
   * contains {@code messagePart}; returns the error for further checks.
   */
  public static VmStateLoadException assertLoadFails(
      VmStateDescription d, Object obj, String hex, String messagePart) {
    byte[] bytes = parse(hex);
    try {
      VmState.load(d, obj, bytes);
    } catch (VmStateLoadException e) {
      if (!String.valueOf(e.getMessage()).contains(messagePart)) {
        throw new AssertionFailedError("expected a load error mentioning \"" + messagePart
            + "\", but the load into " + d.name() + " failed with:\n  " + e.getMessage(),
            messagePart, e.getMessage(), e);
      }
      return e;
    }
    throw new AssertionFailedError("load into " + d.name() + " succeeded (all " + bytes.length
        + " bytes); expected a load error mentioning \"" + messagePart + "\"");
  }

  private static byte[] save(VmStateDescription d, Object obj, String what) {
    try {
      return VmState.save(d, obj);
    } catch (VmStateException e) {
      throw new AssertionFailedError(what + " of " + d.name() + " failed: " + e.getMessage(), e);
    }
  }

  /** Bytes shown on each side of the first difference. */
  private static final int CONTEXT = 16;

  // Surefire prints only the message (not opentest4j's expected/actual), so it holds both sides.
  static void assertBytes(String what, byte[] expected, byte[] actual) {
    int at = java.util.Arrays.mismatch(expected, actual);
    if (at < 0) {
      return;
    }
    StringBuilder m = new StringBuilder(what).append(": ");
    if (expected.length != actual.length) {
      m.append("expected ").append(expected.length).append(" bytes, actual ")
          .append(actual.length).append("; ");
    }
    m.append("first difference at byte ").append(offset(at)).append('\n');
    int from = Math.max(0, at - CONTEXT);
    m.append("  expected @").append(offset(from)).append(": ")
        .append(window(expected, from, at)).append('\n');
    m.append("  actual   @").append(offset(from)).append(": ")
        .append(window(actual, from, at));
    throw new AssertionFailedError(m.toString(), HEX.formatHex(expected), HEX.formatHex(actual));
  }

  private static String unread(byte[] bytes, long remaining) {
    int from = (int) (bytes.length - remaining);
    int to = Math.min(bytes.length, from + 2 * CONTEXT);
    return "from byte " + offset(from) + ": " + HEX.formatHex(bytes, from, to)
        + (to < bytes.length ? " …" : "");
  }

  private static String offset(int at) {
    return at == 0 ? "0" : at + " (0x" + Integer.toHexString(at) + ")";
  }

  /** Bytes from {@code from} to {@code CONTEXT} past {@code mark}, the byte at mark in []. */
  private static String window(byte[] b, int from, int mark) {
    StringBuilder s = new StringBuilder();
    int to = Math.min(b.length, mark + CONTEXT + 1);
    for (int i = from; i < to; i++) {
      if (i > from) {
        s.append(' ');
      }
      String h = HEX.toHexDigits(b[i]);
      s.append(i == mark ? "[" + h + "]" : h);
    }
    if (mark >= b.length) {
      s.append(s.length() > 0 ? " " : "").append("[end]");
    } else if (to < b.length) {
      s.append(" … (").append(b.length).append(" bytes)");
    }
    return s.toString();
  }

  /** Parses hex with optional separators (space, {@code |}, {@code ·}, {@code :}). */
  static byte[] parse(String hex) {
    return HEX.parseHex(hex.replaceAll("[\\s|·:_]", ""));
  }
}
