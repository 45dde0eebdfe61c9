package org.vmstate4j.engine.state;

import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.VmStateLoadException;
import org.vmstate4j.engine.io.VmInput;
import org.vmstate4j.engine.model.CountWidth;
import org.vmstate4j.engine.model.DirectCodec;
import org.vmstate4j.engine.model.ElementFactory;
import org.vmstate4j.engine.model.FieldAccessor;
import org.vmstate4j.engine.model.MemberRef;
import org.vmstate4j.engine.model.VmsFlags;

/**
 * The load walk of one field, QEMU's vmstate_load_vmsd element loop: the container (checked,
 * allocated or grown, and recorded for undo), then each element with its pointer marker, in
 * bulk or with a flat struct's codec where that reads the same bytes.
 */
final class FieldLoad {
  private FieldLoad() {}

  @SuppressWarnings("try")
  static void load(FieldPlan f, LoadContext ctx, Object owner) {
    ctx.enter(f.field.name());
    // the walk may stop recording for the rest of the field (see container)
    try (LoadContext.JournalScope scope = ctx.journalScope()) {
      loadElements(f, ctx, owner);
    } catch (RuntimeException | StackOverflowError e) {
      throw ElementErrors.onLoad(e, false, 0, ctx.in.position()).under(f.field.name());
    } finally {
      ctx.leave();
    }
  }

  private static void loadElements(FieldPlan f, LoadContext ctx, Object owner) {
    checkCount(f, owner, ctx.in.position());
    int n = f.elements(owner);
    LoadObserver o = ctx.observer;
    if (o != null) {
      o.beginField(f.field, n, ctx.in.position());
    }
    int size = f.size(owner, ctx.in.position(), true);
    Object c = owner;
    Slots s = f.slots;
    if (s != null) {
      // only array fields have container slots
      c = container(f, ctx, owner, s, n);
      if (c == null) {
        if (o != null) {
          o.endField(f.field, ctx.in.position());
        }
        return;
      }
    } else {
      s = f.memberSlots;
    }
    if (o == null) {
      if (!f.pointerArray) {
        loadQuiet(f, ctx, owner, s, c, n, size);
        return;
      }
      DirectCodec dc = f.directElements(c);
      if (dc != null) {
        DirectElements.loadPointers(f, ctx, owner, s, c, n, size, dc);
        return;
      }
    }
    int i = 0;
    try {
      for (; i < n; i++) {
        if (f.pointerArray) {
          loadPointer(f, ctx, owner, s, c, i, size);
        } else {
          loadElement(f, ctx, owner, s, c, i, size);
        }
      }
    } catch (RuntimeException | StackOverflowError e) {
      throw ElementErrors.onLoad(e, f.array, i, ctx.in.position());
    }
    if (o != null) {
      o.endField(f.field, ctx.in.position());
    }
  }

  /**
   * Fails when a uint32 count is at or above 2^31: no Java container has that many elements
   * (QEMU's int loop would read none, and the bytes meant for them would fail later as
   * something else). A negative int32 count keeps QEMU's meaning, no elements; uint8 and uint16
   * counts always fit.
   */
  private static void checkCount(FieldPlan f, Object owner, long offset) {
    MemberRef ref = f.count;
    if (f.countWidth != CountWidth.UINT32 || ref == null
        || (f.field.flags() & VmsFlags.ARRAY) != 0) {
      return;
    }
    long v = ref.accessor().getLong(owner) & 0xffffffffL;
    if (v > Integer.MAX_VALUE) {
      String shown = Long.toString(v);
      throw new VmStateLoadException("count '" + ref.name() + "' = " + shown
          + " does not fit the destination", offset,
          "0.." + Integer.MAX_VALUE + " elements", shown);
    }
  }

  /** The element walk with no observer and no pointer markers. */
  private static void loadQuiet(FieldPlan f, LoadContext ctx, Object owner, Slots s, Object c,
      int n, int size) {
    VmInput in = ctx.in;
    int i = 0;
    int w = f.bulkWidth;
    if (w != 0) {
      long start = in.position();
      Journal bj = ctx.journal();
      try {
        i = bj == null ? readBulk(in, c, 0, n) : bj.readInPlace(c, n, w, in);
      } catch (RuntimeException e) {
        long at = in.position();
        throw ElementErrors.onLoad(e, true, (at - start) / w, at);
      }
    }
    DirectCodec dc = f.directElements(c);
    if (dc != null) {
      i = DirectElements.load(f, ctx, owner, s, c, i, n, size, dc);
    }
    ElementOp op = f.op;
    try {
      for (; i < n; i++) {
        op.load(ctx, owner, s, c, i, size);
      }
    } catch (RuntimeException | StackOverflowError e) {
      throw ElementErrors.onLoad(e, f.array, i, in.position());
    }
  }

  /** Reads up to {@code n} raw elements of primitive array {@code c} from {@code off}. */
  static int readBulk(VmInput in, Object c, int off, int n) {
    if (c instanceof int[]) {
      return in.readAvailable((int[]) c, off, n);
    } else if (c instanceof long[]) {
      return in.readAvailable((long[]) c, off, n);
    } else if (c instanceof short[]) {
      return in.readAvailable((short[]) c, off, n);
    } else if (c instanceof char[]) {
      return in.readAvailable((char[]) c, off, n);
    }
    return in.readAvailable((byte[]) c, off, n);
  }

