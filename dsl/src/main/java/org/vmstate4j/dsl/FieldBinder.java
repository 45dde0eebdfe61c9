package org.vmstate4j.dsl;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.DescriptionException;
import org.vmstate4j.engine.codec.Codecs;
import org.vmstate4j.engine.model.ElementFactory;
import org.vmstate4j.engine.model.MemberRef;
import org.vmstate4j.engine.model.VmStateDescription;
import org.vmstate4j.engine.model.VmStateField;
import org.vmstate4j.engine.model.VmsFlags;

/**
 * Binds the field specs of one description of {@code type} to Java members and checks them
 * against it and against the nested descriptions' own types, so that a mistake is reported by
 * build() rather than as a ClassCastException at save or load.
 */
final class FieldBinder {
  private final String name;
  private final Class<?> type;
  private final List<FieldSpec> fields;

  FieldBinder(String name, Class<?> type, List<FieldSpec> fields) {
    this.name = name;
    this.type = type;
    this.fields = fields;
  }

  private DescriptionException fail(FieldSpec s, String why) {
    return new DescriptionException(
        "description '" + name + "', field '" + s.name + "': " + why);
  }

  /** The engine field for spec {@code index}; records its Java field in {@code javaFields}. */
  VmStateField resolve(int index, @Nullable Field[] javaFields) {
    FieldSpec s = fields.get(index);
    String conflict = s.conflict;
    if (conflict != null) {
      throw fail(s, conflict);
    }
    if (s.autoAlloc && !s.pointers) {
      throw fail(s, "autoAlloc needs ofPointers() (VMS_ARRAY_OF_POINTER)");
    }
    if (s.codec == null && s.vmsd == null) {
      throw fail(s, "no wire type: call uint32(), struct(...), buffer(...) or another type");
    }
    if ((s.codec == Codecs.QTAILQ || s.codec == Codecs.QLIST) && s.vmsd != null) {
      // QEMU's get_qtailq checks the field's version_id against the element's versions
      VmStateDescription el = s.vmsd;
      int min = Math.max(el.minimumVersionId(), 0);
      if (s.versionId < min || s.versionId > el.versionId()) {
        throw fail(s, "the list's version " + s.versionId + " is outside element '" + el.name()
            + "' versions " + min + ".." + el.versionId() + ": its own stream would not load;"
            + " add .since(" + Math.max(min, 1) + ")");
      }
    }
    VmStateField.Builder fb = VmStateField.builder(s.name)
        .flags(s.flags)
        .codec(s.codec)
        .vmsd(s.vmsd)
        .num(s.num)
        .size(s.size)
        .versionId(s.versionId)
        .structVersionId(s.structVersionId);
    if (s.autoAlloc) {
      fb.addFlags(VmsFlags.ARRAY_OF_POINTER_AUTO_ALLOC);
    }
    if ((s.flags & (VmsFlags.ARRAY | VmsFlags.VARRAY_ANY | VmsFlags.BUFFER | VmsFlags.VBUFFER))
        == 0) {
      fb.addFlags(VmsFlags.SINGLE);
    }
    VersionPredicate<Object> ex = s.exists;
    if (ex != null) {
      Class<?> et = s.existsType;
      if (et != null && !et.isAssignableFrom(type)) {
        throw fail(s, "the " + s.existsKind + " test is written for " + et.getName()
            + ", but description '" + name + "' describes " + type.getName());
      }
      fb.exists(ex::test);
    }
    if (s.countField != null) {
      fb.count(member(s, s.countField, index, "count"));
    }
    if (s.sizeField != null) {
      fb.sizeMember(member(s, s.sizeField, index, "size"));
    }
    Field javaField = null;
    String path = s.member != null ? s.member : s.name;
    if (s.bound && MemberPath.isPath(path)) {
      StringBuilder why = new StringBuilder();
      MemberPath bound = MemberPath.bind(type, path, why);
      if (bound == null) {
        throw fail(s, "cannot bind '" + path + "': " + why);
      }
      fb.accessor(bound);
    } else if (s.bound) {
      String javaName = path;
      javaField = Members.find(type, javaName);
      if (javaField == null) {
        throw fail(s, "class " + type.getSimpleName() + " has no field '" + javaName + "'"
            + (javaName.indexOf('_') >= 0 ? " or '" + Members.camel(javaName) + "'" : "")
            + " (fields: " + String.join(", ", Members.names(type)) + ")");
      }
      fb.accessor(MemberAccessor.of(javaField));
      javaFields[index] = javaField;
    }
    checkElementClass(s, javaField);
    Class<?> elementClass = elementClass(s, javaField);
    if (s.elementType != null) {
      fb.elementType(s.elementType);
    } else if (elementClass != null && javaField != null
        && List.class.isAssignableFrom(javaField.getType())) {
      fb.elementType(elementClass);
    }
    ElementFactory ef = elementFactory(s, elementClass);
    if (s.parentFactory != null) {
      ef = s.parentFactory;
    }
    fb.factory(ef);
    if (s.autoAlloc && ef == null) {
      throw fail(s, "autoAlloc elements need a factory: give the element class a no-arg"
          + " constructor, or pass one to autoAlloc(vmsd, factory)");
    }
    return fb.build();
  }

