package org.vmstate4j.engine.state;

import java.nio.ByteBuffer;
import java.util.BitSet;
import org.vmstate4j.engine.VmStateLoadException;
import org.vmstate4j.engine.VmStateSaveException;

/** buffer, unused_buffer and bitmap: byte runs whose length comes from the field's size. */
final class BufferOps {
  private BufferOps() {}

  /** {@code size} raw bytes in a byte[] or a ByteBuffer (heap, direct or mapped). */
  static final class Buffer extends ElementOp {
    @Override
    void save(SaveContext ctx, Slots s, Object c, int i, int size) {
      Object b = s.get(c, i);
      if (b instanceof byte[]) {
        byte[] a = (byte[]) b;
        if (a.length < size) {
          throw new VmStateSaveException("buffer too short", ctx.out.position(),
              size + " bytes", a.length + " bytes");
        }
        ctx.out.write(a, 0, size);
      } else if (b instanceof ByteBuffer) {
        ByteBuffer bb = (ByteBuffer) b;
        if (bb.capacity() < size) {
          throw new VmStateSaveException("buffer too short", ctx.out.position(),
              size + " bytes", bb.capacity() + " bytes");
        }
        ctx.out.write(bb, 0, size);
      } else {
        throw new VmStateSaveException("buffer is null", ctx.out.position(),
            size + " bytes", "null");
      }
    }

    @Override
    void load(LoadContext ctx, Object owner, Slots s, Object c, int i, int size) {
      Object b = s.get(c, i);
      Journal j = ctx.journal();
      if (b instanceof ByteBuffer) {
        ByteBuffer bb = (ByteBuffer) b;
        if (bb.capacity() < size) {
          throw new VmStateLoadException("buffer smaller than the stream's", ctx.in.position(),
              "capacity >= " + size, Integer.toString(bb.capacity()));
        }
        checkRemaining(ctx, size);
        if (j != null) {
          j.recordAction(ByteBufferUndo.save(bb, size));
        }
        ctx.in.readInto(bb, 0, size);
        return;
      }
      if (b instanceof byte[] && ((byte[]) b).length == size) {
        if (j != null && replaceable(s, c, i, b)) {
          // a new array replaces the old one, which the journal keeps: no copy of the old bytes
          byte[] fresh;
          if (ctx.in.bufferedBytes() >= size) {
            fresh = ctx.in.readBytes(size);
          } else {
            fresh = new byte[size];
            ctx.in.readFully(fresh, 0, size);
          }
          j.recordRef(s, c, i);
          s.set(c, i, fresh);
          return;
        }
        if (j != null) {
          byte[] old = ((byte[]) b).clone();
          byte[] target = (byte[]) b;
          j.recordAction(() -> System.arraycopy(old, 0, target, 0, old.length));
        }
        ctx.in.readFully((byte[]) b, 0, size);
        return;
      }
      Allocation.check(ctx, size, 1, 1, "buffer");
      byte[] fresh = new byte[size];
      ctx.in.readFully(fresh, 0, size);
      if (j != null) {
        j.recordRef(s, c, i);
      }
      s.set(c, i, fresh);
    }

    /** Whether the slot takes a new value (not a final member): set to what it holds. */
    private static boolean replaceable(Slots s, Object c, int i, Object current) {
      try {
        s.set(c, i, current);
        return true;
      } catch (RuntimeException e) {
        return false;
      }
    }

    private static void checkRemaining(LoadContext ctx, long size) {
      long rem = ctx.in.remaining();
      if (rem >= 0 && size > rem) {
        throw new VmStateLoadException("unexpected end of stream", ctx.in.position(),
            size + " more bytes", rem + " bytes");
      }
    }
  }

  /** Zeros on save, skipped on load; touches no member. */
  static final class Unused extends ElementOp {
    @Override
    void save(SaveContext ctx, Slots s, Object c, int i, int size) {
      ctx.out.writeZeros(size);
    }

    @Override
    void load(LoadContext ctx, Object owner, Slots s, Object c, int i, int size) {
      ctx.in.skip(size);
    }
  }

  /** {@code size} bits as ceil(size/64) be64 words, in a long[] or a BitSet. */
  static final class Bitmap extends ElementOp {
    @Override
    void save(SaveContext ctx, Slots s, Object c, int i, int size) {
      int words = (int) ((size + 63L) / 64);
      Object b = s.get(c, i);
      long[] w;
      if (b instanceof long[]) {
        w = (long[]) b;
        if (w.length < words) {
          throw new VmStateSaveException("bitmap too short", ctx.out.position(),
              words + " words", w.length + " words");
        }
      } else if (b instanceof BitSet) {
        w = java.util.Arrays.copyOf(((BitSet) b).toLongArray(), words);
      } else {
        throw new VmStateSaveException("bitmap is null", ctx.out.position(), size + " bits",
            "null");
      }
      for (int k = 0; k < words; k++) {
        ctx.out.writeLong(w[k]);
      }
    }

    @Override
    void load(LoadContext ctx, Object owner, Slots s, Object c, int i, int size) {
      int words = (int) ((size + 63L) / 64);
      Allocation.check(ctx, words, 8, 8, "bitmap");
      long[] w = new long[words];
      for (int k = 0; k < words; k++) {
        w[k] = ctx.in.readLong();
      }
      Object b = s.get(c, i);
      Journal j = ctx.journal();
      if (b instanceof long[] && ((long[]) b).length >= words) {
        long[] target = (long[]) b;
        if (j != null) {
          long[] old = target.clone();
          j.recordAction(() -> System.arraycopy(old, 0, target, 0, old.length));
        }
        System.arraycopy(w, 0, target, 0, words);
        return;
      }
      if (j != null) {
        j.recordRef(s, c, i);
      }
      s.set(c, i, s.elementType == BitSet.class || b instanceof BitSet ? BitSet.valueOf(w) : w);
    }
  }
}
