package org.vmstate4j.engine.model;

/** A pre-load, pre-save or post-save hook. A hook fails by throwing; the operation then fails. */
@FunctionalInterface
public interface Hook {
  void run(Object obj);
}