  /** The count or size member, which must precede the array if it is itself a field. */
  private MemberRef member(FieldSpec s, String memberName, int index, String what) {
    for (int k = index + 1; k < fields.size(); k++) {
      FieldSpec later = fields.get(k);
      if (later.name.equals(memberName) && later.bound) {
        throw fail(s, what + " field '" + memberName + "' comes after its array: the loader"
            + " reads the " + what + " from the destination, so it must load first");
      }
    }
    Field f = Members.find(type, memberName);
    if (f == null) {
      throw fail(s, what + " member '" + memberName + "' not found in class "
          + type.getSimpleName() + " (fields: " + String.join(", ", Members.names(type)) + ")");
    }
    return new MemberRef(memberName, MemberAccessor.of(f));
  }

  /**
   * A subsection reads and writes its parent's object: one built for another class would only
   * fail at save or load with a ClassCastException (in its fields, needed() or hooks).
   */
  void checkSubsections(List<VmStateDescription> subsections) {
    for (VmStateDescription sub : subsections) {
      Class<?> built = described(sub);
      if (built != null && !built.isAssignableFrom(type)) {
        throw new DescriptionException("description '" + name + "', subsection '" + sub.name()
            + "': built for " + built.getName() + ", but a subsection reads and writes its"
            + " parent's object, and '" + name + "' describes " + type.getName()
            + "; build the subsection with vmsd(\"" + sub.name() + "\", "
            + type.getSimpleName() + ".class)");
      }
    }
  }

  /**
   * An element description bound to a class the field cannot hold would only fail at save or
   * load with a ClassCastException.
   */
  private void checkElementClass(FieldSpec s, @Nullable Field f) {
    if (s.vmsd == null || f == null || s.parentFactory != null) {
      return;
    }
    Class<?> t = f.getType();
    if (Iterable.class.isAssignableFrom(t) && !List.class.isAssignableFrom(t)) {
      // the loader sets elements by index and grows the container: a Set or Collection cannot
      throw fail(s, "elements of '" + s.vmsd.name() + "' need an array or List member, not "
          + t.getName());
    }
    Class<?> element = described(s.vmsd);
    if (element == null) {
      return;
    }
    Class<?> declared = declaredElementClass(f);
    if (declared != null && !declared.isAssignableFrom(element)) {
      throw fail(s, "element description '" + s.vmsd.name() + "' describes "
          + element.getName() + ", but the field holds " + declared.getName());
    }
  }

  /** The class {@code d} was built for, or null for an engine-built description of any. */
  private static @Nullable Class<?> described(VmStateDescription d) {
    return d.type() == Object.class ? null : d.type();
  }

  private static @Nullable Class<?> elementClass(FieldSpec s, @Nullable Field f) {
    Class<?> element = s.vmsd == null ? null : described(s.vmsd);
    if (element != null) {
      return element;
    }
    return f == null ? null : declaredElementClass(f);
  }

  /** The class a member holds: an array's or List's element class, else its own type. */
  private static @Nullable Class<?> declaredElementClass(Field f) {
    Class<?> t = f.getType();
    if (t.isArray()) {
      return t.getComponentType();
    }
    if (List.class.isAssignableFrom(t)) {
      Type g = f.getGenericType();
      if (g instanceof ParameterizedType) {
        Type arg = ((ParameterizedType) g).getActualTypeArguments()[0];
        if (arg instanceof Class) {
          return (Class<?>) arg;
        }
      }
      return null;
    }
    return t;
  }

  private static @Nullable ElementFactory elementFactory(FieldSpec s, @Nullable Class<?> cls) {
    Supplier<?> explicit = s.elementFactory;
    if (explicit != null) {
      return owner -> explicit.get();
    }
    Supplier<?> described = s.vmsd == null ? null : s.vmsd.factory();
    if (described != null) {
      return owner -> described.get();
    }
    if (cls == null) {
      return null;
    }
    Object zero = boxedZero(cls);
    if (zero != null) {
      return owner -> zero;
    }
    Supplier<?> ctor = constructor(cls);
    return ctor == null ? null : owner -> ctor.get();
  }

  private static @Nullable Object boxedZero(Class<?> c) {
    if (c == Integer.class) {
      return 0;
    }
    if (c == Long.class) {
      return 0L;
    }
    if (c == Short.class) {
      return (short) 0;
    }
    if (c == Byte.class) {
      return (byte) 0;
    }
    if (c == Boolean.class) {
      return false;
    }
    if (c == Double.class) {
      return 0.0;
    }
    return null;
  }

  /** The no-arg constructor as a factory, or null when there is none. */
  @SuppressWarnings("unchecked")
  static <X> @Nullable Supplier<X> constructor(Class<X> cls) {
    if (cls.isInterface() || Modifier.isAbstract(cls.getModifiers()) || cls.isPrimitive()
        || cls.isArray()) {
      return null;
    }
    try {
      MethodHandles.Lookup l = MethodHandles.privateLookupIn(cls, MethodHandles.lookup());
      MethodHandle h = l.findConstructor(cls, MethodType.methodType(void.class))
          .asType(MethodType.methodType(Object.class));
      Supplier<X> direct = Generated.factory(cls);
      if (direct != null) {
        return direct;
      }
      return () -> {
        try {
          return (X) h.invokeExact();
        } catch (RuntimeException | Error e) {
          throw e;
        } catch (Throwable t) {
          throw new IllegalStateException(t);
        }
      };
    } catch (NoSuchMethodException | IllegalAccessException e) {
      return null;
    }
  }
}
