package org.vmstate4j.dsl;

import static org.objectweb.asm.Opcodes.ACC_FINAL;
import static org.objectweb.asm.Opcodes.ACC_PRIVATE;
import static org.objectweb.asm.Opcodes.ACC_PUBLIC;
import static org.objectweb.asm.Opcodes.ACC_SUPER;
import static org.objectweb.asm.Opcodes.ALOAD;
import static org.objectweb.asm.Opcodes.ARETURN;
import static org.objectweb.asm.Opcodes.ASTORE;
import static org.objectweb.asm.Opcodes.BALOAD;
import static org.objectweb.asm.Opcodes.BASTORE;
import static org.objectweb.asm.Opcodes.CHECKCAST;
import static org.objectweb.asm.Opcodes.D2F;
import static org.objectweb.asm.Opcodes.DLOAD;
import static org.objectweb.asm.Opcodes.DRETURN;
import static org.objectweb.asm.Opcodes.F2D;
import static org.objectweb.asm.Opcodes.GETFIELD;
import static org.objectweb.asm.Opcodes.GOTO;
import static org.objectweb.asm.Opcodes.I2B;
import static org.objectweb.asm.Opcodes.I2C;
import static org.objectweb.asm.Opcodes.I2L;
import static org.objectweb.asm.Opcodes.I2S;
import static org.objectweb.asm.Opcodes.IADD;
import static org.objectweb.asm.Opcodes.IAND;
import static org.objectweb.asm.Opcodes.ICONST_0;
import static org.objectweb.asm.Opcodes.ICONST_1;
import static org.objectweb.asm.Opcodes.IFEQ;
import static org.objectweb.asm.Opcodes.IFGT;
import static org.objectweb.asm.Opcodes.IFLT;
import static org.objectweb.asm.Opcodes.ILOAD;
import static org.objectweb.asm.Opcodes.INSTANCEOF;
import static org.objectweb.asm.Opcodes.INVOKEINTERFACE;
import static org.objectweb.asm.Opcodes.INVOKESPECIAL;
import static org.objectweb.asm.Opcodes.INVOKESTATIC;
import static org.objectweb.asm.Opcodes.INVOKEVIRTUAL;
import static org.objectweb.asm.Opcodes.ISTORE;
import static org.objectweb.asm.Opcodes.IRETURN;
import static org.objectweb.asm.Opcodes.L2I;
import static org.objectweb.asm.Opcodes.LAND;
import static org.objectweb.asm.Opcodes.LCMP;
import static org.objectweb.asm.Opcodes.LLOAD;
import static org.objectweb.asm.Opcodes.LRETURN;
import static org.objectweb.asm.Opcodes.LCONST_0;
import static org.objectweb.asm.Opcodes.POP;
import static org.objectweb.asm.Opcodes.PUTFIELD;
import static org.objectweb.asm.Opcodes.RETURN;
import static org.objectweb.asm.Opcodes.V17;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;
import org.vmstate4j.engine.codec.Codec;
import org.vmstate4j.engine.codec.Codecs;
import org.vmstate4j.engine.codec.IntegerCodec;
import org.vmstate4j.engine.codec.StorageWidth;
import org.vmstate4j.engine.io.VmInput;
import org.vmstate4j.engine.io.VmOutput;
import org.vmstate4j.engine.model.DirectCodec;
import org.vmstate4j.engine.model.FieldAccessor;

/**
 * Classes generated once per described member or class, defined as hidden nestmates of the
 * class that declares the members (see {@link Host}): field accessors that read and write with direct field
 * instructions, and {@link DirectCodec}s for flat descriptions. When a class cannot be
 * defined (e.g. the described class is in a module that does not open it), the callers keep
 * the method-handle accessor and no codec.
 *
 * <p>{@code -Dvmstate4j.generate=false} turns generation off.
 */
final class Generated {
  private Generated() {}

  static final boolean ENABLED =
      !"false".equals(System.getProperty("vmstate4j.generate", "true"));

  private static final String FA = Type.getInternalName(FieldAccessor.class);
  private static final String DC = Type.getInternalName(DirectCodec.class);
  private static final String OUT = Type.getInternalName(VmOutput.class);
  private static final String IN = Type.getInternalName(VmInput.class);
  private static final String FA_DESC = Type.getDescriptor(FieldAccessor.class);

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

