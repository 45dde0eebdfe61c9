package org.vmstate4j.engine.state;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.VmStateLoadException;
import org.vmstate4j.engine.model.PostLoadHook;

/**
 * The post_load hooks of a load, run after the walk: a hook with side effects must not run for
 * input that turns out to be bad later (a cut footer, a trailing byte, a later device), nor in
 * a dry run. The walk queues them in the order QEMU runs them (a nested struct's or
 * subsection's before its parent's, devices in stream order); {@link #run} runs them once the
 * whole input is known good, with the undo journal still open.
 */
final class PostLoads {
  private PostLoads() {}

  /**
   * One hook to run.
   *
   * @param offset where the description's data ended: the offset a rejection reports
   * @param path the walk's path from the top description to this one, e.g. {@code sq[2]}
   */
  record Pending(DescriptionPlan plan, Object obj, int version, long offset, String path) {}

  /**
   * Runs the hooks in order. A hook that throws rejects the load: its error, with the path
   * below the top description and the offset where that description's data ended, is thrown
   * at once and the hooks after it do not run.
   */
  static void run(List<Pending> pending, @Nullable Journal journal) {
    for (Pending p : pending) {
      runOne(p, journal);
    }
  }

  /**
   * Runs one hook. The described members of its object are recorded in {@code journal} first,
   * so a rollback after a rejection also undoes what the hooks wrote into them.
   */
  static void runOne(Pending p, @Nullable Journal journal) {
    DescriptionPlan plan = p.plan();
    if (journal != null) {
      plan.keepMembers(journal, p.obj());
    }
    PostLoadHook hook = plan.desc.postLoad();
    if (hook == null) {
      return;
    }
    VmStateLoadException x;
    try {
      hook.run(p.obj(), p.version());
      return;
    } catch (VmStateLoadException e) {
      x = DescriptionPlan.withOffset(e, p.offset());
    } catch (RuntimeException e) {
      x = new VmStateLoadException("post load hook failed for: " + plan.desc.name()
          + ", version_id: " + plan.desc.versionId() + ", minimum_version: "
          + plan.desc.minimumVersionId() + ": " + FieldPlan.describe(e), p.offset(), e);
    }
    throw p.path().isEmpty() ? x : (VmStateLoadException) x.under(p.path());
  }
}
