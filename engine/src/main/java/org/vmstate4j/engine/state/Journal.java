package org.vmstate4j.engine.state;

import java.lang.ref.SoftReference;
import java.util.ArrayList;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.io.VmInput;
import org.vmstate4j.engine.io.VmOutput;
import org.vmstate4j.engine.model.DirectCodec;

/**
 * Undo log of a load: every change to an object that existed before the load is recorded, so
 * that a failed load puts every destination back exactly as it was. Objects the load itself
 * creates are not recorded; they simply become unreachable.
 *
 * <p>A journal keeps its arrays, its two arenas and its array snapshots after it is cleared;
 * loads borrow one per thread ({@link #acquire()}/{@link #release}), so repeated loads record
 * without allocating.
 */
final class Journal {
  private static final byte LONG = 0;
  private static final byte DOUBLE = 1;
  private static final byte REF = 2;
  private static final byte CONTENTS = 3;
  private static final byte ACTION = 4;
  private static final byte ARRAY = 5;
  private static final byte DIRECT = 6;
  private static final byte SNAPSHOT = 7;
  private static final byte RANGE = 8;
  private static final byte ZEROS = 9;
  private static final byte SNAPSHOT_RUN = 10;

  /** Bytes per chunk of an array recorded while it is read in place: well inside L1. */
  private static final int CHUNK_BYTES = 16 << 10;

  /** Array snapshots kept for reuse, at most this many. */
  private static final int SPARE_LIMIT = 16;

  private static final ThreadLocal<@Nullable SoftReference<Journal>> CACHE = new ThreadLocal<>();

  /** An undo step that may hold a resource to let go of when the load is kept. */
  interface Undo extends Runnable {
    /** The load succeeded: the step will not run. */
    default void discard() {}
  }

  private byte[] kinds = new byte[64];
  private @Nullable Slots[] slots = new Slots[64];
  private @Nullable Object[] containers = new Object[64];
  private int[] indices = new int[64];
  private long[] longs = new long[64];
  private @Nullable Object[] refs = new Object[64];
  private int size;
  /** Old wire bytes of objects recorded whole with a DirectCodec that takes no snapshots. */
  private @Nullable VmOutput arena;
  /** Snapshots of objects recorded whole with their DirectCodec. */
  private final SnapshotArena snaps = new SnapshotArena();
  /** Chunk buffer of {@link #readInPlace}, of the last array type read. */
  private @Nullable Object scratch;
  /** All zeros, of the scratch's type and length. */
  private @Nullable Object zeros;
  /** Snapshot arrays of earlier loads, free for reuse. */
  private final ArrayList<Object> spares = new ArrayList<>();

  /** This thread's spare journal, or a new one. */
  static Journal acquire() {
    SoftReference<Journal> r = CACHE.get();
    Journal j = r == null ? null : r.get();
    if (j == null) {
      return new Journal();
    }
    CACHE.set(null);
    return j;
  }

  /** Gives an empty journal back for the next load on this thread. */
  static void release(Journal j) {
    if (j.size == 0) {
      CACHE.set(new SoftReference<>(j));
    }
  }

