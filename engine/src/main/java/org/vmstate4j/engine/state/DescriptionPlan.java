package org.vmstate4j.engine.state;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.PathedException;
import org.vmstate4j.engine.VmStateLoadException;
import org.vmstate4j.engine.VmStateSaveException;
import org.vmstate4j.engine.io.VmInput;
import org.vmstate4j.engine.json.VmDescWriter;
import org.vmstate4j.engine.model.DirectCodec;
import org.vmstate4j.engine.model.FieldExists;
import org.vmstate4j.engine.model.VmStateDescription;
import org.vmstate4j.engine.model.VmStateField;
import org.vmstate4j.engine.model.VmsFlags;

/** A description compiled: field plans, subsection plans, hooks; QEMU's vmsd walks. */
final class DescriptionPlan {
  static final int SUBSECTION = 0x05;

  final VmStateDescription desc;
  FieldPlan[] fields = new FieldPlan[0];
  /** Subsections' own plans (shared with every other use of those descriptions). */
  DescriptionPlan[] subsections = new DescriptionPlan[0];
  /** Path segment of each subsection here: its name after this description's prefix. */
  String[] segments = new String[0];
  final byte[] nameBytes;
  /** The description's compiled codec, when it is flat (see Plans). */
  @Nullable DirectCodec direct;

  DescriptionPlan(VmStateDescription desc) {
    this.desc = desc;
    this.nameBytes = desc.name().getBytes(StandardCharsets.UTF_8);
  }

  private static boolean exists(VmStateField f, Object obj, int version) {
    FieldExists e = f.exists();
    return e != null ? e.test(obj, version) : f.versionId() <= version;
  }

  /** {@link #exists} on save: a failing test is reported at its field. */
  private static boolean existsOnSave(VmStateField f, Object obj, int version, SaveContext ctx) {
    try {
      return exists(f, obj, version);
    } catch (PathedException e) {
      throw e.under(f.name());
    } catch (RuntimeException e) {
      throw new VmStateSaveException(callbackFailed("field_exists test", obj, e),
          ctx.out.position(), e).under(f.name());
    }
  }

  /** {@link #exists} on load: a failing test is reported at its field. */
  private static boolean existsOnLoad(VmStateField f, Object obj, int version, LoadContext ctx) {
    try {
      return exists(f, obj, version);
    } catch (PathedException e) {
      throw e.under(f.name());
    } catch (RuntimeException e) {
      throw new VmStateLoadException(callbackFailed("field_exists test", obj, e),
          ctx.in.position(), e).under(f.name());
    }
  }

  /**
   * Why a test or hook given by the user failed, with the class of the object it was given: a
   * ClassCastException there is most often a test written for another class, whose lambda
   * parameter type is erased and so only checked when it runs.
   */
  static String callbackFailed(String what, Object obj, RuntimeException e) {
    if (e instanceof ClassCastException) {
      return what + " failed on a " + obj.getClass().getName()
          + " (written for another class?): " + FieldPlan.describe(e);
    }
    return what + " failed on a " + obj.getClass().getName() + ": " + FieldPlan.describe(e);
  }

  // ---------------------------------------------------------------- save

  void save(SaveContext ctx, Object obj, int version) {
    DirectCodec dc = direct;
    if (dc != null && ctx.json == null && version == desc.versionId()
        && ctx.out.bufferSpace() >= dc.wireBytes() && dc.save(obj, ctx.out)) {
      return;
    }
    if (desc.preSave() != null) {
      try {
        desc.preSave().run(obj);
      } catch (PathedException e) {
        throw e;
      } catch (RuntimeException e) {
        throw new VmStateSaveException("pre-save for " + desc.name() + " failed: "
            + FieldPlan.describe(e), ctx.out.position(), e);
      }
    }
    try {
      VmDescWriter json = ctx.json;
      if (json != null) {
        json.string("vmsd_name", desc.name());
        json.number("version", version);
        json.beginArray("fields");
      }
      for (FieldPlan f : fields) {
        if (existsOnSave(f.field, obj, version, ctx)) {
          FieldSave.save(f, ctx, obj);
        } else if (f.field.has(VmsFlags.MUST_EXIST)) {
          throw new VmStateSaveException("Output state validation failed: " + desc.name() + "/"
              + f.field.name(), ctx.out.position()).under(f.field.name());
        }
      }
      if (json != null) {
        json.endArray();
      }
      saveSubsections(ctx, obj);
    } finally {
      if (desc.postSave() != null) {
        try {
          desc.postSave().run(obj);
        } catch (PathedException e) {
          throw e;
        } catch (RuntimeException e) {
          throw new VmStateSaveException(callbackFailed("post-save for " + desc.name(), obj, e),
              ctx.out.position(), e);
        }
      }
    }
  }

