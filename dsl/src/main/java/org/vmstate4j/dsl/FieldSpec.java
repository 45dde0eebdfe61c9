package org.vmstate4j.dsl;

import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.codec.Codec;
import org.vmstate4j.engine.codec.Codecs;
import org.vmstate4j.engine.model.CountWidth;
import org.vmstate4j.engine.model.ElementFactory;
import org.vmstate4j.engine.model.VmStateDescription;
import org.vmstate4j.engine.model.VmsFlags;

/**
 * One field declaration, started by {@link VmsdDsl#field(String)}: pick the layout (array,
 * varray, pointers), the wire type (a codec or a nested description) and the version gates.
 * The declaration is checked and bound to a Java field when its description is built.
 *
 * <pre>{@code
 * field("queues").varrayUint32("n").ofPointers().autoAlloc(Sq.VMSD)
 * field("regs").array(16).uint32()
 * field("dbbuf_dbs").uint64().since(2)
 * }</pre>
 */
public final class FieldSpec {
  final String name;
  @Nullable String member;
  int flags;
  @Nullable Codec codec;
  @Nullable VmStateDescription vmsd;
  int num;
  @Nullable String countField;
  @Nullable CountWidth countWidth;
  int size;
  @Nullable String sizeField;
  int versionId;
  int structVersionId;
  @Nullable VersionPredicate<Object> exists;
  /** The class the exists test was declared for, when given: checked at build(). */
  @Nullable Class<?> existsType;
  /** What the user called to give the test, for messages. */
  String existsKind = "existsIf";
  @Nullable Supplier<?> elementFactory;
  @Nullable ElementFactory parentFactory;
  @Nullable Class<?> elementType;
  boolean pointers;
  boolean autoAlloc;
  boolean bound = true;

  FieldSpec(String name) {
    this.name = name;
  }

  /** Binds to the Java field {@code javaName} instead of the field's own name. */
  public FieldSpec member(String javaName) {
    this.member = javaName;
    return this;
  }

  // ------------------------------------------------------------------ wire types

  /** Sets the codec (QEMU's VMStateInfo), standard or custom. */
  public FieldSpec codec(Codec codec) {
    this.codec = codec;
    return this;
  }

  /** VMSTATE_BOOL: one byte. */
  public FieldSpec bool() {
    return codec(Codecs.BOOL);
  }

  /** VMSTATE_INT8. */
  public FieldSpec int8() {
    return codec(Codecs.INT8);
  }

  /** VMSTATE_INT16, big-endian. */
  public FieldSpec int16() {
    return codec(Codecs.INT16);
  }

  /** VMSTATE_INT32, big-endian. */
  public FieldSpec int32() {
    return codec(Codecs.INT32);
  }

  /** VMSTATE_INT64, big-endian. */
  public FieldSpec int64() {
    return codec(Codecs.INT64);
  }

  /** VMSTATE_UINT8; Java byte (as unsigned), short, int or long. */
  public FieldSpec uint8() {
    return codec(Codecs.UINT8);
  }

  /** VMSTATE_UINT16; Java short (as unsigned), char, int or long. */
  public FieldSpec uint16() {
    return codec(Codecs.UINT16);
  }

  /** VMSTATE_UINT32; Java int (as unsigned) or long. */
  public FieldSpec uint32() {
    return codec(Codecs.UINT32);
  }

  /** VMSTATE_UINT64; Java long (as unsigned). */
  public FieldSpec uint64() {
    return codec(Codecs.UINT64);
  }

  /** VMSTATE_INT32_POSITIVE_LE: loaded value must be in 0..current. */
  public FieldSpec int32Le() {
    return codec(Codecs.INT32_LE);
  }

  /** VMSTATE_INT32_EQUAL: the destination's value must match. */
  public FieldSpec int32Equal() {
    return codec(Codecs.INT32_EQUAL);
  }

  /** VMSTATE_UINT8_EQUAL. */
  public FieldSpec uint8Equal() {
    return codec(Codecs.UINT8_EQUAL);
  }

  /** VMSTATE_UINT16_EQUAL. */
  public FieldSpec uint16Equal() {
    return codec(Codecs.UINT16_EQUAL);
  }

