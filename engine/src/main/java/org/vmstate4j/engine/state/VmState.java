package org.vmstate4j.engine.state;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.PathedException;
import org.vmstate4j.engine.VmStateLoadException;
import org.vmstate4j.engine.VmStateSaveException;
import org.vmstate4j.engine.io.VmInput;
import org.vmstate4j.engine.io.VmOutput;
import org.vmstate4j.engine.json.VmDescWriter;
import org.vmstate4j.engine.model.VmStateDescription;

/**
 * Saves and loads objects with a description, with QEMU's semantics and wire bytes.
 *
 * <pre>{@code
 * byte[] bytes = VmState.save(Ctrl.VMSD, ctrl);
 * VmState.load(Ctrl.VMSD, fresh, bytes);
 * }</pre>
 *
 * <p>Loads are transactional by default: when one fails, every destination object is as it
 * was before. Errors are {@link VmStateLoadException}/{@link VmStateSaveException} naming the
 * path, the byte offset, and expected vs found.
 */
public final class VmState {
  private VmState() {}

  /** Compiles {@code d} now (it is otherwise compiled on first use). */
  public static void prepare(VmStateDescription d) {
    Plans.of(d);
  }

  /** The bytes QEMU writes for {@code obj} at the description's version. */
  public static byte[] save(VmStateDescription d, Object obj) {
    VmOutput out = VmOutput.inMemory();
    save(d, obj, out, null);
    return out.toByteArray();
  }

  /** Writes {@code obj} to {@code out}. */
  public static void save(VmStateDescription d, Object obj, VmOutput out) {
    save(d, obj, out, null);
  }

  /**
   * Writes {@code obj} to {@code out} and, when {@code json} is given, its description into the
   * JSON object the caller has opened ({@code vmsd_name}, {@code version}, {@code fields},
   * {@code subsections}), as QEMU does for each device.
   */
  public static void save(
      VmStateDescription d, Object obj, VmOutput out, @Nullable VmDescWriter json) {
    SaveContext ctx = new SaveContext(out, json);
    try {
      Plans.of(d).save(ctx, obj, d.versionId());
    } catch (PathedException e) {
      throw e.under(d.name());
    } catch (RuntimeException | StackOverflowError e) {
      throw new VmStateSaveException(FieldPlan.describe(e), out.position(), e).under(d.name());
    }
  }

  /** QEMU's JSON description of saving {@code obj}: {@code {"vmsd_name": ..., "fields": [...]}}. */
  public static String describe(VmStateDescription d, Object obj) {
    VmDescWriter json = VmDescWriter.inMemory();
    json.beginObject();
    save(d, obj, VmOutput.inMemory(), json);
    json.endObject();
    return json.toJson();
  }

  /** Loads all of {@code bytes} into {@code obj} at the description's version. */
  public static void load(VmStateDescription d, Object obj, byte[] bytes) {
    VmInput in = VmInput.of(bytes);
    // trailing bytes fail the load too, so they are checked before the changes are kept
    try (LoadTransaction tx = new LoadTransaction(LoadOptions.DEFAULT)) {
      tx.load(d, obj, in, d.versionId());
      if (!in.atEnd()) {
        throw new VmStateLoadException("trailing bytes after the state", in.position(),
            "end of stream", in.remaining() + " more bytes").under(d.name());
      }
      tx.commit();
    }
  }

  /** Loads {@code obj} from {@code in}, as sent at {@code versionId}. */
  public static void load(VmStateDescription d, Object obj, VmInput in, int versionId) {
    load(d, obj, in, versionId, LoadOptions.DEFAULT);
  }

  /** Loads {@code obj} from {@code in}, as sent at {@code versionId}, with options. */
  public static void load(
      VmStateDescription d, Object obj, VmInput in, int versionId, LoadOptions options) {
    load(d, obj, in, versionId, options, null);
  }

  /**
   * Loads {@code obj} from {@code in}, as sent at {@code versionId}, with options, telling
   * {@code observer} about every item read (for tools that explain streams; with
   * {@link LoadOptions#withDryRun} the object is left as it was).
   */
  public static void load(VmStateDescription d, Object obj, VmInput in, int versionId,
      LoadOptions options, @Nullable LoadObserver observer) {
    LoadContext ctx = new LoadContext(in, options);
    ctx.observer = observer;
    List<PostLoads.Pending> hooks = options.dryRun() ? null : new ArrayList<>();
    ctx.postLoads = hooks;
    Journal j = ctx.journal;
    try {
      Plans.of(d).load(ctx, obj, versionId);
      if (hooks != null) {
        PostLoads.run(hooks, j);
      }
    } catch (PathedException e) {
      undo(j);
      throw e.under(d.name());
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
      undo(j);
      throw new VmStateLoadException(FieldPlan.describe(e), in.position(), e).under(d.name());
    }
    if (j != null) {
      Journal.finish(j, options.dryRun());
    }
  }

  private static void undo(@Nullable Journal j) {
    if (j != null) {
      j.rollback(0);
      Journal.release(j);
    }
  }
}
