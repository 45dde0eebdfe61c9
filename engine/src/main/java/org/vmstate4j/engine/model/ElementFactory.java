package org.vmstate4j.engine.model;

/**
 * Creates an object the loader needs: an element of an AUTO_ALLOC array, a struct the
 * destination lacks, a queue element, or a tmp object (which receives the parent as owner).
 */
@FunctionalInterface
public interface ElementFactory {
  Object create(Object owner);
}
