package org.vmstate4j.engine.internal.codegen;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.codec.Codec;
import org.vmstate4j.engine.codec.Codecs;
import org.vmstate4j.engine.codec.IntegerCodec;
import org.vmstate4j.engine.model.DirectCodec;
import org.vmstate4j.engine.model.FieldAccessor;
import org.vmstate4j.engine.model.VmStateDescription;
import org.vmstate4j.engine.model.VmStateField;
import org.vmstate4j.engine.model.VmsFlags;

/**
 * The one place that decides when a description is saved and loaded by a {@link DirectCodec}
 * instead of its field walk ({@link #applies}), and that generates the codec for the members a
 * description is bound to ({@link #generate}).
 */
public final class DirectCodecs {
  private DirectCodecs() {}

  /**
   * Whether {@code d}'s walk is a fixed sequence of plain scalar fields, which a codec can save
   * and load whole: no hooks and no subsections; every field single (no other flag), always
   * present (no {@code exists} test, no version above the description's), with no size member,
   * bound to a primitive member, and either a plain integer codec (no {@code _equal} or
   * {@code int32 le} check) or a bool.
   */
  public static boolean applies(VmStateDescription d) {
    if (d.preLoad() != null || d.postLoad() != null || d.preSave() != null
        || d.postSave() != null || !d.subsections().isEmpty()) {
      return false;
    }
    for (VmStateField f : d.fields()) {
      FieldAccessor acc = f.accessor();
      Codec c = f.codec();
      if (f.flags() != VmsFlags.SINGLE || f.exists() != null || f.versionId() > d.versionId()
          || f.sizeMember() != null || acc == null || c == null || !plain(c, acc.type())) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether {@code c} moves a primitive member of type {@code t} as raw bits, with no check
   * (that {@code c} accepts {@code t}, e.g. an integral type at least as wide, is checked when
   * the description is built).
   */
  private static boolean plain(Codec c, Class<?> t) {
    return t.isPrimitive() && (c == Codecs.BOOL || (c instanceof IntegerCodec
        && ((IntegerCodec) c).check() == IntegerCodec.Check.NONE));
  }

  /**
   * The codec of {@code d}, whose objects are {@code type}s and whose fields are bound to the
   * Java fields {@code members} (in field order; null for a field bound otherwise), generated
   * with the rights of {@code caller}; null when {@code d} does not {@link #applies apply}, a
   * member is not a plain instance field of {@code type} that a class of its nest or package
   * may write (final, static, private in a superclass, in another package or class loader),
   * or when generation is off or fails.
   */
  public static @Nullable DirectCodec generate(VmStateDescription d, Class<?> type,
      List<? extends @Nullable Field> members, MethodHandles.Lookup caller) {
    List<VmStateField> fields = d.fields();
    if (!ClassHost.ENABLED || members.size() != fields.size() || !applies(d)) {
      return null;
    }
    List<Field> fs = new ArrayList<>();
    List<Codec> cs = new ArrayList<>();
    for (int i = 0; i < fields.size(); i++) {
      Field f = members.get(i);
      FieldAccessor acc = fields.get(i).accessor();
      if (f == null || acc == null || f.getType() != acc.type() || !writable(f, type)) {
        return null;
      }
      fs.add(f);
      cs.add(fields.get(i).codec());
    }
    try {
      ClassHost host = new ClassHost(type, caller);
      byte[] bytes = DirectCodecWriter.bytes(type, fs, cs);
      return (DirectCodec) host.create(bytes, MethodType.methodType(void.class));
    } catch (Throwable t) {
      return null;
    }
  }

  /** Whether code in {@code type}'s nest or package may read and write {@code f} directly. */
  private static boolean writable(Field f, Class<?> type) {
    int mods = f.getModifiers();
    Class<?> decl = f.getDeclaringClass();
    return !Modifier.isFinal(mods) && !Modifier.isStatic(mods) && decl.isAssignableFrom(type)
        && (decl == type || (!Modifier.isPrivate(mods) && !Modifier.isProtected(mods)
            && decl.getClassLoader() == type.getClassLoader()
            && decl.getPackageName().equals(type.getPackageName())));
  }
}
