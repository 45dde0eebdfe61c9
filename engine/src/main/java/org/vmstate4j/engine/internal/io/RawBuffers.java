package org.vmstate4j.engine.internal.io;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.vmstate4j.engine.io.VmInput;
import org.vmstate4j.engine.io.VmOutput;

/**
 * The bytes behind a {@link VmOutput} or {@link VmInput}, claimed or taken in place and filled
 * or read by index: for generated codecs and the stream walker, not for users. The methods that
 * do it are package-private in {@code org.vmstate4j.engine.io}, so that the public API of the
 * reader and writer stays the stream one; this class reaches them through the io package's
 * {@link Access}, made once (a constant, which the JIT calls directly).
 */
public final class RawBuffers {
  /** What the io package implements; not for implementation elsewhere. */
  public interface Access {
    int claim(VmOutput out, int n);

    void unclaim(VmOutput out, int n);

    int take(VmInput in, int n);

    /** The buffer of a {@link VmOutput} or {@link VmInput}. */
    byte[] buffer(Object io);
  }

  private static final Access IO = io();

  private RawBuffers() {}

  private static Access io() {
    try {
      MethodHandles.Lookup l =
          MethodHandles.privateLookupIn(VmOutput.class, MethodHandles.lookup());
      Class<?> c = l.findClass("org.vmstate4j.engine.io.RawAccess");
      return (Access) l.findConstructor(c, MethodType.methodType(void.class)).invoke();
    } catch (Throwable t) {
      throw new ExceptionInInitializerError(t);
    }
  }

  /**
   * Reserves the next {@code n} bytes of {@code out} (at most its buffer's size for a stream
   * writer), draining or growing the buffer first if they do not fit, and returns their index
   * in {@link #buffer(VmOutput)}; the caller fills them, e.g. with
   * {@link VmOutput#putInt(byte[], int, int)}.
   */
  public static int claim(VmOutput out, int n) {
    return IO.claim(out, n);
  }

  /**
   * Gives back the last {@code n} bytes claimed from {@code out}, as if they had not been:
   * valid only when nothing was claimed or written after them.
   */
  public static void unclaim(VmOutput out, int n) {
    IO.unclaim(out, n);
  }

  /** The current buffer of {@code out}, which {@link #claim(VmOutput, int)} indexes. */
  public static byte[] buffer(VmOutput out) {
    return IO.buffer(out);
  }

  /**
   * Consumes the next {@code n} bytes of {@code in}, which must be buffered
   * ({@link VmInput#bufferedBytes()}), and returns their index in {@link #buffer(VmInput)},
   * where they can be read with {@link VmInput#getInt(byte[], int)} and the like.
   */
  public static int take(VmInput in, int n) {
    return IO.take(in, n);
  }

  /** The buffer of {@code in}, which {@link #take(VmInput, int)} indexes. */
  public static byte[] buffer(VmInput in) {
    return IO.buffer(in);
  }
}
