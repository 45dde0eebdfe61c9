package org.vmstate4j.engine.model;

import java.lang.reflect.Modifier;
import java.util.AbstractList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.DescriptionException;
import org.vmstate4j.engine.codec.Codec;
import org.vmstate4j.engine.codec.StandardCodec;
import org.vmstate4j.engine.codec.StorageWidth;

/**
 * QEMU's registration-time rules (vmstate_check, including AUTO_ALLOC's) plus the rules that
 * make a field usable from Java, applied when a description is built.
 */
final class DescriptionCheck {
  private DescriptionCheck() {}

  static void check(VmStateDescription d) {
    if (d.name().isEmpty()) {
      throw new DescriptionException("a description needs a name");
    }
    if (d.name().length() > 255) {
      throw new DescriptionException("description '" + d.name() + "': name longer than 255 bytes");
    }
    if (d.versionId() < 0 || d.minimumVersionId() < 0) {
      throw new DescriptionException("description '" + d.name() + "': negative version");
    }
    if (d.minimumVersionId() > d.versionId()) {
      throw new DescriptionException(
          "description '" + d.name() + "': minimum version " + d.minimumVersionId()
              + " is above version " + d.versionId());
    }
    for (VmStateField f : d.fields()) {
      checkField(d, f);
    }
    Set<String> names = new HashSet<>();
    for (VmStateDescription sub : d.subsections()) {
      if (!sub.name().startsWith(d.name())) {
        fail(d, null, "subsection '" + sub.name() + "' must start with the parent name");
      }
      if (!names.add(sub.name())) {
        fail(d, null, "subsection '" + sub.name() + "' appears twice");
      }
    }
  }

  private static void checkField(VmStateDescription d, VmStateField f) {
    int flags = f.flags();
    if (f.name().isEmpty()) {
      fail(d, f, "a field needs a name");
    }
    if ((flags & VmsFlags.END) != 0) {
      fail(d, f, "VMS_END is not a field flag");
    }
    int varrays = Integer.bitCount(flags & VmsFlags.VARRAY_ANY);
    if (varrays > 1) {
      fail(d, f, "more than one VARRAY flag: " + VmsFlags.describe(flags));
    }
    if (varrays == 1 && (flags & VmsFlags.ARRAY) != 0) {
      fail(d, f, "ARRAY and VARRAY exclude each other");
    }
    if (varrays == 1 && f.count() == null) {
      fail(d, f, "a VARRAY field needs a count member");
    }
    if ((flags & VmsFlags.ARRAY) != 0 && f.num() < 0) {
      fail(d, f, "negative element count " + f.num());
    }
    boolean aop = (flags & VmsFlags.ARRAY_OF_POINTER) != 0;
    boolean auto = (flags & VmsFlags.ARRAY_OF_POINTER_AUTO_ALLOC) != 0;
    if (auto && !aop) {
      fail(d, f, "ARRAY_OF_POINTER_AUTO_ALLOC needs ARRAY_OF_POINTER");
    }
    if (aop && !f.isArray()) {
      fail(d, f, "ARRAY_OF_POINTER needs ARRAY or a VARRAY flag");
    }
    if (auto && f.factory() == null) {
      // QEMU allocates f.size zeroed bytes; Java needs a factory, a size alone cannot load 0x31
      fail(d, f, "ARRAY_OF_POINTER_AUTO_ALLOC needs an element factory");
    }
    if (aop && !auto && (f.size() != 0 || f.sizeMember() != null)) {
      fail(d, f, "ARRAY_OF_POINTER without AUTO_ALLOC must not set a size");
    }
    if ((flags & VmsFlags.VBUFFER) != 0 && f.sizeMember() == null) {
      fail(d, f, "VBUFFER needs a size member");
    }
    if ((flags & VmsFlags.MULTIPLY) != 0 && (flags & VmsFlags.VBUFFER) == 0) {
      fail(d, f, "MULTIPLY needs VBUFFER");
    }
    if ((flags & VmsFlags.ALLOC) != 0 && (flags & VmsFlags.POINTER) == 0) {
      fail(d, f, "ALLOC needs POINTER");
    }
    boolean struct = f.isStruct();
    if ((flags & VmsFlags.STRUCT) != 0 && (flags & VmsFlags.VSTRUCT) != 0) {
      fail(d, f, "STRUCT and VSTRUCT exclude each other");
    }
    if (struct && f.vmsd() == null) {
      fail(d, f, "a struct field needs a nested description");
    }
    Codec codec = f.codec();
    if (!struct && codec == null) {
      fail(d, f, "a field needs a codec or a nested description");
    }
    StandardCodec.Kind kind =
        codec instanceof StandardCodec ? ((StandardCodec) codec).kind() : null;
    if (kind == StandardCodec.Kind.QTAILQ || kind == StandardCodec.Kind.QLIST
        || kind == StandardCodec.Kind.TMP) {
      if (f.vmsd() == null) {
        fail(d, f, codec.name() + " needs a nested description");
      }
      if (f.factory() == null) {
        fail(d, f, codec.name() + " needs a factory for its objects");
      }
    }
    if (kind == StandardCodec.Kind.PTR_MARKER) {
      fail(d, f, "ptr-marker is written by the engine, not declared");
    }
    checkMember(d, f, f.count(), "count");
    checkMember(d, f, f.sizeMember(), "size");
    checkStorage(d, f, kind);
  }

