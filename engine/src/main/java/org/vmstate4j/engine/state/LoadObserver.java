package org.vmstate4j.engine.state;

import org.vmstate4j.engine.model.VmStateDescription;
import org.vmstate4j.engine.model.VmStateField;

/**
 * Watches a load item by item, for tools that explain a stream: every description, subsection,
 * field, pointer marker and element the loader reads, with stream offsets. Pass one to
 * {@link VmState#load(VmStateDescription, Object, org.vmstate4j.engine.io.VmInput, int,
 * LoadOptions, LoadObserver)}; loads without an observer pay one null check per call site.
 *
 * <p>Offsets are {@link org.vmstate4j.engine.io.VmInput#position()} values. Calls nest: a
 * description's fields come between its begin and end; a struct element's description between
 * the element's begin and end. When the load fails, the matching end calls are not made. All
 * methods do nothing by default.
 */
public interface LoadObserver {
  /** {@code d} starts loading at {@code version}: a section body, struct element or subsection. */
  default void beginDescription(VmStateDescription d, int version, long offset) {}

  /** {@code d} (fields, subsections and post_load) has loaded. */
  default void endDescription(VmStateDescription d, long offset) {}

  /**
   * A subsection header was read: its 0x05 byte is at {@code headerOffset}, its data starts at
   * {@code dataOffset}; {@code version} is what the loader uses (the low 8 bits of the wire's).
   */
  default void subsection(
      VmStateDescription sub, int version, long headerOffset, long dataOffset) {}

  /** {@code f} is not loaded: its version or its exists test excludes it at {@code version}. */
  default void fieldAbsent(VmStateField f, int version, long offset) {}

  /** {@code f} starts with {@code elements} element slots. */
  default void beginField(VmStateField f, int elements, long offset) {}

  /** {@code f} has loaded. */
  default void endField(VmStateField f, long offset) {}

  /** The pointer marker of element {@code index} of {@code f}, byte {@code marker}, was read. */
  default void marker(VmStateField f, int index, long offset, int marker) {}

  /** Element {@code index} of {@code f} starts (after its marker, if any). */
  default void beginElement(VmStateField f, int index, long offset) {}

  /** Element {@code index} of {@code f} has loaded; it spans up to {@code offset}. */
  default void endElement(VmStateField f, int index, long offset) {}
}
