package org.vmstate4j.dsl;

import static org.objectweb.asm.Opcodes.ACC_FINAL;
import static org.objectweb.asm.Opcodes.ACC_PRIVATE;
import static org.objectweb.asm.Opcodes.ALOAD;
import static org.objectweb.asm.Opcodes.ARETURN;
import static org.objectweb.asm.Opcodes.D2F;
import static org.objectweb.asm.Opcodes.DUP;
import static org.objectweb.asm.Opcodes.F2D;
import static org.objectweb.asm.Opcodes.GETFIELD;
import static org.objectweb.asm.Opcodes.I2L;
import static org.objectweb.asm.Opcodes.ILOAD;
import static org.objectweb.asm.Opcodes.INVOKEINTERFACE;
import static org.objectweb.asm.Opcodes.INVOKESPECIAL;
import static org.objectweb.asm.Opcodes.INVOKESTATIC;
import static org.objectweb.asm.Opcodes.INVOKEVIRTUAL;
import static org.objectweb.asm.Opcodes.IRETURN;
import static org.objectweb.asm.Opcodes.L2I;
import static org.objectweb.asm.Opcodes.LCMP;
import static org.objectweb.asm.Opcodes.LCONST_0;
import static org.objectweb.asm.Opcodes.NEW;
import static org.objectweb.asm.Opcodes.PUTFIELD;
import static org.objectweb.asm.Opcodes.RETURN;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;
import org.vmstate4j.engine.internal.codegen.Bytecode;
import org.vmstate4j.engine.internal.codegen.ClassHost;
import org.vmstate4j.engine.model.FieldAccessor;

/**
 * Classes generated once per bound member or class, defined where {@link ClassHost} puts them
 * (hidden nestmates of the declaring class where possible): field accessors that read and write
 * with direct field instructions, and factories that call a no-arg constructor directly. When a
 * class cannot be defined (e.g. the described class is in a module that does not open it), the
 * callers keep the method-handle accessor or factory. The whole-description codecs are the
 * engine's ({@link org.vmstate4j.engine.internal.codegen.DirectCodecs}).
 */
final class Generated {
  private Generated() {}

  private static final String FA = Type.getInternalName(FieldAccessor.class);
  private static final String FA_DESC = Type.getDescriptor(FieldAccessor.class);

  /**
   * A generated accessor of {@code f}: getters and setters of primitives with direct field
   * instructions; the boxed {@code set} and every setter of a final member go to {@code slow}.
   * Null when generation is off or fails.
   */
  static @Nullable FieldAccessor accessor(Field f, FieldAccessor slow) {
    if (!ClassHost.ENABLED || Modifier.isStatic(f.getModifiers())) {
      return null;
    }
    try {
      ClassHost host = new ClassHost(f.getDeclaringClass(), MethodHandles.lookup());
      return (FieldAccessor) host.create(accessorBytes(f),
          MethodType.methodType(void.class, FieldAccessor.class, Class.class), slow,
          f.getType());
    } catch (Throwable t) {
      return null;
    }
  }

  private static byte[] accessorBytes(Field f) {
    Class<?> t = f.getType();
    boolean settable = !Modifier.isFinal(f.getModifiers());
    String owner = Type.getInternalName(f.getDeclaringClass());
    String name = owner + "$VmAccess";
    String fd = Type.getDescriptor(t);
    ClassWriter cw = Bytecode.newClass(name, FA);
    cw.visitField(ACC_PRIVATE | ACC_FINAL, "slow", FA_DESC, null, null).visitEnd();
    cw.visitField(ACC_PRIVATE | ACC_FINAL, "type", "Ljava/lang/Class;", null, null).visitEnd();
    Bytecode.constructor(cw, "(" + FA_DESC + "Ljava/lang/Class;)V", m -> {
      m.visitVarInsn(ALOAD, 0);
      m.visitVarInsn(ALOAD, 1);
      m.visitFieldInsn(PUTFIELD, name, "slow", FA_DESC);
      m.visitVarInsn(ALOAD, 0);
      m.visitVarInsn(ALOAD, 2);
      m.visitFieldInsn(PUTFIELD, name, "type", "Ljava/lang/Class;");
    });
    Bytecode.method(cw, "type", "()Ljava/lang/Class;", m -> {
      m.visitVarInsn(ALOAD, 0);
      m.visitFieldInsn(GETFIELD, name, "type", "Ljava/lang/Class;");
      m.visitInsn(ARETURN);
    });
    // get: direct, boxed as method handles box (valueOf)
    member(cw, name, f, "get", "(Ljava/lang/Object;)Ljava/lang/Object;", true, m -> {
      if (t.isPrimitive()) {
        Type box = Type.getType(MethodType.methodType(t).wrap().returnType());
        m.visitMethodInsn(INVOKESTATIC, box.getInternalName(), "valueOf",
            "(" + fd + ")" + box.getDescriptor(), false);
      }
    });
    delegate(cw, name, "set", "(Ljava/lang/Object;Ljava/lang/Object;)V");
    delegate(cw, name, "toString", "()Ljava/lang/String;");
    boolean integral = t == byte.class || t == short.class || t == char.class || t == int.class
        || t == long.class || t == boolean.class;
    boolean floating = t == double.class || t == float.class;
    member(cw, name, f, "getLong", "(Ljava/lang/Object;)J", integral, m -> {
      if (t != long.class) {
        m.visitInsn(I2L); // booleans are 0/1, chars zero-extended
      }
    });
    member(cw, name, f, "setLong", "(Ljava/lang/Object;J)V", integral && settable, m -> {
      if (t == boolean.class) {
        m.visitInsn(LCONST_0);
        m.visitInsn(LCMP);
        Bytecode.nonZero(m);
      } else if (t != long.class) {
        m.visitInsn(L2I);
        Bytecode.narrow(m, t);
      }
    });
    member(cw, name, f, "getDouble", "(Ljava/lang/Object;)D", floating, m -> {
      if (t == float.class) {
        m.visitInsn(F2D);
      }
    });
    member(cw, name, f, "setDouble", "(Ljava/lang/Object;D)V", floating && settable, m -> {
      if (t == float.class) {
        m.visitInsn(D2F);
      }
    });
    cw.visitEnd();
    return cw.toByteArray();
  }

