package org.vmstate4j.engine.internal.codegen;

import static org.objectweb.asm.Opcodes.ALOAD;
import static org.objectweb.asm.Opcodes.ASTORE;
import static org.objectweb.asm.Opcodes.BALOAD;
import static org.objectweb.asm.Opcodes.BASTORE;
import static org.objectweb.asm.Opcodes.BIPUSH;
import static org.objectweb.asm.Opcodes.DUP;
import static org.objectweb.asm.Opcodes.I2L;
import static org.objectweb.asm.Opcodes.IAND;
import static org.objectweb.asm.Opcodes.ICONST_0;
import static org.objectweb.asm.Opcodes.ICONST_1;
import static org.objectweb.asm.Opcodes.IFGT;
import static org.objectweb.asm.Opcodes.IFLT;
import static org.objectweb.asm.Opcodes.IFNE;
import static org.objectweb.asm.Opcodes.ILOAD;
import static org.objectweb.asm.Opcodes.INVOKESTATIC;
import static org.objectweb.asm.Opcodes.IOR;
import static org.objectweb.asm.Opcodes.IRETURN;
import static org.objectweb.asm.Opcodes.ISHL;
import static org.objectweb.asm.Opcodes.ISHR;
import static org.objectweb.asm.Opcodes.ISTORE;
import static org.objectweb.asm.Opcodes.IUSHR;
import static org.objectweb.asm.Opcodes.IXOR;
import static org.objectweb.asm.Opcodes.L2I;
import static org.objectweb.asm.Opcodes.LAND;
import static org.objectweb.asm.Opcodes.LCMP;
import static org.objectweb.asm.Opcodes.PUTFIELD;

import java.lang.reflect.Field;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;
import org.vmstate4j.engine.codec.Codec;
import org.vmstate4j.engine.codec.IntegerCodec;
import org.vmstate4j.engine.codec.StorageWidth;
import org.vmstate4j.engine.internal.io.RawBuffers;
import org.vmstate4j.engine.io.VmInput;
import org.vmstate4j.engine.io.VmOutput;
import org.vmstate4j.engine.model.DirectCodec;

/**
 * The bytecode of a {@link DirectCodec}: {@code save} claims the description's wire bytes once
 * and fills them in place, reading each member once and noting whether its value fits; when
 * one does not, it gives the claimed bytes back (nothing is written) and refuses. {@code load}
 * takes the bytes once and converts each as the field walk's integer and bool reads do; the
 * undo record's snapshot and restore are {@link SnapshotWriter}'s. Locals: 1 the object, 2 the
 * writer or reader, 3 the object cast to its class, 4 the index of the claimed or taken bytes,
 * 5 the buffer, 6 (save) non-zero once a value does not fit.
 */
final class DirectCodecWriter {
  private static final String OUT = Type.getInternalName(VmOutput.class);
  private static final String IN = Type.getInternalName(VmInput.class);
  private static final String RAW = Type.getInternalName(RawBuffers.class);

  private DirectCodecWriter() {}

  static byte[] bytes(Class<?> type, List<Field> fields, List<Codec> codecs) {
    String owner = Type.getInternalName(type);
    ClassWriter cw = Bytecode.newClass(owner + "$VmCodec",
        Type.getInternalName(DirectCodec.class));
    Bytecode.constructor(cw, "()V", m -> { });
    int wire = 0;
    for (Codec c : codecs) {
      wire += bits(c) / 8;
    }
    int wireBytes = wire;
    Bytecode.method(cw, "wireBytes", "()I", m -> {
      m.visitLdcInsn(wireBytes);
      m.visitInsn(IRETURN);
    });
    whole(cw, "save", OUT, "claim", owner, wireBytes, m -> saveFields(m, fields, codecs),
        (m, refuse) -> refusals(m, fields, codecs, refuse));
    whole(cw, "load", IN, "take", owner, wireBytes, m -> loadFields(m, fields, codecs), null);
    Bytecode.method(cw, "load", "(Ljava/lang/Object;[BI)Z", m -> {
      // the bytes and their index into the locals load's body reads (5 and 4)
      Label refuse = new Label();
      m.visitVarInsn(ALOAD, 2);
      m.visitVarInsn(ASTORE, 5);
      m.visitVarInsn(ILOAD, 3);
      m.visitVarInsn(ISTORE, 4);
      Bytecode.ownerOrJump(m, owner, 3, refuse);
      loadFields(m, fields, codecs);
      m.visitInsn(ICONST_1);
      m.visitInsn(IRETURN);
      m.visitLabel(refuse);
      m.visitInsn(ICONST_0);
      m.visitInsn(IRETURN);
    });
    SnapshotWriter.add(cw, owner, fields);
    cw.visitEnd();
    return cw.toByteArray();
  }

