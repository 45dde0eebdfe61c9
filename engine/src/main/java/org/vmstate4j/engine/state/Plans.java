package org.vmstate4j.engine.state;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;
import org.vmstate4j.engine.DescriptionException;
import org.vmstate4j.engine.codec.Codec;
import org.vmstate4j.engine.codec.IntegerCodec;
import org.vmstate4j.engine.codec.StandardCodec;
import org.vmstate4j.engine.codec.ValueCodec;
import org.vmstate4j.engine.internal.codegen.DirectCodecs;
import org.vmstate4j.engine.model.FieldAccessor;
import org.vmstate4j.engine.model.VmStateDescription;
import org.vmstate4j.engine.model.VmStateField;
import org.vmstate4j.engine.model.VmsFlags;

/**
 * Compiles descriptions into plans once and keeps each plan on its description (a private slot
 * of {@link VmStateDescription}), so that the two are collected together: no global map.
 */
final class Plans {
  /** The description's slot; found once here, never on the save/load path. */
  private static final VarHandle SLOT = slot();

  private Plans() {}

  private static VarHandle slot() {
    try {
      return MethodHandles.privateLookupIn(VmStateDescription.class, MethodHandles.lookup())
          .findVarHandle(VmStateDescription.class, "compiled", Object.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  static DescriptionPlan of(VmStateDescription d) {
    Object p = SLOT.getAcquire(d);
    return p != null ? (DescriptionPlan) p : compileOnce(d);
  }

  /**
   * Compiles {@code d} unless another thread just did; one lock for all descriptions keeps it
   * simple (compiling is rare) and cannot deadlock on nested descriptions.
   */
  private static synchronized DescriptionPlan compileOnce(VmStateDescription d) {
    Object p = SLOT.getAcquire(d);
    if (p != null) {
      return (DescriptionPlan) p;
    }
    DescriptionPlan plan = compile(d);
    SLOT.setRelease(d, plan);
    return plan;
  }

  private static DescriptionPlan compile(VmStateDescription d) {
    DescriptionPlan plan = new DescriptionPlan(d);
    List<VmStateField> fs = d.fields();
    FieldPlan[] fields = new FieldPlan[fs.size()];
    for (int i = 0; i < fields.length; i++) {
      fields[i] = compileField(d, fs.get(i));
    }
    plan.fields = fields;
    if (d.directCodec() != null && DirectCodecs.applies(d)) {
      plan.direct = d.directCodec();
    }
    List<VmStateDescription> subs = d.subsections();
    DescriptionPlan[] subPlans = new DescriptionPlan[subs.size()];
    String[] segments = new String[subPlans.length];
    for (int i = 0; i < subPlans.length; i++) {
      VmStateDescription s = subs.get(i);
      segments[i] = s.name().startsWith(d.name() + "/")
          ? s.name().substring(d.name().length() + 1) : s.name();
      subPlans[i] = of(s);
    }
    plan.subsections = subPlans;
    plan.segments = segments;
    return plan;
  }

  private static FieldPlan compileField(VmStateDescription d, VmStateField f) {
    Codec codec = f.codec();
    FieldAccessor acc = f.accessor();
    StandardCodec.Kind kind =
        codec instanceof StandardCodec ? ((StandardCodec) codec).kind() : null;
    boolean wholeMember = kind == StandardCodec.Kind.BUFFER || kind == StandardCodec.Kind.BITMAP
        || kind == StandardCodec.Kind.QTAILQ || kind == StandardCodec.Kind.QLIST
        || kind == StandardCodec.Kind.UNUSED_BUFFER || kind == StandardCodec.Kind.TMP;
    Slots slots = null;
    if (f.isArray() && acc != null && !wholeMember) {
      slots = Slots.forArray(acc.type(), f.elementType());
    }
    Class<?> storage = slots != null ? slots.elementType : acc != null ? acc.type() : Object.class;
    ElementOp op;
    if (f.has(VmsFlags.STRUCT) || f.has(VmsFlags.VSTRUCT)) {
      VmStateDescription sub = f.vmsd();
      int version = f.has(VmsFlags.VSTRUCT) ? f.structVersionId() : sub.versionId();
      op = new NestedOps.Struct(of(sub), version, f.factory());
    } else if (codec instanceof IntegerCodec) {
      op = new IntegerOp((IntegerCodec) codec, storage);
    } else if (kind != null) {
      switch (kind) {
        case BOOL:
          op = new ScalarOps.Bool();
          break;
        case FLOAT64:
          op = new ScalarOps.Float64();
          break;
        case BUFFER:
          op = new BufferOps.Buffer();
          break;
        case UNUSED_BUFFER:
          op = new BufferOps.Unused();
          break;
        case BITMAP:
          op = new BufferOps.Bitmap();
          break;
        case QTAILQ:
        case QLIST:
          op = new NestedOps.Queue(of(f.vmsd()), f.versionId(), f.factory());
          break;
        case TMP:
          op = new NestedOps.Tmp(of(f.vmsd()), f.versionId(), f.factory());
          break;
        default:
          throw new DescriptionException("description '" + d.name() + "', field '" + f.name()
              + "': " + codec.name() + " cannot be declared");
      }
    } else if (codec instanceof ValueCodec) {
      op = new CustomOp((ValueCodec<?>) codec);
    } else {
      throw new DescriptionException("description '" + d.name() + "', field '" + f.name()
          + "': codec '" + codec.name() + "' is neither standard nor a ValueCodec");
    }
    int same = 0;
    int index = -1;
    for (VmStateField o : d.fields()) {
      if (o.name().equals(f.name())) {
        if (o == f) {
          index = same;
        }
        same++;
      }
    }
    String jsonName = same > 1 ? f.name() + "[" + index + "]" : f.name();
    // QEMU's marker field is not in the list, so a repeated name numbers it -1
    String markerName = same > 1 ? f.name() + "[-1]" : f.name();
    return new FieldPlan(f, jsonName, markerName, canCompress(f), op, slots);
  }

  /** QEMU's vmsd_can_compress. */
  static boolean canCompress(VmStateField f) {
    if (f.exists() != null || f.has(VmsFlags.ARRAY_OF_POINTER_AUTO_ALLOC)) {
      return false;
    }
    if (f.has(VmsFlags.STRUCT)) {
      VmStateDescription sub = f.vmsd();
      for (VmStateField s : sub.fields()) {
        if (!canCompress(s)) {
          return false;
        }
      }
      return sub.subsections().isEmpty();
    }
    return true;
  }
}
