package org.vmstate4j.engine.internal.codegen;

import static org.objectweb.asm.Opcodes.ACC_FINAL;
import static org.objectweb.asm.Opcodes.ACC_PUBLIC;
import static org.objectweb.asm.Opcodes.ACC_SUPER;
import static org.objectweb.asm.Opcodes.ALOAD;
import static org.objectweb.asm.Opcodes.ASTORE;
import static org.objectweb.asm.Opcodes.CHECKCAST;
import static org.objectweb.asm.Opcodes.GETFIELD;
import static org.objectweb.asm.Opcodes.GOTO;
import static org.objectweb.asm.Opcodes.I2B;
import static org.objectweb.asm.Opcodes.I2C;
import static org.objectweb.asm.Opcodes.I2S;
import static org.objectweb.asm.Opcodes.IADD;
import static org.objectweb.asm.Opcodes.ICONST_0;
import static org.objectweb.asm.Opcodes.ICONST_1;
import static org.objectweb.asm.Opcodes.IFEQ;
import static org.objectweb.asm.Opcodes.ILOAD;
import static org.objectweb.asm.Opcodes.INSTANCEOF;
import static org.objectweb.asm.Opcodes.INVOKESPECIAL;
import static org.objectweb.asm.Opcodes.RETURN;
import static org.objectweb.asm.Opcodes.V17;

import java.lang.reflect.Field;
import java.util.function.Consumer;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;

/** The pieces of bytecode every generated class is made of. */
public final class Bytecode {
  private Bytecode() {}

  /** ASM's frame computation without loading user classes: merges only meet equal types. */
  private static final class Writer extends ClassWriter {
    Writer() {
      super(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
    }

    @Override
    protected String getCommonSuperClass(String a, String b) {
      return "java/lang/Object";
    }
  }

  /** Starts the final class {@code name} implementing {@code iface}. */
  public static ClassWriter newClass(String name, String iface) {
    ClassWriter cw = new Writer();
    cw.visit(V17, ACC_FINAL | ACC_SUPER, name, null, "java/lang/Object", new String[] {iface});
    return cw;
  }

  /**
   * Adds the public method {@code method} whose body {@code body} writes (with its own
   * return); frames and sizes are computed.
   */
  public static void method(ClassWriter cw, String method, String desc,
      Consumer<MethodVisitor> body) {
    MethodVisitor m = cw.visitMethod(ACC_PUBLIC, method, desc, null, null);
    m.visitCode();
    body.accept(m);
    m.visitMaxs(0, 0);
    m.visitEnd();
  }

  /**
   * Adds a public constructor {@code (desc)V} that calls Object's and then {@code body} (which
   * may store the arguments); {@code ()V} with a no-op body is the plain no-arg constructor.
   */
  public static void constructor(ClassWriter cw, String desc, Consumer<MethodVisitor> body) {
    method(cw, "<init>", desc, m -> {
      m.visitVarInsn(ALOAD, 0);
      m.visitMethodInsn(INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
      body.accept(m);
      m.visitInsn(RETURN);
    });
  }

  /** Pushes the first argument (local 1) cast to {@code owner}. */
  public static void ownerArgument(MethodVisitor m, String owner) {
    m.visitVarInsn(ALOAD, 1);
    m.visitTypeInsn(CHECKCAST, owner);
  }

  /**
   * Stores the first argument (local 1), cast to {@code owner}, in local {@code local}, or jumps
   * to {@code refuse} when it is not an {@code owner}.
   */
  public static void ownerOrJump(MethodVisitor m, String owner, int local, Label refuse) {
    m.visitVarInsn(ALOAD, 1);
    m.visitTypeInsn(INSTANCEOF, owner);
    m.visitJumpInsn(IFEQ, refuse);
    ownerArgument(m, owner);
    m.visitVarInsn(ASTORE, local);
  }

  /** Replaces the int on the stack by 1 when it is non-zero, else 0 (Java's boolean). */
  public static void nonZero(MethodVisitor m) {
    Label zero = new Label();
    Label done = new Label();
    m.visitJumpInsn(IFEQ, zero);
    m.visitInsn(ICONST_1);
    m.visitJumpInsn(GOTO, done);
    m.visitLabel(zero);
    m.visitInsn(ICONST_0);
    m.visitLabel(done);
  }

  /** Narrows the int on the stack to a byte, short or char member of type {@code t}. */
  public static void narrow(MethodVisitor m, Class<?> t) {
    if (t == byte.class) {
      m.visitInsn(I2B);
    } else if (t == short.class) {
      m.visitInsn(I2S);
    } else if (t == char.class) {
      m.visitInsn(I2C);
    }
  }

  /**
   * Pushes the array in local {@code array} and the index in local {@code index} plus
   * {@code off}: an element's address, for a store or a load.
   */
  public static void arrayIndex(MethodVisitor m, int array, int index, int off) {
    m.visitVarInsn(ALOAD, array);
    m.visitVarInsn(ILOAD, index);
    if (off != 0) {
      m.visitLdcInsn(off);
      m.visitInsn(IADD);
    }
  }

  /** Pushes member {@code f} of the object in local {@code object}. */
  public static void getField(MethodVisitor m, int object, Field f) {
    m.visitVarInsn(ALOAD, object);
    m.visitFieldInsn(GETFIELD, Type.getInternalName(f.getDeclaringClass()), f.getName(),
        Type.getDescriptor(f.getType()));
  }
}