  private static final java.util.concurrent.atomic.AtomicLong NAMES =
      new java.util.concurrent.atomic.AtomicLong();

  /**
   * Where the classes for members of {@code c} go: hidden nestmates of {@code c} when this
   * module may define them (same module, or the class is open to it with full privilege),
   * else ordinary classes of {@code c}'s package (e.g. for JShell's classes, which live in
   * another class loader's module), which reach no private member.
   */
  private static final class Host {
    final MethodHandles.Lookup lookup;
    final boolean nestmate;

    Host(Class<?> c) throws IllegalAccessException {
      lookup = MethodHandles.privateLookupIn(c, MethodHandles.lookup());
      nestmate = lookup.hasFullPrivilegeAccess();
    }

    /** Whether generated code may touch a member with modifiers {@code mods}. */
    boolean reaches(int mods) {
      return nestmate || !Modifier.isPrivate(mods);
    }

    /** A class name for generated code: unique for ordinary classes. */
    String name(String base) {
      return nestmate ? base : base + "$" + NAMES.incrementAndGet();
    }

    Object create(byte[] bytes, MethodType ctor, Object... args) throws Throwable {
      if (nestmate) {
        MethodHandles.Lookup h = lookup.defineHiddenClass(bytes, true,
            MethodHandles.Lookup.ClassOption.NESTMATE);
        return h.findConstructor(h.lookupClass(), ctor).invokeWithArguments(args);
      }
      Class<?> c = lookup.defineClass(bytes);
      return lookup.findConstructor(c, ctor).invokeWithArguments(args);
    }
  }

  // ------------------------------------------------------------------ accessors

  /**
   * A generated accessor of {@code f}: getters and setters of primitives with direct field
   * instructions; the boxed {@code set} and every setter of a final member go to {@code slow}.
   * Null when generation is off or fails.
   */
  static @Nullable FieldAccessor accessor(Field f, FieldAccessor slow) {
    if (!ENABLED || Modifier.isStatic(f.getModifiers())) {
      return null;
    }
    try {
      Host host = new Host(f.getDeclaringClass());
      if (!host.reaches(f.getModifiers())) {
        return null;
      }
      byte[] bytes = accessorBytes(f, host);
      return (FieldAccessor) host.create(bytes,
          MethodType.methodType(void.class, FieldAccessor.class, Class.class), slow,
          f.getType());
    } catch (Throwable t) {
      return null;
    }
  }

