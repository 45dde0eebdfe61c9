package org.vmstate4j.engine.model;

/** Whether a subsection (or a whole device section) is sent. */
@FunctionalInterface
public interface Needed {
  boolean test(Object obj);
}
