package org.vmstate4j.dsl;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.ObjIntConsumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.DescriptionException;
import org.vmstate4j.engine.codec.Codecs;
import org.vmstate4j.engine.internal.codegen.DirectCodecs;
import org.vmstate4j.engine.model.DirectCodec;
import org.vmstate4j.engine.model.ElementFactory;
import org.vmstate4j.engine.model.MemberRef;
import org.vmstate4j.engine.model.MigrationPriority;
import org.vmstate4j.engine.model.VmStateDescription;
import org.vmstate4j.engine.model.VmStateField;
import org.vmstate4j.engine.model.VmsFlags;

/**
 * Builds a description of objects of class {@code T}; {@link #build()} binds every field to a
 * Java field and reports every mistake at once, before any save or load.
 *
 * @param <T> the described class
 */
public final class VmsdBuilder<T> {
  private final String name;
  private final Class<T> type;
  private int versionId = 1;
  private int minimumVersionId = -1;
  private MigrationPriority priority = MigrationPriority.DEFAULT;
  private boolean unmigratable;
  private boolean earlySetup;
  private final List<FieldSpec> fields = new ArrayList<>();
  private final List<VmStateDescription> subsections = new ArrayList<>();
  private @Nullable Consumer<T> preLoad;
  private @Nullable ObjIntConsumer<T> postLoad;
  private @Nullable Consumer<T> preSave;
  private @Nullable Consumer<T> postSave;
  private @Nullable Predicate<T> needed;
  private @Nullable Supplier<T> factory;

  VmsdBuilder(String name, Class<T> type) {
    this.name = Objects.requireNonNull(name);
    this.type = Objects.requireNonNull(type);
  }

  /** QEMU's version_id (default 1): written on save, highest accepted on load. */
  public VmsdBuilder<T> version(int versionId) {
    this.versionId = versionId;
    return this;
  }

  /** QEMU's minimum_version_id (default: the version). */
  public VmsdBuilder<T> minimumVersion(int minimumVersionId) {
    this.minimumVersionId = minimumVersionId;
    return this;
  }

  public VmsdBuilder<T> priority(MigrationPriority priority) {
    this.priority = priority;
    return this;
  }

  public VmsdBuilder<T> unmigratable() {
    this.unmigratable = true;
    return this;
  }

  public VmsdBuilder<T> earlySetup() {
    this.earlySetup = true;
    return this;
  }

  /** Appends fields, in wire order. */
  public VmsdBuilder<T> fields(FieldSpec... specs) {
    fields.addAll(Arrays.asList(specs));
    return this;
  }

  /** Appends fields, in wire order. */
  public VmsdBuilder<T> fields(List<FieldSpec> specs) {
    fields.addAll(specs);
    return this;
  }

  /** Appends subsections (names start with this description's name). */
  public VmsdBuilder<T> subsections(VmStateDescription... subs) {
    subsections.addAll(Arrays.asList(subs));
    return this;
  }

  /** Appends subsections (names start with this description's name). */
  public VmsdBuilder<T> subsections(List<VmStateDescription> subs) {
    subsections.addAll(subs);
    return this;
  }

  /** Runs before the fields load; throw to fail the load. */
  public VmsdBuilder<T> preLoad(Consumer<T> hook) {
    this.preLoad = hook;
    return this;
  }

  /**
   * QEMU's post_load: runs after fields and subsections loaded, with the incoming version, but
   * only once the whole input is known good (every byte, footer and device), in QEMU's order,
   * and never in a dry run or an explanation. Throw to fail the load: every described member is
   * restored, but what earlier hooks changed elsewhere is not, so a check that can reject
   * belongs in a {@code validate(...)} field or before the hook changes anything.
   */
  public VmsdBuilder<T> postLoad(ObjIntConsumer<T> hook) {
    this.postLoad = hook;
    return this;
  }