  /** VMSTATE_UINT32_EQUAL. */
  public FieldSpec uint32Equal() {
    return codec(Codecs.UINT32_EQUAL);
  }

  /** VMSTATE_UINT64_EQUAL (QEMU's type name "int64 equal"). */
  public FieldSpec uint64Equal() {
    return codec(Codecs.UINT64_EQUAL);
  }

  /** VMSTATE_FLOAT64: IEEE bits as be64, in a double. */
  public FieldSpec float64() {
    return codec(Codecs.FLOAT64);
  }

  /** VMSTATE_TIMER: be64 expire time in a long, -1 = not armed. */
  public FieldSpec timer() {
    return codec(Codecs.TIMER);
  }

  /** VMSTATE_BUFFER / VMSTATE_STATIC_BUFFER: {@code size} bytes in a byte[] or ByteBuffer. */
  public FieldSpec buffer(int size) {
    this.flags |= VmsFlags.BUFFER;
    this.size = size;
    return codec(Codecs.BUFFER);
  }

  /** VMSTATE_VBUFFER: a buffer whose length is the int member {@code sizeField}. */
  public FieldSpec vbuffer(String sizeField) {
    this.flags |= VmsFlags.VBUFFER;
    this.sizeField = sizeField;
    return codec(Codecs.BUFFER);
  }

  /** VMSTATE_VBUFFER_MULTIPLY: length = {@code sizeField} × {@code factor}. */
  public FieldSpec vbufferMultiply(String sizeField, int factor) {
    vbuffer(sizeField);
    this.flags |= VmsFlags.MULTIPLY;
    this.size = factor;
    return this;
  }

  /** VMSTATE_BITMAP: {@code bitCountField} bits in a long[] or BitSet. */
  public FieldSpec bitmap(String bitCountField) {
    this.flags |= VmsFlags.VBUFFER | VmsFlags.POINTER;
    this.sizeField = bitCountField;
    return codec(Codecs.BITMAP);
  }

  /** VMSTATE_STRUCT: a nested description; elements at its own version. */
  public FieldSpec struct(VmStateDescription vmsd) {
    this.flags |= VmsFlags.STRUCT;
    this.vmsd = vmsd;
    return this;
  }

  /** VMSTATE_VSTRUCT: a nested description at {@code structVersion} on save and load. */
  public FieldSpec vstruct(VmStateDescription vmsd, int structVersion) {
    this.flags |= VmsFlags.VSTRUCT;
    this.vmsd = vmsd;
    this.structVersionId = structVersion;
    return this;
  }

  /** VMSTATE_QTAILQ_V: a List of elements described by {@code element}. */
  public FieldSpec qtailq(VmStateDescription element) {
    this.vmsd = element;
    return codec(Codecs.QTAILQ);
  }

  /** VMSTATE_QLIST_V: a List of elements described by {@code element}, head to tail. */
  public FieldSpec qlist(VmStateDescription element) {
    this.vmsd = element;
    return codec(Codecs.QLIST);
  }

  /**
   * VMSTATE_WITH_TMP: {@code factory} makes a temporary object from the parent; its
   * description's pre_save fills it, its post_load writes back.
   */
  public FieldSpec tmp(VmStateDescription vmsd, ElementFactory factory) {
    this.vmsd = vmsd;
    this.parentFactory = factory;
    this.bound = false;
    return codec(Codecs.TMP);
  }

  // ------------------------------------------------------------------ layout

  /** VMSTATE_*_ARRAY: {@code n} elements. */
  public FieldSpec array(int n) {
    this.flags |= VmsFlags.ARRAY;
    this.num = n;
    return this;
  }

  /** Count from the signed 32-bit member {@code countField} (VARRAY_INT32). */
  public FieldSpec varrayInt32(String countField) {
    return varray(countField, CountWidth.INT32);
  }

  /** Count from the unsigned 8-bit member {@code countField} (VARRAY_UINT8). */
  public FieldSpec varrayUint8(String countField) {
    return varray(countField, CountWidth.UINT8);
  }

  /** Count from the unsigned 16-bit member {@code countField} (VARRAY_UINT16). */
  public FieldSpec varrayUint16(String countField) {
    return varray(countField, CountWidth.UINT16);
  }

