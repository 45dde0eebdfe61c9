package org.vmstate4j.engine.state;

import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.PathedException;
import org.vmstate4j.engine.VmStateLoadException;
import org.vmstate4j.engine.VmStateSaveException;
import org.vmstate4j.engine.io.VmInput;
import org.vmstate4j.engine.io.VmOutput;
import org.vmstate4j.engine.json.VmDescWriter;
import org.vmstate4j.engine.model.CountWidth;
import org.vmstate4j.engine.model.DirectCodec;
import org.vmstate4j.engine.model.ElementFactory;
import org.vmstate4j.engine.model.FieldAccessor;
import org.vmstate4j.engine.model.MemberRef;
import org.vmstate4j.engine.model.VmStateField;
import org.vmstate4j.engine.model.VmsFlags;

/**
 * One field compiled: how many elements, where they live, which codec, which markers, and how
 * the field appears in the JSON description. Follows QEMU's vmstate_save_vmsd_v and
 * vmstate_load_vmsd element walks.
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
    int bits = slots == null ? 0 : org.vmstate4j.engine.codec.StorageWidth.bits(slots.elementType);
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

  /**
   * Fails when a uint32 count is at or above 2^31: no Java container has that many elements
   * (QEMU's int loop would read none, and the bytes meant for them would fail later as
   * something else). A negative int32 count keeps QEMU's meaning, no elements; uint8 and uint16
   * counts always fit.
   */
  private void checkCount(Object owner, long offset) {
    CountWidth w = countWidth;
    MemberRef ref = count;
    if (w != CountWidth.UINT32 || ref == null || (field.flags() & VmsFlags.ARRAY) != 0) {
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

  // ---------------------------------------------------------------- save

  void save(SaveContext ctx, Object owner) {
    try {
      saveElements(ctx, owner);
    } catch (PathedException e) {
      throw e.under(field.name());
    } catch (RuntimeException e) {
      throw new VmStateSaveException(describe(e), ctx.out.position(), e).under(field.name());
    }
  }

  private void saveElements(SaveContext ctx, Object owner) {
    int n = elements(owner);
    int size = size(owner, ctx.out.position(), false);
    Object c = owner;
    Slots s = slots;
    if (array && s != null) {
      Object container = accessor == null ? null : accessor.get(owner);
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
    } else if (s == null) {
      s = memberSlots;
    }
    VmDescWriter json = ctx.json;
    if (json == null) {
      saveQuiet(ctx, s, c, n, size);
      return;
    }
    VmDescWriter loopJson = json;
    boolean prevNull = false;
    try {
      for (int i = 0; i < n; i++) {
        int maxe = compressible ? n - i : 1;
        boolean isNull = false;
        Object elem = null;
        if (pointerArray) {
          elem = s.get(c, i);
          isNull = elem == null;
        }
        boolean marker = autoAlloc || isNull;
        if (json != null && maxe > 1 && pointerArray && isNull != prevNull) {
          // a compressed run of NULLs or of populated elements ends where that changes
          prevNull = isNull;
          loopJson = json;
          for (int j = i + 1; j < n; j++) {
            if ((s.get(c, j) == null) != isNull) {
              maxe = j - i;
              break;
            }
          }
        }
        try {
          if (marker) {
            long start = ctx.out.position();
            startEntry(loopJson, markerJsonName, i, n, maxe, true, "ptr-marker", false);
            ctx.out.writeByte(isNull ? VmsFlags.MARKER_PTR_NULL : VmsFlags.MARKER_PTR_VALID);
            endEntry(loopJson, false, ctx.out.position() - start);
          }
          if (!isNull) {
            long start = ctx.out.position();
            startEntry(loopJson, jsonName, i, n, maxe, compressible, field.typeName(),
                field.has(VmsFlags.STRUCT));
            ctx.json = loopJson;
            op.save(ctx, s, c, i, size);
            ctx.json = json;
            endEntry(loopJson, field.has(VmsFlags.STRUCT), ctx.out.position() - start);
          }
        } catch (PathedException e) {
          throw array ? e.under("[" + i + "]") : e;
        } catch (RuntimeException e) {
          VmStateSaveException x = new VmStateSaveException(describe(e), ctx.out.position(), e);
          throw array ? x.under("[" + i + "]") : x;
        }
        if (loopJson != null && maxe > 1) {
          loopJson = null;
        }
      }
    } finally {
      ctx.json = json;
    }
  }

  /** The element walk without a JSON description: no markers, no entries. */
  private void saveQuiet(SaveContext ctx, Slots s, Object c, int n, int size) {
    VmOutput out = ctx.out;
    int w = bulkWidth;
    if (w != 0) {
      long start = out.position();
      try {
        writeBulk(out, c, n);
      } catch (PathedException e) {
        throw e.under("[" + (out.position() - start) / w + "]");
      } catch (RuntimeException e) {
        long at = out.position();
        throw new VmStateSaveException(describe(e), at, e).under("[" + (at - start) / w + "]");
      }
      return;
    }
    ElementOp op = this.op;
    int i = 0;
    try {
      DirectCodec dc = directElements(c);
      if (dc != null && pointerArray) {
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
      } else if (pointerArray || autoAlloc) {
        for (; i < n; i++) {
          Object elem = pointerArray ? s.get(c, i) : null;
          boolean isNull = pointerArray && elem == null;
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
    } catch (PathedException e) {
      throw array ? e.under("[" + i + "]") : e;
    } catch (RuntimeException e) {
      VmStateSaveException x = new VmStateSaveException(describe(e), out.position(), e);
      throw array ? x.under("[" + i + "]") : x;
    }
  }

  private void startEntry(@Nullable VmDescWriter j, String name, int i, int n, int maxe,
      boolean canCompress, String type, boolean struct) {
    if (j == null) {
      return;
    }
    j.beginObject();
    j.string("name", name);
    if (!autoAlloc) {
      if (canCompress && maxe > 1) {
        j.number("array_len", maxe);
      } else if (!compressible && n > 1) {
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

  // ---------------------------------------------------------------- load

  void load(LoadContext ctx, Object owner) {
    boolean journaling = ctx.journaling;
    ctx.enter(field.name());
    try {
      loadElements(ctx, owner);
    } catch (PathedException e) {
      throw e.under(field.name());
    } catch (RuntimeException | StackOverflowError e) {
      throw new VmStateLoadException(describe(e), ctx.in.position(), e).under(field.name());
    } finally {
      ctx.journaling = journaling;
      ctx.leave();
    }
  }

  private void loadElements(LoadContext ctx, Object owner) {
    checkCount(owner, ctx.in.position());
    int n = elements(owner);
    LoadObserver o = ctx.observer;
    if (o != null) {
      o.beginField(field, n, ctx.in.position());
    }
    int size = size(owner, ctx.in.position(), true);
    Object c = owner;
    Slots s = slots;
    if (array && s != null) {
      c = container(ctx, owner, s, n);
      if (c == null) {
        if (o != null) {
          o.endField(field, ctx.in.position());
        }
        return;
      }
    } else if (s == null) {
      s = memberSlots;
    }
    if (o == null) {
      if (!pointerArray) {
        loadQuiet(ctx, owner, s, c, n, size);
        return;
      }
      DirectCodec dc = directElements(c);
      if (dc != null) {
        loadPointersDirect(ctx, owner, s, c, n, size, dc);
        return;
      }
    }
    for (int i = 0; i < n; i++) {
      try {
        if (pointerArray) {
          loadPointer(ctx, owner, s, c, i, size);
        } else if (o != null) {
          loadObserved(o, ctx, owner, s, c, i, size);
        } else {
          op.load(ctx, owner, s, c, i, size);
        }
      } catch (PathedException e) {
        throw array ? e.under("[" + i + "]") : e;
      } catch (RuntimeException | StackOverflowError e) {
        VmStateLoadException x = new VmStateLoadException(describe(e), ctx.in.position(), e);
        throw array ? x.under("[" + i + "]") : x;
      }
    }
    if (o != null) {
      o.endField(field, ctx.in.position());
    }
  }

  /**
   * The codec of struct elements in an array {@code c} when it does the element's whole walk
   * (flat description, its own version), else null.
   */
  private @Nullable DirectCodec directElements(Object c) {
    if (op instanceof NestedOps.Struct && c instanceof Object[]) {
      NestedOps.Struct st = (NestedOps.Struct) op;
      if (st.version == st.plan.desc.versionId()) {
        return st.plan.direct;
      }
    }
    return null;
  }

  /** The element walk with no observer and no pointer markers. */
  private void loadQuiet(LoadContext ctx, Object owner, Slots s, Object c, int n, int size) {
    VmInput in = ctx.in;
    int i = 0;
    int w = bulkWidth;
    if (w != 0) {
      long start = in.position();
      Journal j = ctx.journal();
      try {
        i = j == null ? readBulk(in, c, 0, n) : j.readInPlace(c, n, w, in);
      } catch (PathedException e) {
        throw e.under("[" + (in.position() - start) / w + "]");
      } catch (RuntimeException e) {
        long at = in.position();
        throw new VmStateLoadException(describe(e), at, e).under("[" + (at - start) / w + "]");
      }
    }
    ElementOp op = this.op;
    try {
      DirectCodec dc = directElements(c);
      if (dc != null) {
        Object[] a = (Object[]) c;
        int wb = dc.wireBytes();
        DescriptionPlan plan = ((NestedOps.Struct) op).plan;
        Journal j = ctx.journal();
        boolean was = ctx.journaling;
        ctx.journaling = false;
        try {
          if (j == null) {
            for (; i < n; i++) {
              Object e = a[i];
              if (in.bufferedBytes() >= wb && dc.load(e, in)) {
                plan.loadSubsections(ctx, e);
              } else {
                op.load(ctx, owner, s, c, i, size);
              }
            }
          } else {
            // each element's old bytes go to one journal entry just before it is loaded (one
            // pass over the elements); the walk below records the first one that cannot go
            int k = j.beginDirectRun(dc, a, i);
            for (; i < n; i++) {
              Object e = a[i];
              if (e == null || in.bufferedBytes() < wb || !j.recordRunElement(k, dc, e)) {
                break;
              }
              if (dc.load(e, in)) {
                plan.loadSubsections(ctx, e);
              } else {
                op.load(ctx, owner, s, c, i, size);
              }
            }
          }
        } finally {
          ctx.journaling = was;
        }
      }
      for (; i < n; i++) {
        op.load(ctx, owner, s, c, i, size);
      }
    } catch (PathedException e) {
      throw array ? e.under("[" + i + "]") : e;
    } catch (RuntimeException | StackOverflowError e) {
      VmStateLoadException x = new VmStateLoadException(describe(e), in.position(), e);
      throw array ? x.under("[" + i + "]") : x;
    }
  }

  /**
   * Pointers to flat structs with no observer: NULL markers and AUTO_ALLOC elements whose bytes
   * are buffered are read here with the codec; every other slot goes through loadPointer.
   */
  private void loadPointersDirect(LoadContext ctx, Object owner, Slots s, Object c, int n,
      int size, DirectCodec dc) {
    VmInput in = ctx.in;
    Object[] a = (Object[]) c;
    DescriptionPlan plan = ((NestedOps.Struct) op).plan;
    int wb = dc.wireBytes();
    ElementFactory f = autoAlloc ? factory : null;
    int i = 0;
    try {
      for (; i < n; i++) {
        if (a[i] == null && in.bufferedBytes() > wb) {
          int b = in.peek(0);
          if (b == VmsFlags.MARKER_PTR_NULL) {
            in.readU8();
            continue;
          }
          if (b == VmsFlags.MARKER_PTR_VALID && f != null) {
            in.readU8();
            Object fresh = f.create(owner);
            a[i] = fresh;
            // a new element: nothing to record; never left half-loaded
            boolean was = ctx.journaling;
            ctx.journaling = false;
            boolean done = false;
            try {
              if (dc.load(fresh, in)) {
                plan.loadSubsections(ctx, fresh);
              } else {
                op.load(ctx, owner, s, c, i, size);
              }
              done = true;
            } finally {
              ctx.journaling = was;
              if (!done) {
                a[i] = null;
              }
            }
            continue;
          }
        }
        loadPointer(ctx, owner, s, c, i, size);
      }
    } catch (PathedException e) {
      throw array ? e.under("[" + i + "]") : e;
    } catch (RuntimeException | StackOverflowError e) {
      VmStateLoadException x = new VmStateLoadException(describe(e), in.position(), e);
      throw array ? x.under("[" + i + "]") : x;
    }
  }

  private void loadObserved(LoadObserver o, LoadContext ctx, Object owner, Slots s, Object c,
      int i, int size) {
    o.beginElement(field, i, ctx.in.position());
    op.load(ctx, owner, s, c, i, size);
    o.endElement(field, i, ctx.in.position());
  }

  private void loadElement(LoadContext ctx, Object owner, Slots s, Object c, int i, int size) {
    LoadObserver o = ctx.observer;
    if (o != null) {
      loadObserved(o, ctx, owner, s, c, i, size);
    } else {
      op.load(ctx, owner, s, c, i, size);
    }
  }

  /** The array to load into: allocated (ALLOC) or the destination's, checked for capacity. */
  private @Nullable Object container(LoadContext ctx, Object owner, Slots s, int n) {
    FieldAccessor acc = accessor;
    if (acc == null) {
      return null;
    }
    // no check of the count against the bytes left here: the destination exists already, and
    // the walk reports the first element that is really wrong (a bad marker before the end)
    Object c = acc.get(owner);
    Journal j = ctx.journal();
    if (alloc) {
      Allocation.check(ctx, n, elementBytes, pointerArray ? 1 : op.fixedWireBytes(), "array");
      Object fresh = s.newContainer(n);
      if (j != null) {
        j.recordRef(memberSlots, owner, 0);
      }
      acc.set(owner, fresh);
      if (!field.isStruct()) {
        ctx.journaling = false;
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
      if (s instanceof Slots.ListSlots) {
        Allocation.check(ctx, n, elementBytes, pointerArray ? 1 : op.fixedWireBytes(), "list");
        if (!Slots.ListSlots.canGrow(c)) {
          throw new VmStateLoadException("destination list cannot grow (fixed-size or"
              + " unmodifiable): use a mutable List such as ArrayList", ctx.in.position(),
              "a list that can hold " + n + " elements",
              c.getClass().getName() + " of " + len + " elements");
        }
        if (j != null) {
          j.recordContents(s, c);
        }
        ((Slots.ListSlots) s).grow(c, n);
        if (op.slotOnly() && !pointerArray) {
          ctx.journaling = false;
        }
        return c;
      }
      throw new VmStateLoadException("count exceeds the destination's capacity",
          ctx.in.position(), "<= " + len + " elements", n + " elements");
    }
    if (j != null) {
      if (bulkWidth != 0) {
        // the bulk read records its old elements chunk by chunk (Journal.readInPlace)
        return c;
      }
      if (op instanceof NestedOps.Struct && !pointerArray) {
        // structs load into their elements, which record themselves; the only slot write (a
        // null element made by the factory) records its old null
        return c;
      }
      j.recordContents(s, c);
      if (op.slotOnly() && !pointerArray) {
        ctx.journaling = false;
      }
    }
    return c;
  }

  private void loadPointer(LoadContext ctx, Object owner, Slots s, Object c, int i, int size) {
    Object cur = s.get(c, i);
    if (autoAlloc && cur != null) {
      throw new VmStateLoadException("destination slot is not empty (AUTO_ALLOC needs NULL)",
          ctx.in.position(), "NULL", "an object");
    }
    if (cur != null) {
      // legacy encoding: a populated destination slot reads element data, no marker
      loadElement(ctx, owner, s, c, i, size);
      return;
    }
    long at = ctx.in.position();
    int b = ctx.in.readU8();
    LoadObserver o = ctx.observer;
    if (o != null) {
      o.marker(field, i, at, b);
    }
    if (b == VmsFlags.MARKER_PTR_NULL) {
      return;
    }
    if (b != VmsFlags.MARKER_PTR_VALID) {
      throw new VmStateLoadException("Unexpected ptr marker: " + b, at, "0x30 or 0x31",
          String.format("0x%02x", b));
    }
    if (!autoAlloc) {
      throw new VmStateLoadException(
          "VALID pointer marker for a field without AUTO_ALLOC", at, "0x30", "0x31");
    }
    ElementFactory f = factory;
    if (f == null) {
      throw new VmStateLoadException("no element factory", at);
    }
    Object fresh = f.create(owner);
    // no undo record: container() recorded the whole array, or made it in this load
    s.set(c, i, fresh);
    boolean was = ctx.journaling;
    ctx.journaling = false;
    boolean done = false;
    try {
      loadElement(ctx, owner, s, c, i, size);
      done = true;
    } finally {
      ctx.journaling = was;
      if (!done) {
        // never leave a half-loaded element behind, journal or not
        s.set(c, i, null);
      }
    }
  }

  static String describe(Throwable e) {
    String m = e.getMessage();
    String kind = e.getClass().getSimpleName();
    return m == null ? kind : kind + ": " + m;
  }
}
