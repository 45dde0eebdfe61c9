package org.vmstate4j.engine.state;

import org.vmstate4j.engine.VmStateSaveException;
import org.vmstate4j.engine.io.VmOutput;
import org.vmstate4j.engine.model.DirectCodec;
import org.vmstate4j.engine.model.VmsFlags;

/**
 * The save walk of one field, QEMU's vmstate_save_vmsd_v element loop: the container, then
 * each element with its pointer marker, in bulk or with a flat struct's codec where that writes
 * the same bytes. With a JSON description the walk is {@link JsonEntries}'.
 */
final class FieldSave {
  private FieldSave() {}

  static void save(FieldPlan f, SaveContext ctx, Object owner) {
    try {
      saveElements(f, ctx, owner);
    } catch (RuntimeException e) {
      throw ElementErrors.onSave(e, false, 0, ctx.out.position()).under(f.field.name());
    }
  }

  private static void saveElements(FieldPlan f, SaveContext ctx, Object owner) {
    int n = f.elements(owner);
    int size = f.size(owner, ctx.out.position(), false);
    Object c = owner;
    Slots s = f.slots;
    if (s != null) {
      // only array fields have container slots
      Object container = f.accessor == null ? null : f.accessor.get(owner);
      if (container == null) {
        if (n == 0) {
          return;
        }
        throw new VmStateSaveException("array is null", ctx.out.position(),
            n + " elements", "null");
      }
      int len = s.length(container);
      if (len < n) {
        throw new VmStateSaveException("array shorter than its count", ctx.out.position(),
            n + " elements", len + " elements");
      }
      c = container;
    } else {
      s = f.memberSlots;
    }
    if (ctx.json == null) {
      saveQuiet(f, ctx, s, c, n, size);
    } else {
      JsonEntries.save(f, ctx, s, c, n, size);
    }
  }

  /** The element walk without a JSON description: no markers, no entries. */
  private static void saveQuiet(FieldPlan f, SaveContext ctx, Slots s, Object c, int n,
      int size) {
    VmOutput out = ctx.out;
    int w = f.bulkWidth;
    if (w != 0) {
      long start = out.position();
      try {
        writeBulk(out, c, n);
      } catch (RuntimeException e) {
        long at = out.position();
        throw ElementErrors.onSave(e, true, (at - start) / w, at);
      }
      return;
    }
    ElementOp op = f.op;
    boolean pointers = f.pointerArray;
    boolean autoAlloc = f.autoAlloc;
    int i = 0;
    try {
      DirectCodec dc = f.directElements(c);
      if (dc != null && pointers) {
        // pointers to flat structs: marker and element bytes straight from the codec
        Object[] a = (Object[]) c;
        int wb = dc.wireBytes();
        for (; i < n; i++) {
          Object e = a[i];
          if (e == null) {
            out.writeByte(VmsFlags.MARKER_PTR_NULL);
            continue;
          }
          if (autoAlloc) {
            out.writeByte(VmsFlags.MARKER_PTR_VALID);
          }
          if (out.bufferSpace() < wb || !dc.save(e, out)) {
            op.save(ctx, s, c, i, size);
          }
        }
      } else if (pointers || autoAlloc) {
        for (; i < n; i++) {
          boolean isNull = pointers && s.get(c, i) == null;
          if (autoAlloc || isNull) {
            out.writeByte(isNull ? VmsFlags.MARKER_PTR_NULL : VmsFlags.MARKER_PTR_VALID);
          }
          if (!isNull) {
            op.save(ctx, s, c, i, size);
          }
        }
      } else if (dc != null) {
        Object[] a = (Object[]) c;
        int wb = dc.wireBytes();
        for (; i < n; i++) {
          Object e = a[i];
          if (e == null || out.bufferSpace() < wb || !dc.save(e, out)) {
            op.save(ctx, s, c, i, size);
          }
        }
      }
      for (; i < n; i++) {
        op.save(ctx, s, c, i, size);
      }
    } catch (RuntimeException e) {
      throw ElementErrors.onSave(e, f.array, i, out.position());
    }
  }

  private static void writeBulk(VmOutput out, Object c, int n) {
    if (c instanceof int[]) {
      out.writeInts((int[]) c, 0, n);
    } else if (c instanceof long[]) {
      out.writeLongs((long[]) c, 0, n);
    } else if (c instanceof short[]) {
      out.writeShorts((short[]) c, 0, n);
    } else if (c instanceof char[]) {
      out.writeChars((char[]) c, 0, n);
    } else {
      out.writeBytes((byte[]) c, 0, n);
    }
  }
}
