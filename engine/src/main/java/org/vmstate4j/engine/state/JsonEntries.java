package org.vmstate4j.engine.state;

import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.json.VmDescWriter;
import org.vmstate4j.engine.model.VmsFlags;

/**
 * The save walk of one field while the JSON description is written: an entry per element or
 * per repeated run ({@code array_len}), pointer markers as entries of their own, QEMU's
 * vmstate_save_vmsd_v with vmsd_desc_field_start/end.
 */
final class JsonEntries {
  private JsonEntries() {}

  static void save(FieldPlan f, SaveContext ctx, Slots s, Object c, int n, int size) {
    VmDescWriter json = ctx.json;
    // where the current element is described; null inside a run already described
    VmDescWriter loopJson = json;
    boolean prevNull = false;
    int i = 0;
    try {
      for (; i < n; i++) {
        int maxe = f.compressible ? n - i : 1;
        boolean isNull = f.pointerArray && s.get(c, i) == null;
        if (maxe > 1 && f.pointerArray && isNull != prevNull) {
          // a compressed run of NULLs or of populated elements ends where that changes
          prevNull = isNull;
          loopJson = json;
          maxe = runLength(s, c, i, n, isNull);
        }
        if (f.autoAlloc || isNull) {
          long start = ctx.out.position();
          startEntry(f, loopJson, f.markerJsonName, i, n, maxe, true, "ptr-marker", false);
          ctx.out.writeByte(isNull ? VmsFlags.MARKER_PTR_NULL : VmsFlags.MARKER_PTR_VALID);
          endEntry(loopJson, false, ctx.out.position() - start);
        }
        if (!isNull) {
          boolean struct = f.field.has(VmsFlags.STRUCT);
          long start = ctx.out.position();
          startEntry(f, loopJson, f.jsonName, i, n, maxe, f.compressible, f.field.typeName(),
              struct);
          ctx.json = loopJson;
          f.op.save(ctx, s, c, i, size);
          ctx.json = json;
          endEntry(loopJson, struct, ctx.out.position() - start);
        }
        if (maxe > 1) {
          loopJson = null;
        }
      }
    } catch (RuntimeException e) {
      throw ElementErrors.onSave(e, f.array, i, ctx.out.position());
    } finally {
      ctx.json = json;
    }
  }

  /** Elements from {@code i} on that are all NULL or all populated, as element {@code i} is. */
  private static int runLength(Slots s, Object c, int i, int n, boolean isNull) {
    for (int j = i + 1; j < n; j++) {
      if ((s.get(c, j) == null) != isNull) {
        return j - i;
      }
    }
    return n - i;
  }

  private static void startEntry(FieldPlan f, @Nullable VmDescWriter j, String name, int i,
      int n, int maxe, boolean canCompress, String type, boolean struct) {
    if (j == null) {
      return;
    }
    j.beginObject();
    j.string("name", name);
    if (!f.autoAlloc) {
      if (canCompress && maxe > 1) {
        j.number("array_len", maxe);
      } else if (!f.compressible && n > 1) {
        j.number("index", i);
      }
    }
    j.string("type", type);
    if (struct) {
      j.beginObject("struct");
    }
  }

  private static void endEntry(@Nullable VmDescWriter j, boolean struct, long size) {
    if (j == null) {
      return;
    }
    if (struct) {
      j.endObject();
    }
    j.number("size", size);
    j.endObject();
  }
}
