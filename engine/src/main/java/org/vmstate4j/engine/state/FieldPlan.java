package org.vmstate4j.engine.state;

import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.VmStateLoadException;
import org.vmstate4j.engine.VmStateSaveException;
import org.vmstate4j.engine.codec.StorageWidth;
import org.vmstate4j.engine.model.CountWidth;
import org.vmstate4j.engine.model.DirectCodec;
import org.vmstate4j.engine.model.ElementFactory;
import org.vmstate4j.engine.model.FieldAccessor;
import org.vmstate4j.engine.model.MemberRef;
import org.vmstate4j.engine.model.VmStateField;
import org.vmstate4j.engine.model.VmsFlags;

/**
 * One field compiled: how many elements, where they live, which codec, which markers, and how
 * the field appears in the JSON description. The walks are {@link FieldSave},
 * {@link FieldLoad} and {@link JsonEntries}.
 */
final class FieldPlan {
  final VmStateField field;
  final String jsonName;
  final String markerJsonName;
  final boolean compressible;
  final ElementOp op;
  final @Nullable Slots slots;
  final @Nullable Slots memberSlots;
  final @Nullable FieldAccessor accessor;
  final boolean array;
  final boolean pointerArray;
  final boolean autoAlloc;
  final boolean alloc;
  final @Nullable CountWidth countWidth;
  final @Nullable MemberRef count;
  final @Nullable MemberRef sizeMember;
  final boolean multiply;
  final @Nullable ElementFactory factory;
  final int elementBytes;
  /**
   * Bytes per element when the array moves in bulk (a primitive array of plain integers of
   * the storage's width: raw bits both ways, nothing checked), else 0.
   */
  final int bulkWidth;

  FieldPlan(VmStateField field, String jsonName, String markerJsonName, boolean compressible,
      ElementOp op, @Nullable Slots slots) {
    this.field = field;
    this.jsonName = jsonName;
    this.markerJsonName = markerJsonName;
    this.compressible = compressible;
    this.op = op;
    this.slots = slots;
    this.accessor = field.accessor();
    this.memberSlots = accessor == null ? null : new Slots.Member(accessor);
    this.array = field.isArray();
    this.pointerArray = field.has(VmsFlags.ARRAY_OF_POINTER);
    this.autoAlloc = field.has(VmsFlags.ARRAY_OF_POINTER_AUTO_ALLOC);
    this.alloc = field.has(VmsFlags.POINTER | VmsFlags.ALLOC);
    this.countWidth = CountWidth.ofFlags(field.flags());
    this.count = field.count();
    this.sizeMember = field.sizeMember();
    this.multiply = field.has(VmsFlags.MULTIPLY);
    this.factory = field.factory();
    int bits = slots == null ? 0 : StorageWidth.bits(slots.elementType);
    this.elementBytes = bits == 0 ? 8 : Math.max(1, bits / 8);
    this.bulkWidth = bulkWidth(slots, op, array && !pointerArray && !autoAlloc);
  }

  private static int bulkWidth(@Nullable Slots s, ElementOp op, boolean plainArray) {
    if (!plainArray || !(op instanceof IntegerOp) || !((IntegerOp) op).plainSameWidth()) {
      return 0;
    }
    if (s instanceof Slots.IntArray) {
      return 4;
    }
    if (s instanceof Slots.LongArray) {
      return 8;
    }
    if (s instanceof Slots.ShortArray || s instanceof Slots.CharArray) {
      return 2;
    }
    if (s instanceof Slots.ByteArray) {
      return 1;
    }
    return 0;
  }

  /** Element count, QEMU's vmstate_n_elems. */
  int elements(Object owner) {
    if ((field.flags() & VmsFlags.ARRAY) != 0) {
      return field.num();
    }
    CountWidth w = countWidth;
    MemberRef ref = count;
    if (w != null && ref != null) {
      return w.count(ref.accessor().getLong(owner));
    }
    return 1;
  }

  /** Element size, QEMU's vmstate_size (for pointer arrays: irrelevant here). */
  int size(Object owner, long offset, boolean loading) {
    MemberRef ref = sizeMember;
    if (ref == null) {
      return field.size();
    }
    long s = (int) ref.accessor().getLong(owner);
    if (multiply) {
      s *= field.size();
    }
    if (s < 0 || s > Integer.MAX_VALUE) {
      String why = "invalid size " + s + " from '" + ref.name() + "'";
      if (loading) {
        throw new VmStateLoadException(why, offset, "0.." + Integer.MAX_VALUE, Long.toString(s));
      }
      throw new VmStateSaveException(why, offset, "0.." + Integer.MAX_VALUE, Long.toString(s));
    }
    return (int) s;
  }

  /**
   * The codec of struct elements in an array {@code c} when it does the element's whole walk
   * (flat description, its own version), else null.
   */
  @Nullable DirectCodec directElements(Object c) {
    if (op instanceof NestedOps.Struct && c instanceof Object[]) {
      NestedOps.Struct st = (NestedOps.Struct) op;
      if (st.version == st.plan.desc.versionId()) {
        return st.plan.direct;
      }
    }
    return null;
  }

  static String describe(Throwable e) {
    String m = e.getMessage();
    String kind = e.getClass().getSimpleName();
    return m == null ? kind : kind + ": " + m;
  }
}
