package org.vmstate4j.engine.state;

/** Saves and loads one element slot with one codec; chosen once per field. */
abstract class ElementOp {
  /** Wire bytes one element always takes, or 0 when it varies. */
  int fixedWireBytes() {
    return 0;
  }

  /** Whether loading only replaces the slot's value (so a snapshot of the slots undoes it). */
  boolean slotOnly() {
    return false;
  }

  abstract void save(SaveContext ctx, Slots s, Object c, int i, int size);

  abstract void load(LoadContext ctx, Object owner, Slots s, Object c, int i, int size);
}
