package org.vmstate4j.engine.state;

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
 * rolled back or committed. With {@link LoadOptions#dryRun()}, {@link #commit()} undoes every
 * change as well. Without {@link LoadOptions#transactional()} nothing is recorded and
 * {@link #rollback()} cannot undo anything. Effects of hooks outside the loaded members are not
 * undone. Not thread-safe.
 */
public final class LoadTransaction implements AutoCloseable {
  private final LoadOptions options;
  private final @Nullable Journal journal;
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
    if (!open) {
      throw new IllegalStateException("transaction already ended");
    }
    Journal j = journal;
    int mark = j == null ? 0 : j.mark();
    LoadContext ctx = new LoadContext(in, options, j);
    try {
      Plans.of(d).load(ctx, obj, versionId);
    } catch (PathedException e) {
      undo(j, mark);
      throw e.under(d.name());
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
      undo(j, mark);
      throw new VmStateLoadException(FieldPlan.describe(e), in.position(), e).under(d.name());
    }
  }

  /** Keeps every change (or, for a dry run, undoes them all) and ends the transaction. */
  public void commit() {
    if (!open) {
      throw new IllegalStateException("transaction already ended");
    }
    open = false;
    Journal j = journal;
    if (j != null) {
      if (options.dryRun()) {
        j.rollback(0);
      } else {
        j.clear();
      }
      Journal.release(j);
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
