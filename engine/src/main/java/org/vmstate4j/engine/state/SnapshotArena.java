package org.vmstate4j.engine.state;

import java.util.Arrays;

/**
 * The ints that {@link org.vmstate4j.engine.model.DirectCodec#snapshot}s of a load's undo
 * records go to, in the order of the records; kept from load to load, so repeated loads record
 * without allocating.
 */
final class SnapshotArena {
  private static final int MAX = Integer.MAX_VALUE - 8;

  private int[] ints = new int[0];
  /** Ints in use, from the start. */
  private int top;

  /** Room for {@code n} more ints; returns where they start. */
  int reserve(long n) {
    int at = top;
    if (at + n > ints.length) {
      if (at + n > MAX) {
        throw new OutOfMemoryError("undo snapshots of " + (at + n) + " ints");
      }
      long twice = Math.min(2L * ints.length, MAX);
      ints = Arrays.copyOf(ints, (int) Math.max(Math.max(at + n, twice), 1024));
    }
    top = (int) (at + n);
    return at;
  }

  /** The ints (a new array after a {@link #reserve} that grew). */
  int[] array() {
    return ints;
  }

  /** Gives back every int from {@code at} on. */
  void truncate(int at) {
    top = at;
  }
}
