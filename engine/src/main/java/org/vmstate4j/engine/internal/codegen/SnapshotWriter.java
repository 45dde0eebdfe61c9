package org.vmstate4j.engine.internal.codegen;

import static org.objectweb.asm.Opcodes.ALOAD;
import static org.objectweb.asm.Opcodes.ASTORE;
import static org.objectweb.asm.Opcodes.BIPUSH;
import static org.objectweb.asm.Opcodes.GETFIELD;
import static org.objectweb.asm.Opcodes.I2B;
import static org.objectweb.asm.Opcodes.I2C;
import static org.objectweb.asm.Opcodes.I2L;
import static org.objectweb.asm.Opcodes.I2S;
import static org.objectweb.asm.Opcodes.IADD;
import static org.objectweb.asm.Opcodes.IAND;
import static org.objectweb.asm.Opcodes.ICONST_0;
import static org.objectweb.asm.Opcodes.ICONST_1;
import static org.objectweb.asm.Opcodes.IFEQ;
import static org.objectweb.asm.Opcodes.ILOAD;
import static org.objectweb.asm.Opcodes.INSTANCEOF;
import static org.objectweb.asm.Opcodes.INVOKESTATIC;
import static org.objectweb.asm.Opcodes.IRETURN;
import static org.objectweb.asm.Opcodes.L2I;
import static org.objectweb.asm.Opcodes.LALOAD;
import static org.objectweb.asm.Opcodes.LAND;
import static org.objectweb.asm.Opcodes.LASTORE;
import static org.objectweb.asm.Opcodes.LCONST_0;
import static org.objectweb.asm.Opcodes.LLOAD;
import static org.objectweb.asm.Opcodes.LOR;
import static org.objectweb.asm.Opcodes.LSHL;
import static org.objectweb.asm.Opcodes.LSTORE;
import static org.objectweb.asm.Opcodes.LUSHR;
import static org.objectweb.asm.Opcodes.PUTFIELD;
import static org.objectweb.asm.Opcodes.RETURN;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;

/**
 * The snapshot and restore of a {@link org.vmstate4j.engine.model.DirectCodec}: the undo record
 * of a transactional load. Each member's raw bits (its Java type's width, not its wire width:
 * a value the save would refuse comes back exactly) are packed into longs, widest members
 * first so that none straddles two longs; no range check, no byte order, no wire form. Locals:
 * 1 the object, 2 the long array, 3 the index, 4 the object cast to its class, 5 a long.
 */
final class SnapshotWriter {
  /** Where member {@code field}'s {@code bits} go: long {@code word}, from bit {@code shift}. */
  private record Slot(Field field, int word, int shift, int bits) {}

  private SnapshotWriter() {}

  /** Adds {@code snapshotLongs}, {@code snapshot} and {@code restore} for {@code fields}. */
  static void add(ClassWriter cw, String owner, List<Field> fields) {
    List<Slot> slots = layout(fields);
    int words = slots.isEmpty() ? 0 : slots.get(slots.size() - 1).word + 1;
    Bytecode.method(cw, "snapshotLongs", "()I", m -> {
      m.visitLdcInsn(words);
      m.visitInsn(IRETURN);
    });
    Bytecode.method(cw, "snapshot", "(Ljava/lang/Object;[JI)Z", m -> {
      Label refuse = new Label();
      m.visitVarInsn(ALOAD, 1);
      m.visitTypeInsn(INSTANCEOF, owner);
      m.visitJumpInsn(IFEQ, refuse);
      Bytecode.ownerArgument(m, owner);
      m.visitVarInsn(ASTORE, 4);
      for (int w = 0; w < words; w++) {
        index(m, w);
        boolean first = true;
        for (Slot s : slots) {
          if (s.word == w) {
            pushBits(m, s);
            if (!first) {
              m.visitInsn(LOR);
            }
            first = false;
          }
        }
        if (first) {
          m.visitInsn(LCONST_0);
        }
        m.visitInsn(LASTORE);
      }
      m.visitInsn(ICONST_1);
      m.visitInsn(IRETURN);
      m.visitLabel(refuse);
      m.visitInsn(ICONST_0);
      m.visitInsn(IRETURN);
    });
    Bytecode.method(cw, "restore", "(Ljava/lang/Object;[JI)V", m -> {
      Bytecode.ownerArgument(m, owner);
      m.visitVarInsn(ASTORE, 4);
      for (int w = 0; w < words; w++) {
        index(m, w);
        m.visitInsn(LALOAD);
        m.visitVarInsn(LSTORE, 5);
        for (Slot s : slots) {
          if (s.word == w) {
            m.visitVarInsn(ALOAD, 4);
            m.visitVarInsn(LLOAD, 5);
            if (s.shift != 0) {
              m.visitIntInsn(BIPUSH, s.shift);
              m.visitInsn(LUSHR);
            }
            fromBits(m, s.field.getType());
            m.visitFieldInsn(PUTFIELD, Type.getInternalName(s.field.getDeclaringClass()),
                s.field.getName(), Type.getDescriptor(s.field.getType()));
          }
        }
      }
      m.visitInsn(RETURN);
    });
  }

