package org.vmstate4j.engine.io;

import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * Moves runs of primitive-array elements to or from a byte buffer, big-endian, through one
 * {@link ByteBuffer} view of it: the bulk array reads of {@link VmInput} and writes of
 * {@link VmOutput}. The element type is dispatched once a run, not once an element.
 */
final class Bulk {
  private Bulk() {}

  /**
   * Moves {@code n} elements between {@code buf} from byte index {@code at} and {@code a} (an
   * array of bytes, shorts, chars, ints or longs) from element {@code off}: into {@code a} when
   * {@code read}, else into {@code buf}. {@code view} is the caller's cached view; returns the
   * view of {@code buf} to cache (a new one when {@code buf} was replaced).
   */
  static ByteBuffer move(@Nullable ByteBuffer view, byte[] buf, int at, Object a, int off, int n,
      boolean read) {
    ByteBuffer v = view != null && view.array() == buf ? view : ByteBuffer.wrap(buf);
    if (a instanceof byte[]) {
      if (read) {
        System.arraycopy(buf, at, a, off, n);
      } else {
        System.arraycopy(a, off, buf, at, n);
      }
    } else if (a instanceof int[]) {
      if (read) {
        v.position(at).asIntBuffer().get((int[]) a, off, n);
      } else {
        v.position(at).asIntBuffer().put((int[]) a, off, n);
      }
    } else if (a instanceof long[]) {
      if (read) {
        v.position(at).asLongBuffer().get((long[]) a, off, n);
      } else {
        v.position(at).asLongBuffer().put((long[]) a, off, n);
      }
    } else if (a instanceof short[]) {
      if (read) {
        v.position(at).asShortBuffer().get((short[]) a, off, n);
      } else {
        v.position(at).asShortBuffer().put((short[]) a, off, n);
      }
    } else if (read) {
      v.position(at).asCharBuffer().get((char[]) a, off, n);
    } else {
      v.position(at).asCharBuffer().put((char[]) a, off, n);
    }
    return v;
  }
}
