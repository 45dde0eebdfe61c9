package org.vmstate4j.engine.state;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
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

/** Compiles descriptions into plans once and keeps them while the description lives. */
final class Plans {
  private static final Map<VmStateDescription, DescriptionPlan> CACHE =
      Collections.synchronizedMap(new WeakHashMap<>());

  private Plans() {}

  static DescriptionPlan of(VmStateDescription d) {
    DescriptionPlan p = CACHE.get(d);
    if (p == null) {
      p = compile(d, d.name());
      CACHE.put(d, p);
    }
    return p;
  }

  private static DescriptionPlan compile(VmStateDescription d, String segment) {
    DescriptionPlan plan = new DescriptionPlan(d);
    plan.segment = segment;
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
    for (int i = 0; i < subPlans.length; i++) {
      VmStateDescription s = subs.get(i);
      String seg = s.name().startsWith(d.name() + "/")
          ? s.name().substring(d.name().length() + 1) : s.name();
      subPlans[i] = compile(s, seg);
    }
    plan.subsections = subPlans;
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