  /**
   * The accessor method {@code method}: when {@code direct}, a getter (no second argument) that
   * reads {@code f} of its first argument and {@code convert}s it for the return, or a setter
   * that {@code convert}s its second argument and stores it into {@code f}; else a
   * {@link #delegate}.
   */
  private static void member(ClassWriter cw, String name, Field f, String method, String desc,
      boolean direct, Consumer<MethodVisitor> convert) {
    if (!direct) {
      delegate(cw, name, method, desc);
      return;
    }
    String owner = Type.getInternalName(f.getDeclaringClass());
    String fd = Type.getDescriptor(f.getType());
    Type[] args = Type.getArgumentTypes(desc);
    Bytecode.method(cw, method, desc, m -> {
      Bytecode.ownerArgument(m, owner);
      if (args.length == 1) {
        m.visitFieldInsn(GETFIELD, owner, f.getName(), fd);
        convert.accept(m);
        m.visitInsn(Type.getReturnType(desc).getOpcode(IRETURN));
      } else {
        m.visitVarInsn(args[1].getOpcode(ILOAD), 2);
        convert.accept(m);
        m.visitFieldInsn(PUTFIELD, owner, f.getName(), fd);
        m.visitInsn(RETURN);
      }
    });
  }

  /** A method that calls the same method of the method-handle accessor. */
  private static void delegate(ClassWriter cw, String name, String method, String desc) {
    Bytecode.method(cw, method, desc, m -> {
      m.visitVarInsn(ALOAD, 0);
      m.visitFieldInsn(GETFIELD, name, "slow", FA_DESC);
      Type mt = Type.getMethodType(desc);
      int slot = 1;
      for (Type a : mt.getArgumentTypes()) {
        m.visitVarInsn(a.getOpcode(ILOAD), slot);
        slot += a.getSize();
      }
      if (method.equals("toString")) {
        m.visitMethodInsn(INVOKEVIRTUAL, "java/lang/Object", method, desc, false);
      } else {
        m.visitMethodInsn(INVOKEINTERFACE, FA, method, desc, true);
      }
      m.visitInsn(mt.getReturnType().getOpcode(IRETURN));
    });
  }

  /** A Supplier calling {@code cls}'s no-arg constructor directly; null when impossible. */
  @SuppressWarnings("unchecked")
  static <X> @Nullable Supplier<X> factory(Class<X> cls) {
    if (!ClassHost.ENABLED) {
      return null;
    }
    try {
      ClassHost host = new ClassHost(cls, MethodHandles.lookup());
      for (Class<?> x : cls.getDeclaredConstructor().getExceptionTypes()) {
        if (!RuntimeException.class.isAssignableFrom(x) && !Error.class.isAssignableFrom(x)) {
          return null; // the method-handle factory wraps checked exceptions
        }
      }
      String owner = Type.getInternalName(cls);
      ClassWriter cw = Bytecode.newClass(owner + "$VmNew",
          "java/util/function/Supplier");
      Bytecode.constructor(cw, "()V", m -> { });
      Bytecode.method(cw, "get", "()Ljava/lang/Object;", m -> {
        m.visitTypeInsn(NEW, owner);
        m.visitInsn(DUP);
        m.visitMethodInsn(INVOKESPECIAL, owner, "<init>", "()V", false);
        m.visitInsn(ARETURN);
      });
      cw.visitEnd();
      return (Supplier<X>) host.create(cw.toByteArray(), MethodType.methodType(void.class));
    } catch (Throwable t) {
      return null;
    }
  }
}