  private void saveSubsections(SaveContext ctx, Object obj) {
    VmDescWriter json = ctx.json;
    boolean any = false;
    for (int k = 0; k < subsections.length; k++) {
      DescriptionPlan sub = subsections[k];
      if (sub.desc.needed() != null && !needed(sub, segments[k], obj, ctx)) {
        continue;
      }
      if (json != null) {
        if (!any) {
          json.beginArray("subsections");
          any = true;
        }
        json.beginObject();
      }
      ctx.out.writeByte(SUBSECTION);
      ctx.out.writeByte(sub.nameBytes.length);
      ctx.out.write(sub.nameBytes);
      ctx.out.writeInt(sub.desc.versionId());
      try {
        sub.save(ctx, obj, sub.desc.versionId());
      } catch (PathedException e) {
        throw e.under(segments[k]);
      }
      if (json != null) {
        json.endObject();
      }
    }
    if (any) {
      json.endArray();
    }
  }

  private static boolean needed(DescriptionPlan sub, String segment, Object obj,
      SaveContext ctx) {
    try {
      return sub.desc.needed().test(obj);
    } catch (PathedException e) {
      throw e.under(segment);
    } catch (RuntimeException e) {
      throw new VmStateSaveException(callbackFailed("needed test of " + sub.desc.name(), obj, e),
          ctx.out.position(), e).under(segment);
    }
  }

  // ---------------------------------------------------------------- load

  void load(LoadContext ctx, Object obj, int version) {
    DirectCodec dc = direct;
    if (dc != null && ctx.observer == null && version == desc.versionId()
        && ctx.in.bufferedBytes() >= dc.wireBytes()) {
      Journal j = ctx.journal();
      if (j == null ? dc.load(obj, ctx.in) : j.recordDirect(dc, obj) && dc.load(obj, ctx.in)) {
        // the walk still looks for subsections the stream may carry (and refuses them)
        loadSubsectionsIfAny(ctx, obj);
        return;
      }
    }
    long at = ctx.in.position();
    LoadObserver o = ctx.observer;
    if (o != null) {
      o.beginDescription(desc, version, at);
    }
    if (version > desc.versionId()) {
      throw new VmStateLoadException("incoming version_id " + version
          + " is too new for local version_id " + desc.versionId(), at,
          "version <= " + desc.versionId(), Integer.toString(version));
    }
    if (version < desc.minimumVersionId()) {
      throw new VmStateLoadException("incoming version_id " + version
          + " is too old for local minimum version_id " + desc.minimumVersionId(), at,
          "version >= " + desc.minimumVersionId(), Integer.toString(version));
    }
    if (desc.preLoad() != null) {
      Journal j = ctx.journal();
      if (j != null) {
        keepMembers(j, obj);
      }
      try {
        desc.preLoad().run(obj);
      } catch (VmStateLoadException e) {
        throw withOffset(e, at);
      } catch (RuntimeException e) {
        throw new VmStateLoadException("pre load hook failed for: '" + desc.name()
            + "', version_id: " + desc.versionId() + ", minimum version_id: "
            + desc.minimumVersionId() + ": " + FieldPlan.describe(e), at, e);
      }
    }
    for (FieldPlan f : fields) {
      if (existsOnLoad(f.field, obj, version, ctx)) {
        FieldLoad.load(f, ctx, obj);
      } else if (f.field.has(VmsFlags.MUST_EXIST)) {
        throw new VmStateLoadException(
            "Input validation failed: version_id: " + desc.versionId(), ctx.in.position())
            .under(f.field.name());
      } else if (o != null) {
        o.fieldAbsent(f.field, version, ctx.in.position());
      }
    }
    loadSubsections(ctx, obj);
    List<PostLoads.Pending> pending = ctx.postLoads;
    if (desc.postLoad() != null && pending != null) {
      // run once the whole input is known good, in this order (see PostLoads)
      pending.add(new PostLoads.Pending(this, obj, version, ctx.in.position(), ctx.path()));
    }
    if (o != null) {
      o.endDescription(desc, ctx.in.position());
    }
  }

