package org.vmstate4j.dsl;

/** Decides whether a field is on the wire, given the object and the active version. */
@FunctionalInterface
public interface VersionPredicate<T> {
  boolean test(T obj, int versionId);
}