  /** Wire bits of a plain integer or bool. */
  private static int bits(Codec c) {
    return c instanceof IntegerCodec ? ((IntegerCodec) c).bits() : 8;
  }

  /**
   * {@code boolean method(Object, io)}: false at once when the object is not an {@code owner};
   * then the {@code wire} bytes claimed or taken with {@code RawBuffers.reserve}, and
   * {@code body}. A save then refuses, giving the claimed bytes back, when a value did not fit.
   */
  private static void whole(ClassWriter cw, String method, String io, String reserve,
      String owner, int wire, Consumer<MethodVisitor> body,
      @Nullable BiConsumer<MethodVisitor, Label> refusals) {
    Bytecode.method(cw, method, "(Ljava/lang/Object;L" + io + ";)Z", m -> {
      Label refuse = new Label();
      Bytecode.ownerOrJump(m, owner, 3, refuse);
      m.visitVarInsn(ALOAD, 2);
      m.visitLdcInsn(wire);
      m.visitMethodInsn(INVOKESTATIC, RAW, reserve, "(L" + io + ";I)I", false);
      m.visitVarInsn(ISTORE, 4);
      m.visitVarInsn(ALOAD, 2);
      m.visitMethodInsn(INVOKESTATIC, RAW, "buffer", "(L" + io + ";)[B", false);
      m.visitVarInsn(ASTORE, 5);
      body.accept(m);
      Label giveBack = new Label();
      if (refusals != null) {
        refusals.accept(m, giveBack);
      }
      m.visitInsn(ICONST_1);
      m.visitInsn(IRETURN);
      if (refusals != null) {
        m.visitLabel(giveBack);
        m.visitVarInsn(ALOAD, 2);
        m.visitLdcInsn(wire);
        m.visitMethodInsn(INVOKESTATIC, RAW, "unclaim", "(L" + io + ";I)V", false);
      }
      m.visitLabel(refuse);
      m.visitInsn(ICONST_0);
      m.visitInsn(IRETURN);
    });
  }

  /**
   * Jumps to {@code refuse} when a value does not fit a codec narrower than its member. The
   * common case, an int-sized member with an 8- or 16-bit codec, was noted in local 6 as the
   * value was stored (one shift each, or-ed together, tested once here): each member is read
   * once, and the save of a struct with many such fields stays small enough for the JIT to
   * inline into the element loop. Other narrowings are compared with their bounds.
   */
  private static void refusals(MethodVisitor m, List<Field> fields, List<Codec> codecs,
      Label refuse) {
    m.visitVarInsn(ILOAD, 6);
    m.visitJumpInsn(IFNE, refuse);
    for (int i = 0; i < fields.size(); i++) {
      Field f = fields.get(i);
      Codec c = codecs.get(i);
      if (!narrowed(f, c) || shiftable(f, (IntegerCodec) c)) {
        continue;
      }
      IntegerCodec ic = (IntegerCodec) c;
      for (int bound = 0; bound < 2; bound++) {
        Bytecode.getField(m, 3, f);
        if (f.getType() != long.class) {
          m.visitInsn(I2L);
        }
        m.visitLdcInsn(bound == 0 ? ic.min() : ic.max());
        m.visitInsn(LCMP);
        m.visitJumpInsn(bound == 0 ? IFLT : IFGT, refuse);
      }
    }
  }

  /** Whether {@code c} is an integer codec narrower than member {@code f}. */
  private static boolean narrowed(Field f, Codec c) {
    return c instanceof IntegerCodec && StorageWidth.bits(f.getType()) != bits(c);
  }

