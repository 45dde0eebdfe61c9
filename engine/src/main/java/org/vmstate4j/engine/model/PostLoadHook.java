package org.vmstate4j.engine.model;

/**
 * QEMU's post_load: runs after a description's fields and subsections loaded, with the incoming
 * version.
 *
 * <p>It runs only once the whole input is known good (all bytes of a single-description load
 * consumed, or every section, footer, EOF and device of a stream), never in a dry run or an
 * explanation, in QEMU's order: a nested struct's or subsection's hook before its parent's,
 * devices in stream order. Values it computes are not visible to the rest of the walk.
 *
 * <p>Throwing rejects the load: the error names the description's path and the offset where its
 * data ended, and every described member of every loaded object is restored. Effects of hooks
 * that already ran on anything else (undescribed members) are not undone, so a hook that may
 * reject should throw before it changes anything, or the check should be a validate field,
 * which runs during the walk.
 */
@FunctionalInterface
public interface PostLoadHook {
  void run(Object obj, int versionId);
}
