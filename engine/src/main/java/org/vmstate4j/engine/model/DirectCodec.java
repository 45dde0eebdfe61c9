package org.vmstate4j.engine.model;

import org.vmstate4j.engine.io.VmInput;
import org.vmstate4j.engine.io.VmOutput;

/**
 * A compiled save and load of every field of a flat description: one that has only single
 * integer and bool fields of primitive members (plain codecs: no {@code _equal} or
 * {@code int32 le} check), no hooks, no subsections and no version-dependent fields, as
 * {@link org.vmstate4j.engine.internal.codegen.DirectCodecs#applies} decides. The engine
 * generates them ({@link org.vmstate4j.engine.internal.codegen.DirectCodecs#generate}, which the
 * DSL calls when it binds a description) and uses one only where that rule holds and where it
 * does exactly what the field walk does (no JSON description being written, no load observer,
 * the description's own version, the bytes already buffered); otherwise it walks the fields.
 *
 * <p>Generated codecs follow the engine's conversions: integers are written as the low bits of
 * the member's value and read per the codec's signedness, bools as 0/1 with any non-zero byte
 * read as true.
 */
public interface DirectCodec {
  /** Wire bytes of one object, always the same. */
  int wireBytes();

  /**
   * Writes every field of {@code obj} in order, or nothing and returns false when a value does
   * not fit its wire type or {@code obj} is not of the codec's class (the field walk then
   * reports it with its path).
   */
  boolean save(Object obj, VmOutput out);

  /**
   * Reads every field of {@code obj} in order ({@code in} holds {@link #wireBytes()} bytes), or
   * reads nothing and returns false when {@code obj} is not of the class the codec was made
   * for (the field walk then reports it).
   */
  boolean load(Object obj, VmInput in);

  /**
   * As {@link #load(Object, VmInput)}, from the {@link #wireBytes()} bytes at {@code buf[at]}:
   * for loops that take the bytes of many objects at once. Generated codecs read them in place.
   */
  default boolean load(Object obj, byte[] buf, int at) {
    return load(obj, VmInput.of(buf, at, wireBytes()));
  }

  /**
   * Ints one {@link #snapshot} takes, or -1 when the codec takes none (a load then records an
   * object's old state with {@link #save}). Generated codecs take them.
   */
  default int snapshotInts() {
    return -1;
  }

  /**
   * Copies every member of {@code obj} this codec moves, as raw bits, to {@code to[at]} and the
   * {@link #snapshotInts()} ints after it: no range check and no wire form, so a value the save
   * would refuse is kept too. False (nothing written) when {@code obj} is not of the codec's
   * class.
   */
  default boolean snapshot(Object obj, int[] to, int at) {
    return false;
  }

  /** Puts back into {@code obj} the members a {@link #snapshot} wrote at {@code from[at]}. */
  default void restore(Object obj, int[] from, int at) {
    throw new UnsupportedOperationException("no snapshots");
  }
}
