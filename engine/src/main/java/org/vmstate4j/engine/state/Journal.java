package org.vmstate4j.engine.state;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Undo log of a load: every change to an object that existed before the load is recorded, so
 * that a failed load puts every destination back exactly as it was. Objects the load itself
 * creates are not recorded; they simply become unreachable.
 */
final class Journal {
  private static final byte LONG = 0;
  private static final byte DOUBLE = 1;
  private static final byte REF = 2;
  private static final byte CONTENTS = 3;
  private static final byte ACTION = 4;

  private byte[] kinds = new byte[64];
  private @Nullable Slots[] slots = new Slots[64];
  private @Nullable Object[] containers = new Object[64];
  private int[] indices = new int[64];
  private long[] longs = new long[64];
  private @Nullable Object[] refs = new Object[64];
  private int size;

  private int add(byte kind, @Nullable Slots s, @Nullable Object c, int i) {
    if (size == kinds.length) {
      int n = size * 2;
      kinds = Arrays.copyOf(kinds, n);
      slots = Arrays.copyOf(slots, n);
      containers = Arrays.copyOf(containers, n);
      indices = Arrays.copyOf(indices, n);
      longs = Arrays.copyOf(longs, n);
      refs = Arrays.copyOf(refs, n);
    }
    kinds[size] = kind;
    slots[size] = s;
    containers[size] = c;
    indices[size] = i;
    return size++;
  }

  void recordLong(Slots s, Object c, int i) {
    if (!s.elementType.isPrimitive() && s.get(c, i) == null) {
      // a null box has no numeric value to keep: record the null reference itself
      recordRef(s, c, i);
      return;
    }
    int k = add(LONG, s, c, i);
    longs[k] = s.getLong(c, i);
  }

  void recordDouble(Slots s, Object c, int i) {
    if (!s.elementType.isPrimitive() && s.get(c, i) == null) {
      recordRef(s, c, i);
      return;
    }
    int k = add(DOUBLE, s, c, i);
    longs[k] = Double.doubleToRawLongBits(s.getDouble(c, i));
  }

  void recordRef(Slots s, Object c, int i) {
    int k = add(REF, s, c, i);
    refs[k] = s.get(c, i);
  }

  /** Records a whole container's contents (arrays loaded in place, lists). */
  void recordContents(Slots s, Object c) {
    Object snap = s.snapshot(c);
    if (snap != null) {
      int k = add(CONTENTS, s, c, 0);
      refs[k] = snap;
    }
  }

  /** Records an arbitrary undo step (e.g. restoring a ByteBuffer region). */
  void recordAction(Runnable undo) {
    int k = add(ACTION, null, null, 0);
    refs[k] = undo;
  }

  /** Position to roll back to. */
  int mark() {
    return size;
  }

  /** Undoes every change after {@code mark}, newest first. */
  void rollback(int mark) {
    for (int k = size - 1; k >= mark; k--) {
      Slots s = slots[k];
      Object c = containers[k];
      switch (kinds[k]) {
        case LONG:
          s.setLong(c, indices[k], longs[k]);
          break;
        case DOUBLE:
          s.setDouble(c, indices[k], Double.longBitsToDouble(longs[k]));
          break;
        case REF:
          s.set(c, indices[k], refs[k]);
          break;
        case CONTENTS:
          s.restore(c, refs[k]);
          break;
        default:
          ((Runnable) refs[k]).run();
          break;
      }
      slots[k] = null;
      containers[k] = null;
      refs[k] = null;
    }
    size = mark;
  }

  /** Forgets everything (the load succeeded). */
  void clear() {
    Arrays.fill(slots, 0, size, null);
    Arrays.fill(containers, 0, size, null);
    Arrays.fill(refs, 0, size, null);
    size = 0;
  }
}
