package org.vmstate4j.engine.internal.codegen;

import static org.objectweb.asm.Opcodes.ALOAD;
import static org.objectweb.asm.Opcodes.ASTORE;
import static org.objectweb.asm.Opcodes.BIPUSH;
import static org.objectweb.asm.Opcodes.I2L;
import static org.objectweb.asm.Opcodes.IALOAD;
import static org.objectweb.asm.Opcodes.IAND;
import static org.objectweb.asm.Opcodes.IASTORE;
import static org.objectweb.asm.Opcodes.ICONST_0;
import static org.objectweb.asm.Opcodes.ICONST_1;
import static org.objectweb.asm.Opcodes.INVOKESTATIC;
import static org.objectweb.asm.Opcodes.IRETURN;
import static org.objectweb.asm.Opcodes.L2I;
import static org.objectweb.asm.Opcodes.LAND;
import static org.objectweb.asm.Opcodes.LLOAD;
import static org.objectweb.asm.Opcodes.LOR;
import static org.objectweb.asm.Opcodes.LSHL;
import static org.objectweb.asm.Opcodes.LSTORE;
import static org.objectweb.asm.Opcodes.LUSHR;
import static org.objectweb.asm.Opcodes.PUTFIELD;
import static org.objectweb.asm.Opcodes.RETURN;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;

/**
 * The snapshot and restore of a {@link org.vmstate4j.engine.model.DirectCodec}, the undo record
 * of a transactional load: each member's raw bits, of its Java type's width (not its wire
 * width: a value the save would refuse comes back exactly), one int each, a long or double in
 * two; no range check, no byte order, no packing (a store is cheaper than the shifts that would
 * save it). Locals: 1 the object, 2 the int array, 3 the index, 4 the object cast to its
 * class, 5 a long.
 */
final class SnapshotWriter {
  private SnapshotWriter() {}

  /** Adds {@code snapshotInts}, {@code snapshot} and {@code restore} for {@code fields}. */
  static void add(ClassWriter cw, String owner, List<Field> fields) {
    // a member bound to two fields is kept once
    List<Field> members = new ArrayList<>(new LinkedHashSet<>(fields));
    int ints = 0;
    for (Field f : members) {
      ints += wide(f.getType()) ? 2 : 1;
    }
    int size = ints;
    Bytecode.method(cw, "snapshotInts", "()I", m -> {
      m.visitLdcInsn(size);
      m.visitInsn(IRETURN);
    });
    Bytecode.method(cw, "snapshot", "(Ljava/lang/Object;[II)Z", m -> {
      Label refuse = new Label();
      Bytecode.ownerOrJump(m, owner, 4, refuse);
      int at = 0;
      for (Field f : members) {
        Class<?> t = f.getType();
        if (wide(t)) {
          Bytecode.getField(m, 4, f);
          if (t == double.class) {
            m.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "doubleToRawLongBits", "(D)J",
                false);
          }
          m.visitVarInsn(LSTORE, 5);
          for (int half = 0; half < 2; half++) {
            Bytecode.arrayIndex(m, 2, 3, at + half);
            m.visitVarInsn(LLOAD, 5);
            if (half == 1) {
              m.visitIntInsn(BIPUSH, 32);
              m.visitInsn(LUSHR);
            }
            m.visitInsn(L2I);
            m.visitInsn(IASTORE);
          }
          at += 2;
        } else {
          // boolean, byte, short and char are ints on the stack already
          Bytecode.arrayIndex(m, 2, 3, at);
          Bytecode.getField(m, 4, f);
          if (t == float.class) {
            m.visitMethodInsn(INVOKESTATIC, "java/lang/Float", "floatToRawIntBits", "(F)I",
                false);
          }
          m.visitInsn(IASTORE);
          at++;
        }
      }
      m.visitInsn(ICONST_1);
      m.visitInsn(IRETURN);
      m.visitLabel(refuse);
      m.visitInsn(ICONST_0);
      m.visitInsn(IRETURN);
    });
    Bytecode.method(cw, "restore", "(Ljava/lang/Object;[II)V", m -> {
      Bytecode.ownerArgument(m, owner);
      m.visitVarInsn(ASTORE, 4);
      int at = 0;
      for (Field f : members) {
        Class<?> t = f.getType();
        m.visitVarInsn(ALOAD, 4);
        if (wide(t)) {
          // low half zero-extended, or-ed with the high half shifted up
          Bytecode.arrayIndex(m, 2, 3, at);
          m.visitInsn(IALOAD);
          m.visitInsn(I2L);
          m.visitLdcInsn(0xffffffffL);
          m.visitInsn(LAND);
          Bytecode.arrayIndex(m, 2, 3, at + 1);
          m.visitInsn(IALOAD);
          m.visitInsn(I2L);
          m.visitIntInsn(BIPUSH, 32);
          m.visitInsn(LSHL);
          m.visitInsn(LOR);
          if (t == double.class) {
            m.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "longBitsToDouble", "(J)D",
                false);
          }
          at += 2;
        } else {
          Bytecode.arrayIndex(m, 2, 3, at);
          m.visitInsn(IALOAD);
          fromInt(m, t);
          at++;
        }
        m.visitFieldInsn(PUTFIELD, Type.getInternalName(f.getDeclaringClass()), f.getName(),
            Type.getDescriptor(t));
      }
      m.visitInsn(RETURN);
    });
  }

  /** Whether a member of type {@code t} takes two ints. */
  private static boolean wide(Class<?> t) {
    return t == long.class || t == double.class;
  }

  /** Turns the int on the stack, as a snapshot holds it, into a member of type {@code t}. */
  private static void fromInt(MethodVisitor m, Class<?> t) {
    if (t == float.class) {
      m.visitMethodInsn(INVOKESTATIC, "java/lang/Float", "intBitsToFloat", "(I)F", false);
    } else if (t == boolean.class) {
      m.visitInsn(ICONST_1);
      m.visitInsn(IAND);
    } else {
      Bytecode.narrow(m, t);
    }
  }
}
