package org.vmstate4j.engine.model;

/** Runs after a description's fields and subsections loaded; gets the incoming version. */
@FunctionalInterface
public interface PostLoadHook {
  void run(Object obj, int versionId);
}
