package org.vmstate4j.engine.state;

import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.internal.io.RawBuffers;
import org.vmstate4j.engine.io.VmInput;
import org.vmstate4j.engine.model.DirectCodec;
import org.vmstate4j.engine.model.ElementFactory;
import org.vmstate4j.engine.model.VmsFlags;

/**
 * Elements of a struct array loaded whole by their flat description's {@link DirectCodec}, with
 * no observer; whatever the codec cannot do (a null element, bytes not yet buffered, a refusal)
 * goes through the element walk. Errors come out with the element's index, as from the walk.
 */
final class DirectElements {
  private DirectElements() {}

  /**
   * Loads elements of {@code c} from {@code i} on with {@code dc} while it can; returns the
   * index of the first element left to the walk ({@code n} when none). Elements whose bytes,
   * and the byte after them, are buffered go in batches that check the buffer once, not once
   * an element: each element's subsection check reads the byte after it in place. In a
   * transactional load each element's snapshot goes to the journal just before the element is
   * loaded (one pass over the elements, each in cache for both); a codec that takes no
   * snapshots leaves every element to the walk, which records each with the codec's save.
   */
  @SuppressWarnings("try")
  static int load(FieldPlan f, LoadContext ctx, Object owner, Slots s, Object c, int i, int n,
      int size, DirectCodec dc) {
    VmInput in = ctx.in;
    Object[] a = (Object[]) c;
    int wb = dc.wireBytes();
    int sw = dc.snapshotInts();
    Journal j = ctx.journal();
    if (j != null && sw < 0) {
      return i;
    }
    // in a transactional load, each element's snapshot goes to one journal run just before it
    // loads; the first element the codec cannot snapshot (a null, another class) is left to
    // the walk
    int k = j != null ? j.beginRun(dc, a, i, n - i) : -1;
    int @Nullable [] snaps = j != null ? j.snapshots() : null;
    int at = j != null ? j.runStart(k) : 0;
    try (LoadContext.JournalScope paused = ctx.pauseJournal()) {
      outer:
      while (i < n) {
        int m = batch(in, wb, n - i);
        if (m == 0) {
          // the stream's last element, or bytes still to read: one at a time
          Object e = a[i];
          if (snaps != null) {
            if (e == null || in.bufferedBytes() < wb || !dc.snapshot(e, snaps, at)) {
              break;
            }
            at += sw;
          }
          loadOne(f, ctx, owner, s, c, i, size, dc, e);
          i++;
          continue;
        }
        // the batch's bytes are read in place and taken from the input where it stops
        byte[] buf = RawBuffers.buffer(in);
        int p0 = RawBuffers.take(in, 0);
        int p = p0;
        for (int end = i + m; i < end; i++, p += wb) {
          Object e = a[i];
          if (snaps != null) {
            if (!dc.snapshot(e, snaps, at)) {
              // a null or another class: the walk records it
              RawBuffers.take(in, p - p0);
              break outer;
            }
            // the element being loaded when something fails is in the run: put back too
            at += sw;
          }
          if (!loadInBatch(f, ctx, owner, s, c, i, size, dc, e, buf, p, p0)) {
            i++;
            continue outer;
          }
        }
        RawBuffers.take(in, p - p0);
      }
      return i;
    } catch (RuntimeException | StackOverflowError e) {
      throw ElementErrors.onLoad(e, f.array, i, in.position());
    } finally {
      if (j != null) {
        j.endRun(k, at);
      }
    }
  }

  /**
   * Elements of the next batch: their bytes and the byte after the last are buffered. A stream
   * whose buffer holds less reads more first, as much as the walk would (the next element and
   * the byte of its subsection check), so that a long array streams through batches too.
   */
  private static int batch(VmInput in, int wb, int left) {
    if (wb == 0) {
      return 0;
    }
    if (in.bufferedBytes() <= wb && wb < RawBuffers.buffer(in).length) {
      in.peek(wb);
    }
    return Math.min(left, (in.bufferedBytes() - 1) / wb);
  }

