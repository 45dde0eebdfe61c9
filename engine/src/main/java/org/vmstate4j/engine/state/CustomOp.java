package org.vmstate4j.engine.state;

import org.vmstate4j.engine.codec.ValueCodec;

/** A user's {@link ValueCodec}: the slot's value in, a new value out. */
final class CustomOp extends ElementOp {
  private final ValueCodec<Object> codec;

  @SuppressWarnings("unchecked")
  CustomOp(ValueCodec<?> codec) {
    this.codec = (ValueCodec<Object>) codec;
  }

  @Override
  boolean slotOnly() {
    return true;
  }

  @Override
  void save(SaveContext ctx, Slots s, Object c, int i, int size) {
    Object v = s.get(c, i);
    if (v == null) {
      throw new org.vmstate4j.engine.VmStateSaveException(
          "value is null", ctx.out.position(), codec.name(), "null");
    }
    codec.save(ctx.out, v, size);
  }

  @Override
  void load(LoadContext ctx, Object owner, Slots s, Object c, int i, int size) {
    Object v = codec.load(ctx.in, s.get(c, i), size);
    Journal j = ctx.journal();
    if (j != null) {
      j.recordRef(s, c, i);
    }
    s.set(c, i, v);
  }
}
