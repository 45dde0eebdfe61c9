package org.vmstate4j.engine.state;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.PathedException;
import org.vmstate4j.engine.VmStateLoadException;
import org.vmstate4j.engine.io.VmInput;
import org.vmstate4j.engine.model.VmStateDescription;

/**
 * Several loads that succeed or fail together: one undo journal is kept across all of them, so
 * that {@link #rollback()} puts every destination object of every load back as it was.
 *
 * <pre>{@code
 * try (LoadTransaction tx = new LoadTransaction(LoadOptions.DEFAULT)) {
 *   tx.load(A.VMSD, a, in, 1);
 *   tx.load(B.VMSD, b, in, 2);
 *   tx.commit();
 * } // not committed: both a and b are restored
 * }</pre>
 *
 * <p>A failing {@link #load} undoes its own changes before it throws (as
 * {@link VmState#load} does) and leaves the earlier loads in place until the transaction is
 * rolled back or committed. The post_load hooks of every load run in {@link #commit()}, in
 * load order, with every change still undoable: a hook that throws rolls the whole
 * transaction back and {@code commit()} throws its error. With {@link LoadOptions#dryRun()}
 * no hook runs and {@link #commit()} undoes every change as well. Without {@link LoadOptions#transactional()} nothing is recorded and
 * {@link #rollback()} cannot undo anything. Effects of hooks outside the loaded members are not
 * undone. Not thread-safe.
 */
public final class LoadTransaction implements AutoCloseable {
  private final LoadOptions options;
  private final @Nullable Journal journal;
  /** The post_load hooks of every load so far, run by {@link #commit()}. */
  private final List<PostLoads.Pending> hooks = new ArrayList<>();
  /** For each hook, how a rejection is reported (the load's own wrapper). */
  private final List<Function<VmStateLoadException, VmStateLoadException>> wrappers =
      new ArrayList<>();
  private boolean open = true;

  public LoadTransaction(LoadOptions options) {
    this.options = options;
    this.journal = options.transactional() ? Journal.acquire() : null;
  }

  /** The options every load of this transaction uses. */
  public LoadOptions options() {
    return options;
  }

  /** Whether neither {@link #commit()} nor {@link #rollback()} has run yet. */
  public boolean isOpen() {
    return open;
  }

  /** Loads {@code obj} from {@code in}, as sent at {@code versionId}, within this transaction. */
  public void load(VmStateDescription d, Object obj, VmInput in, int versionId) {
    load(d, obj, in, versionId, e -> e);
  }

  /**
   * As {@link #load(VmStateDescription, Object, VmInput, int)}; when one of this load's
   * post_load hooks rejects the input at {@link #commit()}, the error (whose path starts with
   * the description's name) is passed through {@code onPostLoadFailure} before it is thrown,
   * so a caller can say which of its loads it was, as it does for errors of the walk.
   */
  public void load(VmStateDescription d, Object obj, VmInput in, int versionId,
      Function<VmStateLoadException, VmStateLoadException> onPostLoadFailure) {
    if (!open) {
      throw new IllegalStateException("transaction already ended");
    }
    Journal j = journal;
    int mark = j == null ? 0 : j.mark();
    int pending = hooks.size();
    LoadContext ctx = new LoadContext(in, options, j);
    ctx.postLoads = options.dryRun() ? null : hooks;
    try {
      Plans.of(d).load(ctx, obj, versionId);
    } catch (PathedException e) {
      undo(j, mark);
      hooks.subList(pending, hooks.size()).clear();
      throw e.under(d.name());
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
      undo(j, mark);
      hooks.subList(pending, hooks.size()).clear();
      throw new VmStateLoadException(FieldPlan.describe(e), in.position(), e).under(d.name());
    }
    String top = d.name();
    while (wrappers.size() < hooks.size()) {
      wrappers.add(e -> onPostLoadFailure.apply((VmStateLoadException) e.under(top)));
    }
  }

  /** Keeps every change (or, for a dry run, undoes them all) and ends the transaction. */
  public void commit() {
    if (!open) {
      throw new IllegalStateException("transaction already ended");
    }
    Journal j = journal;
    // the post_load hooks of every load, in order, with every change still undoable
    for (int k = 0; k < hooks.size(); k++) {
      try {
        PostLoads.runOne(hooks.get(k), j);
      } catch (VmStateLoadException e) {
        rollback();
        throw wrappers.get(k).apply(e);
      }
    }
    open = false;
    hooks.clear();
    if (j != null) {
      Journal.finish(j, options.dryRun());
    }
  }

  /** Undoes every change of every load, newest first, and ends the transaction. */
  public void rollback() {
    if (!open) {
      return;
    }
    open = false;
    Journal j = journal;
    if (j != null) {
      j.rollback(0);
      Journal.release(j);
    }
  }

  /** Rolls back unless committed. */
  @Override
  public void close() {
    rollback();
  }

  private static void undo(@Nullable Journal j, int mark) {
    if (j != null) {
      j.rollback(mark);
    }
  }
}
