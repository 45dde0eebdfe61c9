package org.vmstate4j.engine.state;

/** bool and float64. */
final class ScalarOps {
  private ScalarOps() {}

  static final class Bool extends ElementOp {
    @Override
    int fixedWireBytes() {
      return 1;
    }

    @Override
    boolean slotOnly() {
      return true;
    }

    @Override
    void save(SaveContext ctx, Slots s, Object c, int i, int size) {
      ctx.out.writeByte(s.getLong(c, i) != 0 ? 1 : 0);
    }

    @Override
    void load(LoadContext ctx, Object owner, Slots s, Object c, int i, int size) {
      // QEMU maps any non-zero byte to true
      int b = ctx.in.readU8();
      Journal j = ctx.journal();
      if (j != null) {
        j.recordLong(s, c, i);
      }
      s.setLong(c, i, b != 0 ? 1 : 0);
    }
  }

  static final class Float64 extends ElementOp {
    @Override
    int fixedWireBytes() {
      return 8;
    }

    @Override
    boolean slotOnly() {
      return true;
    }

    @Override
    void save(SaveContext ctx, Slots s, Object c, int i, int size) {
      ctx.out.writeLong(Double.doubleToRawLongBits(s.getDouble(c, i)));
    }

    @Override
    void load(LoadContext ctx, Object owner, Slots s, Object c, int i, int size) {
      double v = Double.longBitsToDouble(ctx.in.readLong());
      Journal j = ctx.journal();
      if (j != null) {
        j.recordDouble(s, c, i);
      }
      s.setDouble(c, i, v);
    }
  }
}
