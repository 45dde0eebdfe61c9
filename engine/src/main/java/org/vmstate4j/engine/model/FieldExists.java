package org.vmstate4j.engine.model;

/** QEMU's field_exists: decides alone whether a field is on the wire, given the active version. */
@FunctionalInterface
public interface FieldExists {
  boolean test(Object obj, int versionId);
}