  private static byte[] accessorBytes(Field f, Host host) {
    Class<?> decl = f.getDeclaringClass();
    Class<?> t = f.getType();
    boolean settable = !Modifier.isFinal(f.getModifiers());
    String owner = Type.getInternalName(decl);
    String name = host.name(owner + "$VmAccess");
    String fd = Type.getDescriptor(t);
    String fn = f.getName();
    Writer cw = new Writer();
    cw.visit(V17, ACC_FINAL | ACC_SUPER, name, null, "java/lang/Object", new String[] {FA});
    cw.visitField(ACC_PRIVATE | ACC_FINAL, "slow", FA_DESC, null, null).visitEnd();
    cw.visitField(ACC_PRIVATE | ACC_FINAL, "type", "Ljava/lang/Class;", null, null).visitEnd();

    MethodVisitor m = cw.visitMethod(ACC_PUBLIC, "<init>",
        "(" + FA_DESC + "Ljava/lang/Class;)V", null, null);
    m.visitCode();
    m.visitVarInsn(ALOAD, 0);
    m.visitMethodInsn(INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
    m.visitVarInsn(ALOAD, 0);
    m.visitVarInsn(ALOAD, 1);
    m.visitFieldInsn(PUTFIELD, name, "slow", FA_DESC);
    m.visitVarInsn(ALOAD, 0);
    m.visitVarInsn(ALOAD, 2);
    m.visitFieldInsn(PUTFIELD, name, "type", "Ljava/lang/Class;");
    m.visitInsn(RETURN);
    m.visitMaxs(0, 0);
    m.visitEnd();

    m = cw.visitMethod(ACC_PUBLIC, "type", "()Ljava/lang/Class;", null, null);
    m.visitCode();
    m.visitVarInsn(ALOAD, 0);
    m.visitFieldInsn(GETFIELD, name, "type", "Ljava/lang/Class;");
    m.visitInsn(ARETURN);
    m.visitMaxs(0, 0);
    m.visitEnd();

    // get: direct, boxed as method handles box (valueOf)
    m = onOwner(cw, "get", "(Ljava/lang/Object;)Ljava/lang/Object;", owner);
    m.visitFieldInsn(GETFIELD, owner, fn, fd);
    if (t.isPrimitive()) {
      Type box = Type.getType(box(t));
      m.visitMethodInsn(INVOKESTATIC, box.getInternalName(), "valueOf",
          "(" + fd + ")" + box.getDescriptor(), false);
    }
    m.visitInsn(ARETURN);
    m.visitMaxs(0, 0);
    m.visitEnd();

    delegate(cw, name, "set", "(Ljava/lang/Object;Ljava/lang/Object;)V");
    delegate(cw, name, "toString", "()Ljava/lang/String;");

    boolean integral = t == byte.class || t == short.class || t == char.class || t == int.class
        || t == long.class || t == boolean.class;
    boolean floating = t == double.class || t == float.class;
    if (integral) {
      m = onOwner(cw, "getLong", "(Ljava/lang/Object;)J", owner);
      m.visitFieldInsn(GETFIELD, owner, fn, fd);
      if (t != long.class) {
        m.visitInsn(I2L); // booleans are 0/1, chars zero-extended
      }
      m.visitInsn(LRETURN);
      m.visitMaxs(0, 0);
      m.visitEnd();
    } else {
      delegate(cw, name, "getLong", "(Ljava/lang/Object;)J");
    }
    if (integral && settable) {
      m = onOwner(cw, "setLong", "(Ljava/lang/Object;J)V", owner);
      m.visitVarInsn(LLOAD, 2);
      if (t == boolean.class) {
        // v != 0
        m.visitInsn(LCONST_0);
        m.visitInsn(LCMP);
        Label zero = new Label();
        Label done = new Label();
        m.visitJumpInsn(IFEQ, zero);
        m.visitInsn(ICONST_1);
        m.visitJumpInsn(GOTO, done);
        m.visitLabel(zero);
        m.visitInsn(ICONST_0);
        m.visitLabel(done);
      } else if (t != long.class) {
        m.visitInsn(L2I);
        narrow(m, t);
      }
      m.visitFieldInsn(PUTFIELD, owner, fn, fd);
      m.visitInsn(RETURN);
      m.visitMaxs(0, 0);
      m.visitEnd();
    } else {
      delegate(cw, name, "setLong", "(Ljava/lang/Object;J)V");
    }
    if (floating) {
      m = onOwner(cw, "getDouble", "(Ljava/lang/Object;)D", owner);
      m.visitFieldInsn(GETFIELD, owner, fn, fd);
      if (t == float.class) {
        m.visitInsn(F2D);
      }
      m.visitInsn(DRETURN);
      m.visitMaxs(0, 0);
      m.visitEnd();
    } else {
      delegate(cw, name, "getDouble", "(Ljava/lang/Object;)D");
    }
    if (floating && settable) {
      m = onOwner(cw, "setDouble", "(Ljava/lang/Object;D)V", owner);
      m.visitVarInsn(DLOAD, 2);
      if (t == float.class) {
        m.visitInsn(D2F);
      }
      m.visitFieldInsn(PUTFIELD, owner, fn, fd);
      m.visitInsn(RETURN);
      m.visitMaxs(0, 0);
      m.visitEnd();
    } else {
      delegate(cw, name, "setDouble", "(Ljava/lang/Object;D)V");
    }
    cw.visitEnd();
    return cw.toByteArray();
  }

  /** A method that calls the same method of the method-handle accessor. */
  /** Starts a public method whose body begins with its first argument cast to {@code owner}. */
  private static MethodVisitor onOwner(ClassWriter cw, String method, String desc, String owner) {
    MethodVisitor m = cw.visitMethod(ACC_PUBLIC, method, desc, null, null);
    m.visitCode();
    m.visitVarInsn(ALOAD, 1);
    m.visitTypeInsn(CHECKCAST, owner);
    return m;
  }

  private static void delegate(ClassWriter cw, String name, String method, String desc) {
    MethodVisitor m = cw.visitMethod(ACC_PUBLIC, method, desc, null, null);
    m.visitCode();
    m.visitVarInsn(ALOAD, 0);
    m.visitFieldInsn(GETFIELD, name, "slow", FA_DESC);
    Type mt = Type.getMethodType(desc);
    int slot = 1;
    for (Type a : mt.getArgumentTypes()) {
      m.visitVarInsn(a.getOpcode(org.objectweb.asm.Opcodes.ILOAD), slot);
      slot += a.getSize();
    }
    if (method.equals("toString")) {
      m.visitMethodInsn(INVOKEVIRTUAL, "java/lang/Object", method, desc, false);
    } else {
      m.visitMethodInsn(INVOKEINTERFACE, FA, method, desc, true);
    }
    m.visitInsn(mt.getReturnType().getOpcode(IRETURN));
    m.visitMaxs(0, 0);
    m.visitEnd();
  }

  /** Pushes the claimed index (local 4) plus {@code off}. */
  private static void index(MethodVisitor m, int off) {
    m.visitVarInsn(ILOAD, 4);
    if (off != 0) {
      m.visitLdcInsn(off);
      m.visitInsn(IADD);
    }
  }

  private static void narrow(MethodVisitor m, Class<?> t) {
    if (t == byte.class) {
      m.visitInsn(I2B);
    } else if (t == short.class) {
      m.visitInsn(I2S);
    } else if (t == char.class) {
      m.visitInsn(I2C);
    }
  }

  private static Class<?> box(Class<?> t) {
    if (t == int.class) {
      return Integer.class;
    } else if (t == long.class) {
      return Long.class;
    } else if (t == short.class) {
      return Short.class;
    } else if (t == byte.class) {
      return Byte.class;
    } else if (t == char.class) {
      return Character.class;
    } else if (t == boolean.class) {
      return Boolean.class;
    } else if (t == float.class) {
      return Float.class;
    }
    return Double.class;
  }

  // ------------------------------------------------------------------ factories

  /** A Supplier calling {@code cls}'s no-arg constructor directly; null when impossible. */
  @SuppressWarnings("unchecked")
  static <X> java.util.function.@Nullable Supplier<X> factory(Class<X> cls) {
    if (!ENABLED) {
      return null;
    }
    try {
      Host host = new Host(cls);
      if (!host.reaches(cls.getDeclaredConstructor().getModifiers())) {
        return null;
      }
      for (Class<?> x : cls.getDeclaredConstructor().getExceptionTypes()) {
        if (!RuntimeException.class.isAssignableFrom(x) && !Error.class.isAssignableFrom(x)) {
          return null; // the method-handle factory wraps checked exceptions
        }
      }
      String owner = Type.getInternalName(cls);
      String name = host.name(owner + "$VmNew");
      Writer cw = new Writer();
      cw.visit(V17, ACC_FINAL | ACC_SUPER, name, null, "java/lang/Object",
          new String[] {"java/util/function/Supplier"});
      MethodVisitor m = cw.visitMethod(ACC_PUBLIC, "<init>", "()V", null, null);
      m.visitCode();
      m.visitVarInsn(ALOAD, 0);
      m.visitMethodInsn(INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
      m.visitInsn(RETURN);
      m.visitMaxs(0, 0);
      m.visitEnd();
      m = cw.visitMethod(ACC_PUBLIC, "get", "()Ljava/lang/Object;", null, null);
      m.visitCode();
      m.visitTypeInsn(org.objectweb.asm.Opcodes.NEW, owner);
      m.visitInsn(org.objectweb.asm.Opcodes.DUP);
      m.visitMethodInsn(INVOKESPECIAL, owner, "<init>", "()V", false);
      m.visitInsn(ARETURN);
      m.visitMaxs(0, 0);
      m.visitEnd();
      cw.visitEnd();
      return (java.util.function.Supplier<X>) host.create(cw.toByteArray(),
          MethodType.methodType(void.class));
    } catch (Throwable t) {
      return null;
    }
  }

  // ------------------------------------------------------------------ direct codecs

  /**
   * A codec of {@code type}'s flat description whose fields are {@code fields} with wire types
   * {@code codecs}, or null when a field is not a plain integer of an integral primitive or a
   * bool of a boolean, is final or is not reachable from a nestmate of {@code type}, or when
   * generation is off or fails.
   */
  static @Nullable DirectCodec codec(Class<?> type, List<Field> fields, List<Codec> codecs) {
    if (!ENABLED) {
      return null;
    }
    int wire = 0;
    for (int i = 0; i < fields.size(); i++) {
      Field f = fields.get(i);
      Codec c = codecs.get(i);
      Class<?> t = f.getType();
      int mods = f.getModifiers();
      Class<?> decl = f.getDeclaringClass();
      if (Modifier.isFinal(mods) || Modifier.isStatic(mods) || !decl.isAssignableFrom(type)
          || (decl != type && (Modifier.isPrivate(mods) || Modifier.isProtected(mods)
              || decl.getClassLoader() != type.getClassLoader()
              || !decl.getPackageName().equals(type.getPackageName())))) {
        return null;
      }
      if (c == Codecs.BOOL) {
        if (t != boolean.class) {
          return null;
        }
        wire += 1;
      } else if (c instanceof IntegerCodec) {
        IntegerCodec ic = (IntegerCodec) c;
        if (ic.check() != IntegerCodec.Check.NONE || !t.isPrimitive()
            || !StorageWidth.isIntegral(t) || StorageWidth.bits(t) < ic.bits()) {
          return null;
        }
        wire += ic.bytes();
      } else {
        return null;
      }
    }
    try {
      Host host = new Host(type);
      for (Field f : fields) {
        if (!host.reaches(f.getModifiers())) {
          return null;
        }
      }
      byte[] bytes = codecBytes(type, fields, codecs, wire, host);
      return (DirectCodec) host.create(bytes, MethodType.methodType(void.class));
    } catch (Throwable t) {
      return null;
    }
  }

  private static byte[] codecBytes(Class<?> type, List<Field> fields, List<Codec> codecs,
      int wire, Host host) {
    String owner = Type.getInternalName(type);
    String name = host.name(owner + "$VmCodec");
    Writer cw = new Writer();
    cw.visit(V17, ACC_FINAL | ACC_SUPER, name, null, "java/lang/Object", new String[] {DC});

    MethodVisitor m = cw.visitMethod(ACC_PUBLIC, "<init>", "()V", null, null);
    m.visitCode();
    m.visitVarInsn(ALOAD, 0);
    m.visitMethodInsn(INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
    m.visitInsn(RETURN);
    m.visitMaxs(0, 0);
    m.visitEnd();

    m = cw.visitMethod(ACC_PUBLIC, "wireBytes", "()I", null, null);
    m.visitCode();
    m.visitLdcInsn(wire);
    m.visitInsn(IRETURN);
    m.visitMaxs(0, 0);
    m.visitEnd();

    // save: range checks first (nothing written when a value does not fit), then the writes
    m = cw.visitMethod(ACC_PUBLIC, "save", "(Ljava/lang/Object;L" + OUT + ";)Z", null, null);
    m.visitCode();
    Label fail = new Label();
    m.visitVarInsn(ALOAD, 1);
    m.visitTypeInsn(INSTANCEOF, owner);
    m.visitJumpInsn(IFEQ, fail);
    m.visitVarInsn(ALOAD, 1);
    m.visitTypeInsn(CHECKCAST, owner);
    m.visitVarInsn(ASTORE, 3);
    for (int i = 0; i < fields.size(); i++) {
      Field f = fields.get(i);
      Codec c = codecs.get(i);
      Class<?> t = f.getType();
      if (!(c instanceof IntegerCodec) || StorageWidth.bits(t) == ((IntegerCodec) c).bits()) {
        continue;
      }
      IntegerCodec ic = (IntegerCodec) c;
      for (int bound = 0; bound < 2; bound++) {
        m.visitVarInsn(ALOAD, 3);
        m.visitFieldInsn(GETFIELD, Type.getInternalName(f.getDeclaringClass()), f.getName(),
            Type.getDescriptor(t));
        if (t != long.class) {
          m.visitInsn(I2L);
        }
        m.visitLdcInsn(bound == 0 ? ic.min() : ic.max());
        m.visitInsn(LCMP);
        m.visitJumpInsn(bound == 0 ? IFLT : IFGT, fail);
      }
    }
    // the bytes are claimed once and filled in place
    m.visitVarInsn(ALOAD, 2);
    m.visitLdcInsn(wire);
    m.visitMethodInsn(INVOKEVIRTUAL, OUT, "claim", "(I)I", false);
    m.visitVarInsn(ISTORE, 4);
    m.visitVarInsn(ALOAD, 2);
    m.visitMethodInsn(INVOKEVIRTUAL, OUT, "buffer", "()[B", false);
    m.visitVarInsn(ASTORE, 5);
    int off = 0;
    for (int i = 0; i < fields.size(); i++) {
      Field f = fields.get(i);
      Codec c = codecs.get(i);
      Class<?> t = f.getType();
      int bits = c instanceof IntegerCodec ? ((IntegerCodec) c).bits() : 8;
      m.visitVarInsn(ALOAD, 5);
      index(m, off);
      m.visitVarInsn(ALOAD, 3);
      m.visitFieldInsn(GETFIELD, Type.getInternalName(f.getDeclaringClass()), f.getName(),
          Type.getDescriptor(t));
      if (bits == 64) {
        m.visitMethodInsn(INVOKESTATIC, OUT, "putLong", "([BIJ)V", false);
      } else {
        if (t == long.class) {
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
    m.visitInsn(ICONST_1);
    m.visitInsn(IRETURN);
    m.visitLabel(fail);
    m.visitInsn(ICONST_0);
    m.visitInsn(IRETURN);
    m.visitMaxs(0, 0);
    m.visitEnd();

    // load: each field read and converted as the walk's fromRaw + setLong
    m = cw.visitMethod(ACC_PUBLIC, "load", "(Ljava/lang/Object;L" + IN + ";)Z", null, null);
    m.visitCode();
    Label wrong = new Label();
    m.visitVarInsn(ALOAD, 1);
    m.visitTypeInsn(INSTANCEOF, owner);
    m.visitJumpInsn(IFEQ, wrong);
    m.visitVarInsn(ALOAD, 1);
    m.visitTypeInsn(CHECKCAST, owner);
    m.visitVarInsn(ASTORE, 3);
    m.visitVarInsn(ALOAD, 2);
    m.visitLdcInsn(wire);
    m.visitMethodInsn(INVOKEVIRTUAL, IN, "take", "(I)I", false);
    m.visitVarInsn(ISTORE, 4);
    m.visitVarInsn(ALOAD, 2);
    m.visitMethodInsn(INVOKEVIRTUAL, IN, "buffer", "()[B", false);
    m.visitVarInsn(ASTORE, 5);
    off = 0;
    for (int i = 0; i < fields.size(); i++) {
      Field f = fields.get(i);
      Codec c = codecs.get(i);
      Class<?> t = f.getType();
      m.visitVarInsn(ALOAD, 3);
      m.visitVarInsn(ALOAD, 5);
      index(m, off);
      if (!(c instanceof IntegerCodec)) {
        // bool: any non-zero byte is true
        m.visitInsn(BALOAD);
        Label zero = new Label();
        Label done = new Label();
        m.visitJumpInsn(IFEQ, zero);
        m.visitInsn(ICONST_1);
        m.visitJumpInsn(GOTO, done);
        m.visitLabel(zero);
        m.visitInsn(ICONST_0);
        m.visitLabel(done);
        off += 1;
      } else {
        IntegerCodec ic = (IntegerCodec) c;
        int bits = ic.bits();
        if (bits == 64) {
          m.visitMethodInsn(INVOKESTATIC, IN, "getLong", "([BI)J", false);
        } else {
          if (bits == 8) {
            m.visitInsn(BALOAD);
          } else {
            m.visitMethodInsn(INVOKESTATIC, IN, bits == 16 ? "getShort" : "getInt",
                bits == 16 ? "([BI)S" : "([BI)I", false);
          }
          if (!ic.signed() && bits < 32) {
            m.visitLdcInsn(bits == 8 ? 0xff : 0xffff);
            m.visitInsn(IAND);
          }
          if (t == long.class) {
            m.visitInsn(I2L);
            if (!ic.signed() && bits == 32) {
              m.visitLdcInsn(0xffffffffL);
              m.visitInsn(LAND);
            }
          } else {
            narrow(m, t);
          }
        }
        off += bits / 8;
      }
      m.visitFieldInsn(PUTFIELD, Type.getInternalName(f.getDeclaringClass()), f.getName(),
          Type.getDescriptor(t));
    }
    m.visitInsn(ICONST_1);
    m.visitInsn(IRETURN);
    m.visitLabel(wrong);
    m.visitInsn(ICONST_0);
    m.visitInsn(IRETURN);
    m.visitMaxs(0, 0);
    m.visitEnd();

    cw.visitEnd();
    return cw.toByteArray();
  }
}
