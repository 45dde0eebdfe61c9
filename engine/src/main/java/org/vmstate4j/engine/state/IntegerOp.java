package org.vmstate4j.engine.state;

import org.vmstate4j.engine.VmStateLoadException;
import org.vmstate4j.engine.VmStateSaveException;
import org.vmstate4j.engine.codec.IntegerCodec;
import org.vmstate4j.engine.codec.StorageWidth;

/** Integer codecs over integral Java storage of the same or a wider width. */
final class IntegerOp extends ElementOp {
  private final IntegerCodec codec;
  private final int bits;
  private final boolean sameWidth;

  IntegerOp(IntegerCodec codec, Class<?> storage) {
    this.codec = codec;
    this.bits = codec.bits();
    int storageBits = StorageWidth.bits(storage);
    this.sameWidth = storageBits == bits;
  }

  /** Same width as the storage and no load check: values move as raw bits. */
  boolean plainSameWidth() {
    return sameWidth && codec.check() == IntegerCodec.Check.NONE;
  }

  @Override
  int fixedWireBytes() {
    return bits / 8;
  }

  @Override
  boolean slotOnly() {
    return true;
  }

  @Override
  void save(SaveContext ctx, Slots s, Object c, int i, int size) {
    long v = s.getLong(c, i);
    if (!sameWidth && (v < codec.min() || v > codec.max())) {
      throw new VmStateSaveException("value does not fit " + codec.name(), ctx.out.position(),
          codec.min() + ".." + codec.max(), Long.toString(v));
    }
    switch (bits) {
      case 8:
        ctx.out.writeByte((int) v);
        break;
      case 16:
        ctx.out.writeShort((int) v);
        break;
      case 32:
        ctx.out.writeInt((int) v);
        break;
      default:
        ctx.out.writeLong(v);
        break;
    }
  }

  @Override
  void load(LoadContext ctx, Object owner, Slots s, Object c, int i, int size) {
    long at = ctx.in.position();
    long raw;
    switch (bits) {
      case 8:
        raw = ctx.in.readByte();
        break;
      case 16:
        raw = ctx.in.readShort();
        break;
      case 32:
        raw = ctx.in.readInt();
        break;
      default:
        raw = ctx.in.readLong();
        break;
    }
    long v = codec.fromRaw(raw);
    switch (codec.check()) {
      case EQUAL: {
        long local = codec.fromRaw(s.getLong(c, i));
        if (local != v) {
          String l = hex(local);
          String r = hex(v);
          throw new VmStateLoadException(l + " != " + r, at, l, r);
        }
        return;
      }
      case LESS_EQUAL: {
        long local = (int) s.getLong(c, i);
        if (v < 0 || v > local) {
          throw new VmStateLoadException(
              "Invalid value " + v + " expecting positive value <= " + local, at,
              "0.." + local, Long.toString(v));
        }
        break;
      }
      default:
        break;
    }
    Journal j = ctx.journal();
    if (j != null) {
      j.recordLong(s, c, i);
    }
    s.setLong(c, i, v);
  }

  private String hex(long v) {
    long masked = bits == 64 ? v : v & ((1L << bits) - 1);
    return Long.toHexString(masked);
  }
}