  /** Element {@code i} alone: the codec when its bytes are buffered, else the walk. */
  private static void loadOne(FieldPlan f, LoadContext ctx, Object owner, Slots s, Object c,
      int i, int size, DirectCodec dc, Object e) {
    if (ctx.in.bufferedBytes() >= dc.wireBytes() && dc.load(e, ctx.in)) {
      ((NestedOps.Struct) f.op).plan.loadSubsectionsIfAny(ctx, e);
    } else {
      f.op.load(ctx, owner, s, c, i, size);
    }
  }

  /**
   * Loads element {@code i} of a batch, {@code e}, from {@code buf[p]} (the batch began at
   * {@code p0}, where the input still is); true when that was all. Rarely the walk takes over:
   * when the codec refuses the element (the input is then moved to just before it, and the
   * walk loads it) or a subsection marker follows it (the input is moved to just after it, and
   * the walk's subsection check runs); false then.
   */
  private static boolean loadInBatch(FieldPlan f, LoadContext ctx, Object owner, Slots s,
      Object c, int i, int size, DirectCodec dc, Object e, byte[] buf, int p, int p0) {
    int wb = dc.wireBytes();
    boolean read = dc.load(e, buf, p);
    if (read && buf[p + wb] != DescriptionPlan.SUBSECTION) {
      return true;
    }
    RawBuffers.take(ctx.in, p - p0 + (read ? wb : 0));
    if (read) {
      ((NestedOps.Struct) f.op).plan.loadSubsections(ctx, e);
    } else {
      f.op.load(ctx, owner, s, c, i, size);
    }
    return false;
  }

  /**
   * Pointers to flat structs with no observer: NULL markers and AUTO_ALLOC elements whose bytes
   * are buffered are read here with the codec; every other slot goes through loadPointer. A
   * flat plan has no hooks and no subsections, so the codec's load records nothing and the
   * journal needs no switching per element; only the codec's refusal (a cold path) loads the
   * new element with the walk, recording paused.
   */
  static void loadPointers(FieldPlan f, LoadContext ctx, Object owner, Slots s, Object c, int n,
      int size, DirectCodec dc) {
    VmInput in = ctx.in;
    Object[] a = (Object[]) c;
    DescriptionPlan plan = ((NestedOps.Struct) f.op).plan;
    int wb = dc.wireBytes();
    ElementFactory factory = f.autoAlloc ? f.factory : null;
    int i = 0;
    int made = -1;
    try {
      for (; i < n; i++) {
        if (a[i] == null && in.bufferedBytes() > wb) {
          int b = in.peek(0);
          if (b == VmsFlags.MARKER_PTR_NULL) {
            in.readU8();
            continue;
          }
          if (b == VmsFlags.MARKER_PTR_VALID && factory != null) {
            in.readU8();
            Object fresh = factory.create(owner);
            a[i] = fresh;
            made = i;
            if (dc.load(fresh, in)) {
              // only refuses subsections the stream carries: a flat plan has none to load
              plan.loadSubsectionsIfAny(ctx, fresh);
            } else {
              loadFresh(f, ctx, owner, s, c, i, size);
            }
            continue;
          }
        }
        FieldLoad.loadPointer(f, ctx, owner, s, c, i, size);
      }
    } catch (Throwable e) {
      if (made == i) {
        // never leave a half-loaded new element behind, journal or not
        a[i] = null;
      }
      if (e instanceof RuntimeException || e instanceof StackOverflowError) {
        throw ElementErrors.onLoad(e, f.array, i, in.position());
      }
      throw e;
    }
  }

  /** Element {@code i}, just made by this load, loaded by the walk: nothing in it to record. */
  @SuppressWarnings("try")
  private static void loadFresh(FieldPlan f, LoadContext ctx, Object owner, Slots s, Object c,
      int i, int size) {
    try (LoadContext.JournalScope paused = ctx.pauseJournal()) {
      f.op.load(ctx, owner, s, c, i, size);
    }
  }
}
