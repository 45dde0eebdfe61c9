package org.vmstate4j.engine.state;

import java.util.Arrays;

/**
 * The longs that {@link org.vmstate4j.engine.model.DirectCodec#snapshot}s of a load's undo
 * records go to, in the order of the records; kept from load to load, so repeated loads record
 * without allocating.
 */
final class SnapshotArena {
  private static final int MAX = Integer.MAX_VALUE - 8;

  private long[] longs = new long[0];
  /** Longs in use, from the start. */
  private int top;

  /** Room for {@code n} more longs; returns where they start. */
  int reserve(long n) {
    int at = top;
    if (at + n > longs.length) {
      if (at + n > MAX) {
        throw new OutOfMemoryError("undo snapshots of " + (at + n) + " longs");
      }
      long twice = Math.min(2L * longs.length, MAX);
      longs = Arrays.copyOf(longs, (int) Math.max(Math.max(at + n, twice), 1024));
    }
    top = (int) (at + n);
    return at;
  }

  /** The longs (a new array after a {@link #reserve} that grew). */
  long[] array() {
    return longs;
  }

  /** Gives back every long from {@code at} on. */
  void truncate(int at) {
    top = at;
  }
}
