package org.vmstate4j.engine.state;

import org.vmstate4j.engine.PathedException;
import org.vmstate4j.engine.VmStateLoadException;
import org.vmstate4j.engine.VmStateSaveException;

/**
 * The error of one element of a field's walk, with {@code [i]} added to its path when the field
 * is an array. Walks keep their element loops inside one try and call this from its catch: the
 * happy path pays nothing (no lambda, no per-element try).
 */
final class ElementErrors {
  private ElementErrors() {}

  /** {@code e}, thrown while saving element {@code i}, as a save error at {@code offset}. */
  static PathedException onSave(Throwable e, boolean array, long i, long offset) {
    PathedException x = e instanceof PathedException ? (PathedException) e
        : new VmStateSaveException(FieldPlan.describe(e), offset, e);
    return array ? x.under("[" + i + "]") : x;
  }

  /** {@code e}, thrown while loading element {@code i}, as a load error at {@code offset}. */
  static PathedException onLoad(Throwable e, boolean array, long i, long offset) {
    PathedException x = e instanceof PathedException ? (PathedException) e
        : new VmStateLoadException(FieldPlan.describe(e), offset, e);
    return array ? x.under("[" + i + "]") : x;
  }
}
