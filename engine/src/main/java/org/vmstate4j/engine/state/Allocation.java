package org.vmstate4j.engine.state;

import org.vmstate4j.engine.VmStateLoadException;

/** Checks an allocation driven by stream content before it happens. */
final class Allocation {
  private Allocation() {}

  /**
   * Fails unless {@code count} elements of {@code elementBytes} fit the allocation limit and,
   * where the stream length is known and each element takes at least {@code wireBytes} on the
   * wire, the bytes left: a size from the stream never allocates more than the stream can fill.
   */
  static void check(LoadContext ctx, long count, long elementBytes, int wireBytes,
      String what) {
    checkWire(ctx, count, wireBytes, what);
    long bytes = count * Math.max(1, elementBytes);
    if (count < 0 || bytes < 0 || bytes > ctx.options.maxAllocationBytes()) {
      throw new VmStateLoadException(what + " allocation over the limit", ctx.in.position(),
          "<= " + ctx.options.maxAllocationBytes() + " bytes", bytes + " bytes");
    }
  }

  /** Fails when {@code count} elements of at least {@code wireBytes} each exceed the input. */
  static void checkWire(LoadContext ctx, long count, int wireBytes) {
    checkWire(ctx, count, wireBytes, "count");
  }

  private static void checkWire(LoadContext ctx, long count, int wireBytes, String what) {
    if (wireBytes <= 0) {
      return;
    }
    long rem = ctx.in.remaining();
    if (rem >= 0 && count * wireBytes > rem) {
      throw new VmStateLoadException(what + " larger than the stream", ctx.in.position(),
          count * wireBytes + " bytes for " + count + " elements", rem + " bytes left");
    }
  }
}