  /** Count from the unsigned 32-bit member {@code countField} (VARRAY_UINT32). */
  public FieldSpec varrayUint32(String countField) {
    return varray(countField, CountWidth.UINT32);
  }

  private FieldSpec varray(String countField, CountWidth w) {
    this.flags |= w.flag();
    this.countField = countField;
    this.countWidth = w;
    return this;
  }

  /** VMS_POINTER: the member refers to the data (in Java: always a reference). */
  public FieldSpec pointer() {
    this.flags |= VmsFlags.POINTER;
    return this;
  }

  /** VMS_ALLOC: the loader allocates the array or buffer, sized by the stream's count. */
  public FieldSpec alloc() {
    this.flags |= VmsFlags.POINTER | VmsFlags.ALLOC;
    return this;
  }

  /** VMS_ARRAY_OF_POINTER: elements may be null; a null element travels as 0x30. */
  public FieldSpec ofPointers() {
    this.flags |= VmsFlags.ARRAY_OF_POINTER;
    this.pointers = true;
    return this;
  }

  /**
   * VMS_ARRAY_OF_POINTER_AUTO_ALLOC with struct elements: every element is preceded by 0x30
   * (null) or 0x31 (present); the loader creates present elements with the element
   * description's factory. Needs {@link #ofPointers()}.
   */
  public FieldSpec autoAlloc(VmStateDescription element) {
    struct(element);
    this.autoAlloc = true;
    this.flags |= VmsFlags.POINTER;
    return this;
  }

  /** As {@link #autoAlloc(VmStateDescription)}, creating elements with {@code factory}. */
  public FieldSpec autoAlloc(VmStateDescription element, Supplier<?> factory) {
    autoAlloc(element);
    this.elementFactory = factory;
    return this;
  }

  /** AUTO_ALLOC for pointers to scalars (boxed element types); set the codec as usual. */
  public FieldSpec autoAlloc() {
    this.autoAlloc = true;
    this.flags |= VmsFlags.POINTER;
    return this;
  }

  /** Creates elements the loader needs (structs, queue elements, allocated pointers). */
  public FieldSpec factory(Supplier<?> factory) {
    this.elementFactory = factory;
    return this;
  }

  /** Element type of a List member (erased at run time). */
  public FieldSpec elementType(Class<?> type) {
    this.elementType = type;
    return this;
  }

  // ------------------------------------------------------------------ versions

  /** VMSTATE_*_V: the field is on the wire from version {@code version} on. */
  public FieldSpec since(int version) {
    this.versionId = version;
    return this;
  }

  /**
   * VMSTATE_*_TEST: {@code test} alone decides whether the field is on the wire. It receives the
   * object of the description the field belongs to.
   *
   * <pre>{@code field("c").uint32().existsIf((Dev d, int v) -> !d.skip)}</pre>
   *
   * <p>The lambda's parameter type is erased, so a test written for another class than the
   * description's fails only at save or load (an error naming the field, the offset and both
   * classes). {@link #existsIf(Class, VersionPredicate)} is checked when the description is
   * built.
   */
  @SuppressWarnings("unchecked")
  public <T> FieldSpec existsIf(VersionPredicate<T> test) {
    this.exists = (VersionPredicate<Object>) test;
    this.existsType = null;
    return this;
  }

  /**
   * As {@link #existsIf(VersionPredicate)}, for objects of {@code type}; building the
   * description fails unless it describes a {@code type}.
   *
   * <pre>{@code field("c").uint32().existsIf(Dev.class, (d, v) -> !d.skip)}</pre>
   */
  @SuppressWarnings("unchecked")
  public <T> FieldSpec existsIf(Class<T> type, VersionPredicate<? super T> test) {
    this.exists = (VersionPredicate<Object>) test;
    this.existsType = type;
    return this;
  }

  /** VMS_MUST_EXIST: a load where the field does not exist fails. */
  public FieldSpec mustExist() {
    this.flags |= VmsFlags.MUST_EXIST;
    return this;
  }

  /** Sets the QEMU element size (rarely needed: buffers set it themselves). */
  public FieldSpec size(int size) {
    this.size = size;
    return this;
  }

  @Override
  public String toString() {
    return "field(\"" + name + "\")";
  }
}