  /**
   * Whether an int-sized member's codec is the full unsigned or signed range of fewer than 32
   * bits, which one shift checks.
   */
  private static boolean shiftable(Field f, IntegerCodec ic) {
    int b = ic.bits();
    if (f.getType() == long.class || b >= 32) {
      return false;
    }
    return ic.min() == 0 ? ic.max() == (1L << b) - 1
        : ic.min() == -(1L << (b - 1)) && ic.max() == (1L << (b - 1)) - 1;
  }

  /**
   * Stores each member's low bits big-endian at its offset, noting in local 6 whether the
   * shift-checked ones fit.
   */
  private static void saveFields(MethodVisitor m, List<Field> fields, List<Codec> codecs) {
    m.visitInsn(ICONST_0);
    m.visitVarInsn(ISTORE, 6);
    int off = 0;
    for (int i = 0; i < fields.size(); i++) {
      Field f = fields.get(i);
      Codec c = codecs.get(i);
      int bits = bits(c);
      Bytecode.arrayIndex(m, 5, 4, off);
      Bytecode.getField(m, 3, f);
      if (narrowed(f, c) && shiftable(f, (IntegerCodec) c)) {
        outOfRange(m, (IntegerCodec) c);
      }
      if (bits == 64) {
        m.visitMethodInsn(INVOKESTATIC, OUT, "putLong", "([BIJ)V", false);
      } else {
        if (f.getType() == long.class) {
          m.visitInsn(L2I);
        }
        if (bits == 8) {
          m.visitInsn(BASTORE);
        } else {
          m.visitMethodInsn(INVOKESTATIC, OUT, bits == 16 ? "putShort" : "putInt", "([BII)V",
              false);
        }
      }
      off += bits / 8;
    }
  }

  /** Reads each value at its offset and stores it as the walk's fromRaw and setLong do. */
  private static void loadFields(MethodVisitor m, List<Field> fields, List<Codec> codecs) {
    int off = 0;
    for (int i = 0; i < fields.size(); i++) {
      Field f = fields.get(i);
      Class<?> t = f.getType();
      Codec c = codecs.get(i);
      int bits = bits(c);
      m.visitVarInsn(ALOAD, 3);
      Bytecode.arrayIndex(m, 5, 4, off);
      if (!(c instanceof IntegerCodec)) {
        m.visitInsn(BALOAD); // bool: any non-zero byte is true
        Bytecode.nonZero(m);
      } else if (bits == 64) {
        m.visitMethodInsn(INVOKESTATIC, IN, "getLong", "([BI)J", false);
      } else {
        boolean signed = ((IntegerCodec) c).signed();
        if (bits == 8) {
          m.visitInsn(BALOAD);
        } else {
          m.visitMethodInsn(INVOKESTATIC, IN, bits == 16 ? "getShort" : "getInt",
              bits == 16 ? "([BI)S" : "([BI)I", false);
        }
        if (!signed && bits < 32) {
          m.visitLdcInsn(bits == 8 ? 0xff : 0xffff);
          m.visitInsn(IAND);
        }
        if (t == long.class) {
          m.visitInsn(I2L);
          if (!signed && bits == 32) {
            m.visitLdcInsn(0xffffffffL);
            m.visitInsn(LAND);
          }
        } else {
          Bytecode.narrow(m, t);
        }
      }
      m.visitFieldInsn(PUTFIELD, Type.getInternalName(f.getDeclaringClass()), f.getName(),
          Type.getDescriptor(t));
      off += bits / 8;
    }
  }

  /**
   * With the member's value on the stack (kept there), ors into local 6 a value that is zero
   * exactly when it fits: {@code v >>> bits} (unsigned), {@code (v << k >> k) ^ v} (signed).
   */
  private static void outOfRange(MethodVisitor m, IntegerCodec ic) {
    int b = ic.bits();
    m.visitInsn(DUP);
    if (ic.min() == 0) {
      m.visitIntInsn(BIPUSH, b);
      m.visitInsn(IUSHR);
    } else {
      m.visitInsn(DUP);
      m.visitIntInsn(BIPUSH, 32 - b);
      m.visitInsn(ISHL);
      m.visitIntInsn(BIPUSH, 32 - b);
      m.visitInsn(ISHR);
      m.visitInsn(IXOR);
    }
    m.visitVarInsn(ILOAD, 6);
    m.visitInsn(IOR);
    m.visitVarInsn(ISTORE, 6);
  }
}