  /**
   * Records the described members of {@code obj} before its pre_load hook runs, so that a
   * failed load puts back what the hook changed in them too.
   */
  void keepMembers(Journal j, Object obj) {
    for (FieldPlan f : fields) {
      Slots m = f.memberSlots;
      if (m == null || m.elementType.isArray()) {
        continue;
      }
      Class<?> t = m.elementType;
      if (t == double.class || t == float.class) {
        j.recordDouble(m, obj, 0);
      } else if (t.isPrimitive()) {
        j.recordLong(m, obj, 0);
      } else {
        j.recordRef(m, obj, 0);
      }
    }
  }

  /**
   * A hook's load error as it is, or with the stream offset where the hook ran when the hook
   * gave none (hooks do not see the stream). Other exceptions of a hook, save errors included,
   * become load errors in the caller.
   */
  static VmStateLoadException withOffset(VmStateLoadException e, long offset) {
    if (e.offset() >= 0) {
      return e;
    }
    VmStateLoadException x =
        new VmStateLoadException(e.reason(), offset, e.expected(), e.found());
    x.setStackTrace(e.getStackTrace());
    if (!e.path().isEmpty()) {
      x.under(e.path());
    }
    return x;
  }

  /**
   * {@link #loadSubsections} when the next byte starts a subsection: the check alone is small
   * enough to inline into the element loops, which call this once per element.
   */
  void loadSubsectionsIfAny(LoadContext ctx, Object obj) {
    if (ctx.in.peek(0) == SUBSECTION) {
      loadSubsections(ctx, obj);
    }
  }

  void loadSubsections(LoadContext ctx, Object obj) {
    VmInput in = ctx.in;
    while (in.peek(0) == SUBSECTION) {
      int len = in.peek(1);
      if (len < nameBytes.length + 1) {
        return;
      }
      // not our subsection (or not all there): nothing copied
      if (!in.peekStartsWith(2, len, nameBytes)) {
        return;
      }
      byte[] name = in.peekBytes(2, len);
      String idstr = new String(name, StandardCharsets.ISO_8859_1);
      int k = 0;
      while (k < subsections.length && !subsections[k].desc.name().equals(idstr)) {
        k++;
      }
      if (k == subsections.length) {
        throw new VmStateLoadException("VM subsection '" + idstr + "' in '" + desc.name()
            + "' does not exist", in.position(), subsectionNames(), idstr);
      }
      DescriptionPlan sub = subsections[k];
      long headerAt = in.position();
      in.skip(2L + len);
      // QEMU reads the be32 version into a u8
      int version = in.readInt() & 0xff;
      LoadObserver o = ctx.observer;
      if (o != null) {
        o.subsection(sub.desc, version, headerAt, in.position());
      }
      ctx.enter(segments[k]);
      try {
        sub.load(ctx, obj, version);
      } catch (PathedException e) {
        throw e.under(segments[k]);
      } finally {
        ctx.leave();
      }
    }
  }

  private String subsectionNames() {
    StringBuilder sb = new StringBuilder();
    for (DescriptionPlan s : subsections) {
      sb.append(sb.length() == 0 ? "" : ", ").append(s.desc.name());
    }
    return sb.length() == 0 ? "no subsections" : sb.toString();
  }
}