  private static void checkMember(
      VmStateDescription d, VmStateField f, @Nullable MemberRef ref, String what) {
    if (ref == null) {
      return;
    }
    Class<?> t = ref.accessor().type();
    if (!StorageWidth.isIntegral(t)) {
      fail(d, f, what + " member '" + ref.name() + "' must be an integer, not " + t.getName());
    }
    CountWidth w = CountWidth.ofFlags(f.flags());
    if (what.equals("count") && w != null && StorageWidth.bits(t) < w.bits()) {
      fail(d, f, "count member '" + ref.name() + "' of type " + t.getName()
          + " cannot hold a " + w.name().toLowerCase(java.util.Locale.ROOT) + " count");
    }
  }

  private static void checkStorage(
      VmStateDescription d, VmStateField f, StandardCodec.@Nullable Kind kind) {
    FieldAccessor acc = f.accessor();
    boolean validate = f.has(VmsFlags.MUST_EXIST) && f.exists() != null
        && (f.flags() & VmsFlags.ARRAY) != 0 && f.num() == 0;
    if (acc == null) {
      if (kind == StandardCodec.Kind.UNUSED_BUFFER || validate
          || kind == StandardCodec.Kind.TMP) {
        return;
      }
      fail(d, f, "no accessor: the field is not bound to a member");
      return;
    }
    Class<?> t = acc.type();
    Codec codec = f.codec();
    if (kind == StandardCodec.Kind.UNUSED_BUFFER || kind == StandardCodec.Kind.TMP) {
      return;
    }
    boolean bufferLike = kind == StandardCodec.Kind.BUFFER || kind == StandardCodec.Kind.BITMAP
        || kind == StandardCodec.Kind.QTAILQ || kind == StandardCodec.Kind.QLIST;
    if (f.isArray() && !bufferLike) {
      Class<?> elem;
      if (t.isArray()) {
        elem = t.getComponentType();
      } else if (List.class.isAssignableFrom(t)) {
        elem = f.elementType() == null ? Object.class : f.elementType();
        if (inherits(t, "set", int.class, Object.class) && cannotAdd(t)) {
          fail(d, f, "the member's type " + t.getName() + " is a final list whose set() and"
              + " add() are AbstractList's, which throw: no load can change it; use a mutable"
              + " List such as ArrayList");
        }
      } else {
        fail(d, f, "an array field needs an array or List member, not " + t.getName());
        return;
      }
      if ((f.has(VmsFlags.ARRAY_OF_POINTER) || f.isStruct()) && elem.isPrimitive()) {
        fail(d, f, "elements of " + (f.isStruct() ? "a struct array" : "an array of pointers")
            + " must be references, not " + elem.getName());
      }
      if (!f.isStruct() && codec != null && elem != Object.class && !codec.accepts(elem)) {
        fail(d, f, "element type " + elem.getName() + " cannot hold " + codec.name());
      }
      return;
    }
    if (f.isStruct()) {
      if (t.isPrimitive()) {
        fail(d, f, "a struct field must be a reference, not " + t.getName());
      }
      return;
    }
    if (codec != null && !codec.accepts(t)) {
      fail(d, f, "member type " + t.getName() + " cannot hold " + codec.name());
    }
    if ((kind == StandardCodec.Kind.QTAILQ || kind == StandardCodec.Kind.QLIST)
        && cannotAdd(t)) {
      fail(d, f, "the member's type " + t.getName() + " is a final list whose add() is"
          + " AbstractList's, which throws, but a load clears and refills the " + codec.name()
          + "; use a mutable List such as ArrayList");
    }
  }

  /**
   * Whether a List type certainly cannot take elements: a final class (no subclass can add
   * them) whose add methods are AbstractList's, which throw. List.of and Arrays.asList are
   * declared as List and checked when a load needs them to grow.
   */
  private static boolean cannotAdd(Class<?> t) {
    return List.class.isAssignableFrom(t) && Modifier.isFinal(t.getModifiers())
        && inherits(t, "add", Object.class) && inherits(t, "add", int.class, Object.class);
  }

  /** Whether public method {@code name} of {@code t} is AbstractList's own. */
  private static boolean inherits(Class<?> t, String name, Class<?>... params) {
    try {
      return t.getMethod(name, params).getDeclaringClass() == AbstractList.class;
    } catch (NoSuchMethodException e) {
      return false;
    }
  }

  private static void fail(VmStateDescription d, @Nullable VmStateField f, String why) {
    throw new DescriptionException(
        "description '" + d.name() + "'" + (f == null ? "" : ", field '" + f.name() + "'")
            + ": " + why);
  }
}
