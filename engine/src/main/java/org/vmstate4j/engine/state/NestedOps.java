package org.vmstate4j.engine.state;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.PathedException;
import org.vmstate4j.engine.VmStateLoadException;
import org.vmstate4j.engine.VmStateSaveException;
import org.vmstate4j.engine.model.ElementFactory;

/** Codecs that nest a description: struct and vstruct elements, qtailq/qlist, tmp. */
final class NestedOps {
  private NestedOps() {}

  /** A struct element: the nested description at a fixed version. */
  static final class Struct extends ElementOp {
    final DescriptionPlan plan;
    final int version;
    final @Nullable ElementFactory factory;

    Struct(DescriptionPlan plan, int version, @Nullable ElementFactory factory) {
      this.plan = plan;
      this.version = version;
      this.factory = factory;
    }

    @Override
    void save(SaveContext ctx, Slots s, Object c, int i, int size) {
      Object e = s.get(c, i);
      if (e == null) {
        throw new VmStateSaveException("struct is null", ctx.out.position(),
            plan.desc.name(), "null");
      }
      plan.save(ctx, e, version);
    }

    @Override
    void load(LoadContext ctx, Object owner, Slots s, Object c, int i, int size) {
      if (c != owner) {
        ctx.index(i);
      }
      Object e = s.get(c, i);
      if (e != null) {
        plan.load(ctx, e, version);
        return;
      }
      if (factory == null) {
        throw new VmStateLoadException("destination struct is null and has no factory",
            ctx.in.position(), plan.desc.name(), "null");
      }
      Object fresh = factory.create(owner);
      Journal j = ctx.journal();
      if (j != null) {
        j.recordRef(s, c, i);
      }
      s.set(c, i, fresh);
      loadFresh(ctx, plan, fresh, version);
    }
  }

  /** Loads into an object this load created: no undo records needed inside it. */
  @SuppressWarnings("try")
  static void loadFresh(LoadContext ctx, DescriptionPlan plan, Object fresh, int version) {
    try (LoadContext.JournalScope paused = ctx.pauseJournal()) {
      plan.load(ctx, fresh, version);
    }
  }

  /** qtailq and qlist: 0x01 + element per element, 0x00 at the end, into a List. */
  static final class Queue extends ElementOp {
    final DescriptionPlan plan;
    final int fieldVersion;
    final ElementFactory factory;

    Queue(DescriptionPlan plan, int fieldVersion, ElementFactory factory) {
      this.plan = plan;
      this.fieldVersion = fieldVersion;
      this.factory = factory;
    }

    @Override
    int fixedWireBytes() {
      return 1;
    }

    @Override
    void save(SaveContext ctx, Slots s, Object c, int i, int size) {
      Object l = s.get(c, i);
      if (l == null) {
        throw new VmStateSaveException("queue is null", ctx.out.position(), "a List", "null");
      }
      int k = 0;
      for (Object e : (List<?>) l) {
        ctx.out.writeByte(1);
        try {
          if (e == null) {
            throw new VmStateSaveException("queue element is null", ctx.out.position());
          }
          plan.save(ctx, e, plan.desc.versionId());
        } catch (PathedException ex) {
          throw ex.under("[" + k + "]");
        }
        k++;
      }
      ctx.out.writeByte(0);
    }

    @Override
    @SuppressWarnings("unchecked")
    void load(LoadContext ctx, Object owner, Slots s, Object c, int i, int size) {
      long at = ctx.in.position();
      if (fieldVersion > plan.desc.versionId()) {
        throw new VmStateLoadException(plan.desc.name() + " too new", at,
            "version <= " + plan.desc.versionId(), Integer.toString(fieldVersion));
      }
      if (fieldVersion < plan.desc.minimumVersionId()) {
        throw new VmStateLoadException(plan.desc.name() + " too old", at,
            "version >= " + plan.desc.minimumVersionId(), Integer.toString(fieldVersion));
      }
      Object l = s.get(c, i);
      List<Object> list;
      Journal j = ctx.journal();
      if (l == null) {
        list = new java.util.ArrayList<>();
        if (j != null) {
          j.recordRef(s, c, i);
        }
        s.set(c, i, list);
      } else {
        list = (List<Object>) l;
        if (!ListSlots.canGrow(list)) {
          throw new VmStateLoadException("destination queue cannot change (fixed-size or"
              + " unmodifiable): use a mutable List such as ArrayList", at, "a mutable List",
              l.getClass().getName());
        }
        if (j != null) {
          List<Object> old = new java.util.ArrayList<>(list);
          j.recordAction(() -> {
            list.clear();
            list.addAll(old);
          });
        }
      }
      // the destination mirrors the stream: what it held before is replaced
      list.clear();
      int k = 0;
      while (ctx.in.readU8() != 0) {
        Object e = factory.create(owner);
        ctx.index(k);
        try {
          loadFresh(ctx, plan, e, fieldVersion);
        } catch (PathedException ex) {
          throw ex.under("[" + k + "]");
        }
        list.add(e);
        k++;
      }
    }
  }

  /** tmp: a temporary object made from the parent, saved and loaded with its description. */
  static final class Tmp extends ElementOp {
    final DescriptionPlan plan;
    final int fieldVersion;
    final ElementFactory factory;

    Tmp(DescriptionPlan plan, int fieldVersion, ElementFactory factory) {
      this.plan = plan;
      this.fieldVersion = fieldVersion;
      this.factory = factory;
    }

    @Override
    void save(SaveContext ctx, Slots s, Object c, int i, int size) {
      plan.save(ctx, factory.create(c), plan.desc.versionId());
    }

    @Override
    void load(LoadContext ctx, Object owner, Slots s, Object c, int i, int size) {
      plan.load(ctx, factory.create(owner), fieldVersion);
    }
  }
}