  /** Runs before the fields save; throw to fail the save. */
  public VmsdBuilder<T> preSave(Consumer<T> hook) {
    this.preSave = hook;
    return this;
  }

  /** Runs after a save, also a failed one. */
  public VmsdBuilder<T> postSave(Consumer<T> hook) {
    this.postSave = hook;
    return this;
  }

  /** Whether the subsection or device is sent. */
  public VmsdBuilder<T> needed(Predicate<T> predicate) {
    this.needed = predicate;
    return this;
  }

  /** How the loader creates objects of {@code T} (default: the no-arg constructor). */
  public VmsdBuilder<T> factory(Supplier<T> factory) {
    this.factory = factory;
    return this;
  }

  /** Binds and checks everything, then builds the engine description. */
  @SuppressWarnings("unchecked")
  public VmStateDescription build() {
    VmStateDescription.Builder b = VmStateDescription.builder(name)
        .versionId(versionId)
        .minimumVersionId(minimumVersionId < 0 ? versionId : minimumVersionId)
        .priority(priority)
        .unmigratable(unmigratable)
        .earlySetup(earlySetup);
    Field[] javaFields = new Field[fields.size()];
    for (int i = 0; i < fields.size(); i++) {
      b.field(resolve(i, javaFields));
    }
    checkSubsections();
    b.subsections(subsections);
    Consumer<T> pl = preLoad;
    if (pl != null) {
      b.preLoad(o -> pl.accept((T) o));
    }
    ObjIntConsumer<T> po = postLoad;
    if (po != null) {
      b.postLoad((o, v) -> po.accept((T) o, v));
    }
    Consumer<T> ps = preSave;
    if (ps != null) {
      b.preSave(o -> ps.accept((T) o));
    }
    Consumer<T> pa = postSave;
    if (pa != null) {
      b.postSave(o -> pa.accept((T) o));
    }
    Predicate<T> nd = needed;
    if (nd != null) {
      b.needed(o -> nd.test((T) o));
    }
    VmStateDescription d = b.build();
    // the engine decides whether the description is flat enough for a generated codec
    DirectCodec codec =
        DirectCodecs.generate(d, type, Arrays.asList(javaFields), MethodHandles.lookup());
    if (codec != null) {
      d = b.directCodec(codec).build();
    }
    Supplier<T> f = factory != null ? factory : constructor(type);
    Bindings.put(d, type, f);
    return d;
  }

  private DescriptionException fail(FieldSpec s, String why) {
    return new DescriptionException(
        "description '" + name + "', field '" + s.name + "': " + why);
  }

  private VmStateField resolve(int index, @Nullable Field[] javaFields) {
    FieldSpec s = fields.get(index);
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
  private void checkSubsections() {
    for (VmStateDescription sub : subsections) {
      Bindings.Binding b = Bindings.of(sub);
      if (b != null && !b.type().isAssignableFrom(type)) {
        throw new DescriptionException("description '" + name + "', subsection '" + sub.name()
            + "': built for " + b.type().getName() + ", but a subsection reads and writes its"
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
    Bindings.Binding b = Bindings.of(s.vmsd);
    if (b == null) {
      return;
    }
    Class<?> declared = elementClass(new FieldSpec(s.name), f);
    if (declared != null && !declared.isAssignableFrom(b.type())) {
      throw fail(s, "element description '" + s.vmsd.name() + "' describes "
          + b.type().getName() + ", but the field holds " + declared.getName());
    }
  }

  private static @Nullable Class<?> elementClass(FieldSpec s, @Nullable Field f) {
    if (s.vmsd != null) {
      Bindings.Binding b = Bindings.of(s.vmsd);
      if (b != null) {
        return b.type();
      }
    }
    if (f == null) {
      return null;
    }
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
    if (s.vmsd != null) {
      Bindings.Binding b = Bindings.of(s.vmsd);
      if (b != null && b.factory() != null) {
        Supplier<?> sup = b.factory();
        return owner -> sup.get();
      }
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
