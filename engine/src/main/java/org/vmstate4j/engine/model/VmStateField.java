package org.vmstate4j.engine.model;

import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.codec.Codec;

/**
 * One field of a description, QEMU's VMStateField: what is on the wire (codec or nested
 * description, flags, counts, sizes, versions) and how to reach it in the owner object
 * (accessor). Immutable; made with {@link #builder(String)}.
 */
public final class VmStateField {
  private final String name;
  private final int flags;
  private final @Nullable Codec codec;
  private final @Nullable VmStateDescription vmsd;
  private final int num;
  private final @Nullable MemberRef count;
  private final int size;
  private final @Nullable MemberRef sizeMember;
  private final int versionId;
  private final int structVersionId;
  private final @Nullable FieldExists exists;
  private final @Nullable ElementFactory factory;
  private final @Nullable FieldAccessor accessor;
  private final @Nullable Class<?> elementType;

  private VmStateField(Builder b) {
    this.name = b.name;
    this.flags = b.flags;
    this.codec = b.codec;
    this.vmsd = b.vmsd;
    this.num = b.num;
    this.count = b.count;
    this.size = b.size;
    this.sizeMember = b.sizeMember;
    this.versionId = b.versionId;
    this.structVersionId = b.structVersionId;
    this.exists = b.exists;
    this.factory = b.factory;
    this.accessor = b.accessor;
    this.elementType = b.elementType;
  }

  /** Starts a field named {@code name}. */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  public String name() {
    return name;
  }

  /** QEMU flag bits, see {@link VmsFlags}. */
  public int flags() {
    return flags;
  }

  /** Whether all bits of {@code flag} are set. */
  public boolean has(int flag) {
    return (flags & flag) == flag;
  }

  /** The codec; null for STRUCT and VSTRUCT fields. */
  public @Nullable Codec codec() {
    return codec;
  }

  /** Nested description: struct elements, queue elements or the tmp description. */
  public @Nullable VmStateDescription vmsd() {
    return vmsd;
  }

  /** Fixed element count (ARRAY). */
  public int num() {
    return num;
  }

  /** Member holding the element count (VARRAY flags). */
  public @Nullable MemberRef count() {
    return count;
  }

  /** Element size in bytes (buffers), multiplier (VBUFFER|MULTIPLY), or object size. */
  public int size() {
    return size;
  }

  /** Member holding the size (VBUFFER). */
  public @Nullable MemberRef sizeMember() {
    return sizeMember;
  }

  /** Field version: the field exists from this version on. */
  public int versionId() {
    return versionId;
  }

  /** Version used for a VSTRUCT element, on save and load. */
  public int structVersionId() {
    return structVersionId;
  }

  /** Existence predicate; when set it alone decides. */
  public @Nullable FieldExists exists() {
    return exists;
  }

  /** Creates elements (AUTO_ALLOC, ALLOC of structs, queues) and tmp objects. */
  public @Nullable ElementFactory factory() {
    return factory;
  }

  /** Reaches the member in the owner; null for unused buffers and validations. */
  public @Nullable FieldAccessor accessor() {
    return accessor;
  }

  /** Element type of list-backed arrays and queues when the accessor's type cannot say. */
  public @Nullable Class<?> elementType() {
    return elementType;
  }

  /** Whether the field walks more than one element slot (ARRAY or a VARRAY flag). */
  public boolean isArray() {
    return (flags & (VmsFlags.ARRAY | VmsFlags.VARRAY_ANY)) != 0;
  }

  /** Whether the elements are nested descriptions (STRUCT or VSTRUCT). */
  public boolean isStruct() {
    return (flags & (VmsFlags.STRUCT | VmsFlags.VSTRUCT)) != 0;
  }

  /** QEMU's JSON "type" of the field. */
  public String typeName() {
    if ((flags & VmsFlags.STRUCT) != 0) {
      return "struct";
    }
    if ((flags & VmsFlags.VSTRUCT) != 0) {
      return "vstruct";
    }
    return codec == null ? "unknown" : codec.name();
  }

  @Override
  public String toString() {
    return name + " (" + typeName() + ", " + VmsFlags.describe(flags) + ")";
  }

  /** Builds a {@link VmStateField}. Checks run when the owning description is built. */
  public static final class Builder {
    private final String name;
    private int flags;
    private @Nullable Codec codec;
    private @Nullable VmStateDescription vmsd;
    private int num;
    private @Nullable MemberRef count;
    private int size;
    private @Nullable MemberRef sizeMember;
    private int versionId;
    private int structVersionId;
    private @Nullable FieldExists exists;
    private @Nullable ElementFactory factory;
    private @Nullable FieldAccessor accessor;
    private @Nullable Class<?> elementType;

    private Builder(String name) {
      this.name = Objects.requireNonNull(name, "name");
    }

    public Builder flags(int flags) {
      this.flags = flags;
      return this;
    }

    public Builder addFlags(int flags) {
      this.flags |= flags;
      return this;
    }

    public Builder codec(@Nullable Codec codec) {
      this.codec = codec;
      return this;
    }

    public Builder vmsd(@Nullable VmStateDescription vmsd) {
      this.vmsd = vmsd;
      return this;
    }

    public Builder num(int num) {
      this.num = num;
      return this;
    }

    public Builder count(@Nullable MemberRef count) {
      this.count = count;
      return this;
    }

    public Builder size(int size) {
      this.size = size;
      return this;
    }

    public Builder sizeMember(@Nullable MemberRef sizeMember) {
      this.sizeMember = sizeMember;
      return this;
    }

    public Builder versionId(int versionId) {
      this.versionId = versionId;
      return this;
    }

    public Builder structVersionId(int structVersionId) {
      this.structVersionId = structVersionId;
      return this;
    }

    public Builder exists(@Nullable FieldExists exists) {
      this.exists = exists;
      return this;
    }

    public Builder factory(@Nullable ElementFactory factory) {
      this.factory = factory;
      return this;
    }

    public Builder accessor(@Nullable FieldAccessor accessor) {
      this.accessor = accessor;
      return this;
    }

    public Builder elementType(@Nullable Class<?> elementType) {
      this.elementType = elementType;
      return this;
    }

    public String name() {
      return name;
    }

    public VmStateField build() {
      return new VmStateField(this);
    }
  }
}