  /** Each distinct member once, widest first (stable), at the next multiple of its width. */
  private static List<Slot> layout(List<Field> fields) {
    List<Field> distinct = new ArrayList<>(new LinkedHashSet<>(fields));
    distinct.sort(Comparator.comparingInt((Field f) -> -width(f.getType())));
    List<Slot> slots = new ArrayList<>();
    int bit = 0;
    for (Field f : distinct) {
      int w = width(f.getType());
      slots.add(new Slot(f, bit / 64, bit % 64, w));
      bit += w;
    }
    return slots;
  }

  /** Bits a member of primitive type {@code t} holds: a power of two, at most 64. */
  static int width(Class<?> t) {
    if (t == long.class || t == double.class) {
      return 64;
    } else if (t == int.class || t == float.class) {
      return 32;
    } else if (t == short.class || t == char.class) {
      return 16;
    }
    return t == boolean.class ? 1 : 8;
  }

  /** Pushes the long array (local 2) and the index (local 3) plus {@code w}. */
  private static void index(MethodVisitor m, int w) {
    m.visitVarInsn(ALOAD, 2);
    m.visitVarInsn(ILOAD, 3);
    if (w != 0) {
      m.visitLdcInsn(w);
      m.visitInsn(IADD);
    }
  }

  /** Pushes member {@code s}'s bits as a long, zero above them, moved to their place. */
  private static void pushBits(MethodVisitor m, Slot s) {
    Class<?> t = s.field.getType();
    m.visitVarInsn(ALOAD, 4);
    m.visitFieldInsn(GETFIELD, Type.getInternalName(s.field.getDeclaringClass()),
        s.field.getName(), Type.getDescriptor(t));
    if (t == double.class) {
      m.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "doubleToRawLongBits", "(D)J", false);
    } else if (t != long.class) {
      if (t == float.class) {
        m.visitMethodInsn(INVOKESTATIC, "java/lang/Float", "floatToRawIntBits", "(F)I", false);
      }
      m.visitInsn(I2L);
      // sign-extended bits would spill over the members above; the top member's spill is
      // shifted out, and char and boolean are never negative
      if (s.shift + s.bits < 64 && t != char.class && t != boolean.class) {
        m.visitLdcInsn(-1L >>> (64 - s.bits));
        m.visitInsn(LAND);
      }
    }
    if (s.shift != 0) {
      m.visitIntInsn(BIPUSH, s.shift);
      m.visitInsn(LSHL);
    }
  }

  /** Turns the long on the stack, the member's bits at the bottom, into a {@code t}. */
  private static void fromBits(MethodVisitor m, Class<?> t) {
    if (t == double.class) {
      m.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "longBitsToDouble", "(J)D", false);
    } else if (t != long.class) {
      m.visitInsn(L2I);
      if (t == float.class) {
        m.visitMethodInsn(INVOKESTATIC, "java/lang/Float", "intBitsToFloat", "(I)F", false);
      } else if (t == boolean.class) {
        m.visitInsn(ICONST_1);
        m.visitInsn(IAND);
      } else if (t == byte.class) {
        m.visitInsn(I2B);
      } else if (t == short.class) {
        m.visitInsn(I2S);
      } else if (t == char.class) {
        m.visitInsn(I2C);
      }
    }
  }
}