  /**
   * Ends a load that succeeded: a dry run undoes what it changed, a real one forgets the undo
   * records; either way the journal goes back for the next load.
   */
  static void finish(Journal j, boolean dryRun) {
    if (dryRun) {
      j.rollback(0);
    } else {
      j.clear();
    }
    release(j);
  }

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
    if (c.getClass().isArray()) {
      int n = s.length(c);
      Object snap = spare(c, n);
      System.arraycopy(c, 0, snap, 0, n);
      int k = add(ARRAY, s, c, n);
      refs[k] = snap;
      return;
    }
    Object snap = s.snapshot(c);
    if (snap != null) {
      int k = add(CONTENTS, s, c, 0);
      refs[k] = snap;
    }
  }

  /**
   * Reads up to {@code n} raw elements of {@code width} bytes into primitive array {@code c} in
   * place (as {@link FieldLoad#readBulk}); returns how many were read. The input goes a chunk
   * at a time through a scratch array; a chunk equal to what {@code c} holds is not written, and
   * a chunk that differs has its old elements copied to a snapshot just before it is
   * overwritten, while they are in cache, unless they are all zero (a fresh array), which only
   * their range records. Only changed elements are recorded (a reload of the same state records
   * nothing), and a load that stops early or fails restores exactly what it changed.
   */
  int readInPlace(Object c, int n, int width, VmInput in) {
    int chunk = CHUNK_BYTES / width;
    Object tmp = scratch;
    if (tmp == null || tmp.getClass() != c.getClass()) {
      tmp = java.lang.reflect.Array.newInstance(c.getClass().getComponentType(), chunk);
      scratch = tmp;
      zeros = java.lang.reflect.Array.newInstance(c.getClass().getComponentType(), chunk);
    }
    Object zero = zeros;
    Object snap = null;
    int run = -1;
    int done = 0;
    while (done < n) {
      int r = FieldLoad.readBulk(in, tmp, 0, Math.min(chunk, n - done));
      if (r == 0) {
        break;
      }
      if (!PrimitiveArrays.sameRange(tmp, c, done, r)) {
        // old zeros (a fresh array) need no copy: their range is enough to put them back
        Object from = PrimitiveArrays.sameRange(zero, c, done, r) ? zero : null;
        if (from == null) {
          if (snap == null) {
            // the snapshot's entry comes first: it hands the array back after every range
            snap = spare(c, n);
            refs[add(ARRAY, null, c, 0)] = snap;
          }
          System.arraycopy(c, done, snap, done, r);
          from = snap;
        }
        System.arraycopy(tmp, 0, c, done, r);
        if (run >= 0 && refs[run] == from && longs[run] == done) {
          longs[run] = done + r;
        } else {
          run = add(from == zero ? ZEROS : RANGE, null, c, done);
          refs[run] = from;
          longs[run] = done + r;
        }
      }
      done += r;
    }
    return done;
  }

  /** A free snapshot array for {@code n} elements of {@code c}'s kind (references: Object[]). */
  private Object spare(Object c, int n) {
    Class<?> component = c.getClass().getComponentType();
    Class<?> want = component.isPrimitive() ? c.getClass() : Object[].class;
    // the smallest that fits: a large spare stays free for the large array it was made for
    int best = -1;
    int bestLength = Integer.MAX_VALUE;
    for (int k = 0; k < spares.size(); k++) {
      Object a = spares.get(k);
      int len;
      if (a.getClass() == want && (len = PrimitiveArrays.length(a)) >= n && len < bestLength) {
        best = k;
        bestLength = len;
      }
    }
    if (best >= 0) {
      return spares.remove(best);
    }
    // n is the whole array: a clone has the right kind and length (copied again after)
    return component.isPrimitive() ? PrimitiveArrays.copy(c) : new Object[n];
  }

  /** Keeps snapshot {@code a}, of which the first {@code used} elements hold a copy. */
  private void keepSpare(Object a, int used) {
    if (a instanceof Object[]) {
      // no references into the destination outlive the load; only the copied part holds any
      // (a large spare reused for a small array is not cleared whole on every load)
      Arrays.fill((Object[]) a, 0, used, null);
    }
    if (spares.size() < SPARE_LIMIT) {
      spares.add(a);
    }
  }

  /**
   * Records all of {@code obj} with {@code dc}: a snapshot, or its old wire bytes when the codec
   * takes no snapshots; false (nothing recorded) when {@code dc} cannot save the current values.
   */
  boolean recordDirect(DirectCodec dc, Object obj) {
    int w = dc.snapshotInts();
    if (w >= 0) {
      int at = snaps.reserve(w);
      if (!dc.snapshot(obj, snaps.array(), at)) {
        snaps.truncate(at);
        return false;
      }
      int k = add(SNAPSHOT, null, obj, at);
      refs[k] = dc;
      return true;
    }
    if (arena == null) {
      arena = VmOutput.inMemory(new byte[4096]);
    }
    long at = arena.position();
    if (!dc.save(obj, arena)) {
      return false;
    }
    int k = add(DIRECT, null, obj, 0);
    refs[k] = dc;
    longs[k] = at;
    return true;
  }

  /**
   * Starts an entry for up to {@code max} elements of {@code a} from {@code from} on, which
   * {@code dc} (that takes snapshots) snapshots one at a time into {@link #snapshots()} from
   * {@link #runStart} on, each just before it is loaded, while it is in cache for its load;
   * {@link #endRun} says how far they got. Returns the entry.
   */
  int beginRun(DirectCodec dc, Object[] a, int from, int max) {
    int at = snaps.reserve((long) max * dc.snapshotInts());
    int k = add(SNAPSHOT_RUN, null, a, from);
    refs[k] = dc;
    // the snapshots' start and the run's end, none yet
    longs[k] = (long) at << 32 | from;
    return k;
  }

  /** The array the snapshots of run entries go to (valid until the next record). */
  int[] snapshots() {
    return snaps.array();
  }

  /** Where the first snapshot of run {@code k} goes. */
  int runStart(int k) {
    return (int) (longs[k] >>> 32);
  }

  /** Ends run {@code k}, the newest entry, whose snapshots fill its ints up to {@code end}. */
  void endRun(int k, int end) {
    int at = runStart(k);
    int w = ((DirectCodec) refs[k]).snapshotInts();
    longs[k] = (long) at << 32 | (indices[k] + (w == 0 ? 0 : (end - at) / w));
    snaps.truncate(end);
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
        case RANGE:
          System.arraycopy(refs[k], indices[k], c, indices[k], (int) longs[k] - indices[k]);
          break;
        case ZEROS: {
          int z = PrimitiveArrays.length(refs[k]);
          for (int e = indices[k]; e < longs[k]; e += z) {
            System.arraycopy(refs[k], 0, c, e, (int) Math.min(z, longs[k] - e));
          }
          break;
        }
        case ARRAY:
          System.arraycopy(refs[k], 0, c, 0, indices[k]);
          keepSpare(refs[k], indices[k]);
          break;
        case DIRECT: {
          VmInput in = VmInput.of(arena.array());
          in.skip(longs[k]);
          ((DirectCodec) refs[k]).load(c, in);
          break;
        }
        case SNAPSHOT:
          ((DirectCodec) refs[k]).restore(c, snaps.array(), indices[k]);
          snaps.truncate(indices[k]);
          break;
        case SNAPSHOT_RUN: {
          DirectCodec dc = (DirectCodec) refs[k];
          int w = dc.snapshotInts();
          int at = runStart(k);
          snaps.truncate(at);
          Object[] a = (Object[]) c;
          int end = (int) longs[k];
          for (int e = indices[k]; e < end; e++, at += w) {
            dc.restore(a[e], snaps.array(), at);
          }
          break;
        }
        default:
          ((Runnable) refs[k]).run();
          break;
      }
      slots[k] = null;
      containers[k] = null;
      refs[k] = null;
    }
    size = mark;
    if (mark == 0 && arena != null) {
      arena.reset();
    }
  }

  /** Forgets everything (the load succeeded). */
  void clear() {
    for (int k = 0; k < size; k++) {
      byte kind = kinds[k];
      if (kind == ARRAY) {
        keepSpare(refs[k], indices[k]);
      } else if (kind == ACTION && refs[k] instanceof Undo) {
        ((Undo) refs[k]).discard();
      }
    }
    Arrays.fill(slots, 0, size, null);
    Arrays.fill(containers, 0, size, null);
    Arrays.fill(refs, 0, size, null);
    size = 0;
    snaps.truncate(0);
    if (arena != null) {
      arena.reset();
    }
  }
}
