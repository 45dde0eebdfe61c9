package org.vmstate4j.engine.state;

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
   * Loads elements of {@code c} from {@code i} on with {@code dc} for as long as it can; returns
   * the index of the first element left to the walk ({@code n} when none). In a transactional
   * load each element's snapshot goes to the journal just before the element is loaded (one
   * pass over the elements, each in cache for both); a codec that takes no snapshots leaves
   * every element to the walk, which records each with the codec's save.
   */
  @SuppressWarnings("try")
  static int load(FieldPlan f, LoadContext ctx, Object owner, Slots s, Object c, int i, int n,
      int size, DirectCodec dc) {
    VmInput in = ctx.in;
    Object[] a = (Object[]) c;
    int wb = dc.wireBytes();
    ElementOp op = f.op;
    DescriptionPlan plan = ((NestedOps.Struct) op).plan;
    Journal j = ctx.journal();
    int sw = dc.snapshotLongs();
    if (j != null && sw < 0) {
      return i;
    }
    try (LoadContext.JournalScope paused = ctx.pauseJournal()) {
      if (j == null) {
        for (; i < n; i++) {
          Object e = a[i];
          if (in.bufferedBytes() >= wb && dc.load(e, in)) {
            plan.loadSubsectionsIfAny(ctx, e);
          } else {
            op.load(ctx, owner, s, c, i, size);
          }
        }
        return i;
      }
      int k = j.beginRun(dc, a, i, n - i);
      long[] snaps = j.snapshots();
      int at = j.runStart(k);
      try {
        for (; i < n; i++) {
          Object e = a[i];
          // the walk records what the codec cannot (a null element, a refusal)
          if (e == null || in.bufferedBytes() < wb || !dc.snapshot(e, snaps, at)) {
            break;
          }
          at += sw;
          if (dc.load(e, in)) {
            plan.loadSubsectionsIfAny(ctx, e);
          } else {
            op.load(ctx, owner, s, c, i, size);
          }
        }
      } finally {
        // the element being loaded when something fails is in the run: it is put back too
        j.endRun(k, at);
      }
      return i;
    } catch (RuntimeException | StackOverflowError e) {
      throw ElementErrors.onLoad(e, f.array, i, in.position());
    }
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