  private static void loadElement(FieldPlan f, LoadContext ctx, Object owner, Slots s, Object c,
      int i, int size) {
    LoadObserver o = ctx.observer;
    if (o == null) {
      f.op.load(ctx, owner, s, c, i, size);
      return;
    }
    o.beginElement(f.field, i, ctx.in.position());
    f.op.load(ctx, owner, s, c, i, size);
    o.endElement(f.field, i, ctx.in.position());
  }

  /** The array to load into: allocated (ALLOC) or the destination's, checked for capacity. */
  private static @Nullable Object container(FieldPlan f, LoadContext ctx, Object owner, Slots s,
      int n) {
    FieldAccessor acc = f.accessor;
    if (acc == null) {
      return null;
    }
    // no check of the count against the bytes left here: the destination exists already, and
    // the walk reports the first element that is really wrong (a bad marker before the end)
    Object c = acc.get(owner);
    Journal j = ctx.journal();
    int wireBytes = f.pointerArray ? 1 : f.op.fixedWireBytes();
    if (f.alloc) {
      Allocation.check(ctx, n, f.elementBytes, wireBytes, "array");
      Object fresh = s.newContainer(n);
      if (j != null) {
        j.recordRef(f.memberSlots, owner, 0);
      }
      acc.set(owner, fresh);
      if (!f.field.isStruct()) {
        ctx.stopJournal();
      }
      return fresh;
    }
    if (c == null) {
      if (n == 0) {
        return null;
      }
      throw new VmStateLoadException("destination array is null", ctx.in.position(),
          n + " elements", "null");
    }
    int len = s.length(c);
    if (len < n) {
      if (!(s instanceof ListSlots)) {
        throw new VmStateLoadException("count exceeds the destination's capacity",
            ctx.in.position(), "<= " + len + " elements", n + " elements");
      }
      Allocation.check(ctx, n, f.elementBytes, wireBytes, "list");
      if (!ListSlots.canGrow(c)) {
        throw new VmStateLoadException("destination list cannot grow (fixed-size or"
            + " unmodifiable): use a mutable List such as ArrayList", ctx.in.position(),
            "a list that can hold " + n + " elements",
            c.getClass().getName() + " of " + len + " elements");
      }
      if (j != null) {
        j.recordContents(s, c);
      }
      ((ListSlots) s).grow(c, n);
      if (f.op.slotOnly() && !f.pointerArray) {
        ctx.stopJournal();
      }
      return c;
    }
    if (j != null) {
      if (f.bulkWidth != 0 && ctx.observer == null) {
        // the bulk read records its old elements chunk by chunk (Journal.readInPlace)
        return c;
      }
      if (f.op instanceof NestedOps.Struct && !f.pointerArray) {
        // structs load into their elements, which record themselves; the only slot write (a
        // null element made by the factory) records its old null
        return c;
      }
      j.recordContents(s, c);
      if (f.op.slotOnly() && !f.pointerArray) {
        ctx.stopJournal();
      }
    }
    return c;
  }

  @SuppressWarnings("try")
  static void loadPointer(FieldPlan f, LoadContext ctx, Object owner, Slots s, Object c,
      int i, int size) {
    Object cur = s.get(c, i);
    if (f.autoAlloc && cur != null) {
      throw new VmStateLoadException("destination slot is not empty (AUTO_ALLOC needs NULL)",
          ctx.in.position(), "NULL", "an object");
    }
    if (cur != null) {
      // legacy encoding: a populated destination slot reads element data, no marker
      loadElement(f, ctx, owner, s, c, i, size);
      return;
    }
    long at = ctx.in.position();
    int b = ctx.in.readU8();
    LoadObserver o = ctx.observer;
    if (o != null) {
      o.marker(f.field, i, at, b);
    }
    if (b == VmsFlags.MARKER_PTR_NULL) {
      return;
    }
    if (b != VmsFlags.MARKER_PTR_VALID) {
      throw new VmStateLoadException("Unexpected ptr marker: " + b, at, "0x30 or 0x31",
          String.format("0x%02x", b));
    }
    if (!f.autoAlloc) {
      throw new VmStateLoadException(
          "VALID pointer marker for a field without AUTO_ALLOC", at, "0x30", "0x31");
    }
    ElementFactory factory = f.factory;
    if (factory == null) {
      throw new VmStateLoadException("no element factory", at);
    }
    Object fresh = factory.create(owner);
    // no undo record: container() recorded the whole array, or made it in this load
    s.set(c, i, fresh);
    boolean done = false;
    try (LoadContext.JournalScope paused = ctx.pauseJournal()) {
      loadElement(f, ctx, owner, s, c, i, size);
      done = true;
    } finally {
      if (!done) {
        // never leave a half-loaded element behind, journal or not
        s.set(c, i, null);
      }
    }
  }
}
