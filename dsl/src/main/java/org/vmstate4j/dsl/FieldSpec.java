package org.vmstate4j.dsl;

import java.util.function.Consumer;
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
 * <p>A value: every method returns a new {@code FieldSpec} and leaves this one as it was (as
 * {@code MemoryLayout.with*} does), so a spec can be shared and reused safely. Choosing a second
 * wire type ({@code uint32().bool()}) or a second layout ({@code array(2).array(3)}) is
 * reported when the description is built.
 *
 * <pre>{@code
 * field("queues").varrayUint32("n").ofPointers().autoAlloc(Sq.VMSD)
 * field("regs").array(16).uint32()
 * field("dbbuf_dbs").uint64().since(2)
 * }</pre>
 */
public final class FieldSpec extends FieldState {
  FieldSpec(String name) {
    super(name);
  }

  /** A copy of this spec with {@code change} applied: this spec is never changed. */
  FieldSpec edit(Consumer<FieldSpec> change) {
    FieldSpec copy = (FieldSpec) copy();
    change.accept(copy);
    return copy;
  }

  private FieldSpec type(String label, Codec c) {
    return edit(f -> f.chooseType(label, c));
  }

  /** Binds to the Java field {@code javaName} instead of the field's own name. */
  public FieldSpec member(String javaName) {
    return edit(f -> f.member = javaName);
  }

  // ------------------------------------------------------------------ wire types

  /**
   * Sets the codec (QEMU's VMStateInfo), standard or custom; after {@link #buffer(int)},
   * {@link #vbuffer(String)} or {@link #bitmap(String)} it replaces the buffer's codec.
   */
  public FieldSpec codec(Codec codec) {
    return edit(f -> {
      if (f.bufferCodec) {
        f.codec = codec;
        f.bufferCodec = false;
      } else {
        f.chooseType("codec(" + codec.name() + ")", codec);
      }
    });
  }

  /** VMSTATE_BOOL: one byte. */
  public FieldSpec bool() {
    return type("bool()", Codecs.BOOL);
  }

  /** VMSTATE_INT8. */
  public FieldSpec int8() {
    return type("int8()", Codecs.INT8);
  }

  /** VMSTATE_INT16, big-endian. */
  public FieldSpec int16() {
    return type("int16()", Codecs.INT16);
  }

  /** VMSTATE_INT32, big-endian. */
  public FieldSpec int32() {
    return type("int32()", Codecs.INT32);
  }

  /** VMSTATE_INT64, big-endian. */
  public FieldSpec int64() {
    return type("int64()", Codecs.INT64);
  }

  /** VMSTATE_UINT8; Java byte (as unsigned), short, int or long. */
  public FieldSpec uint8() {
    return type("uint8()", Codecs.UINT8);
  }

  /** VMSTATE_UINT16; Java short (as unsigned), char, int or long. */
  public FieldSpec uint16() {
    return type("uint16()", Codecs.UINT16);
  }

  /** VMSTATE_UINT32; Java int (as unsigned) or long. */
  public FieldSpec uint32() {
    return type("uint32()", Codecs.UINT32);
  }

  /** VMSTATE_UINT64; Java long (as unsigned). */
  public FieldSpec uint64() {
    return type("uint64()", Codecs.UINT64);
  }

  /** VMSTATE_INT32_POSITIVE_LE: loaded value must be in 0..current. */
  public FieldSpec int32Le() {
    return type("int32Le()", Codecs.INT32_LE);
  }

  /** VMSTATE_INT32_EQUAL: the destination's value must match. */
  public FieldSpec int32Equal() {
    return type("int32Equal()", Codecs.INT32_EQUAL);
  }

  /** VMSTATE_UINT8_EQUAL. */
  public FieldSpec uint8Equal() {
    return type("uint8Equal()", Codecs.UINT8_EQUAL);
  }

  /** VMSTATE_UINT16_EQUAL. */
  public FieldSpec uint16Equal() {
    return type("uint16Equal()", Codecs.UINT16_EQUAL);
  }

  /** VMSTATE_UINT32_EQUAL. */
  public FieldSpec uint32Equal() {
    return type("uint32Equal()", Codecs.UINT32_EQUAL);
  }

  /** VMSTATE_UINT64_EQUAL (QEMU's type name "int64 equal"). */
  public FieldSpec uint64Equal() {
    return type("uint64Equal()", Codecs.UINT64_EQUAL);
  }

  /** VMSTATE_FLOAT64: IEEE bits as be64, in a double. */
  public FieldSpec float64() {
    return type("float64()", Codecs.FLOAT64);
  }

  /** VMSTATE_TIMER: be64 expire time in a long, -1 = not armed. */
  public FieldSpec timer() {
    return type("timer()", Codecs.TIMER);
  }

  /** VMSTATE_BUFFER / VMSTATE_STATIC_BUFFER: {@code size} bytes in a byte[] or ByteBuffer. */
  public FieldSpec buffer(int size) {
    return edit(f -> {
      f.chooseBuffer("buffer(" + size + ")", VmsFlags.BUFFER, Codecs.BUFFER);
      f.size = size;
    });
  }

  /** VMSTATE_VBUFFER: a buffer whose length is the int member {@code sizeField}. */
  public FieldSpec vbuffer(String sizeField) {
    return edit(f -> {
      f.chooseBuffer("vbuffer(\"" + sizeField + "\")", VmsFlags.VBUFFER, Codecs.BUFFER);
      f.sizeField = sizeField;
    });
  }

  /** VMSTATE_VBUFFER_MULTIPLY: length = {@code sizeField} × {@code factor}. */
  public FieldSpec vbufferMultiply(String sizeField, int factor) {
    return edit(f -> {
      f.chooseBuffer("vbufferMultiply(\"" + sizeField + "\", " + factor + ")",
          VmsFlags.VBUFFER | VmsFlags.MULTIPLY, Codecs.BUFFER);
      f.sizeField = sizeField;
      f.size = factor;
    });
  }

  /** VMSTATE_BITMAP: {@code bitCountField} bits in a long[] or BitSet. */
  public FieldSpec bitmap(String bitCountField) {
    return edit(f -> {
      f.chooseBuffer("bitmap(\"" + bitCountField + "\")", VmsFlags.VBUFFER | VmsFlags.POINTER,
          Codecs.BITMAP);
      f.sizeField = bitCountField;
    });
  }

  /** VMSTATE_STRUCT: a nested description; elements at its own version. */
  public FieldSpec struct(VmStateDescription vmsd) {
    return edit(f -> f.chooseStruct(vmsd, "struct"));
  }

  /** VMSTATE_VSTRUCT: a nested description at {@code structVersion} on save and load. */
  public FieldSpec vstruct(VmStateDescription vmsd, int structVersion) {
    return edit(f -> {
      f.chooseType("vstruct(" + vmsd.name() + ", " + structVersion + ")", null);
      f.flags |= VmsFlags.VSTRUCT;
      f.vmsd = vmsd;
      f.structVersionId = structVersion;
    });
  }

  /** VMSTATE_QTAILQ_V: a List of elements described by {@code element}. */
  public FieldSpec qtailq(VmStateDescription element) {
    return edit(f -> {
      f.chooseType("qtailq(" + element.name() + ")", Codecs.QTAILQ);
      f.vmsd = element;
    });
  }

  /** VMSTATE_QLIST_V: a List of elements described by {@code element}, head to tail. */
  public FieldSpec qlist(VmStateDescription element) {
    return edit(f -> {
      f.chooseType("qlist(" + element.name() + ")", Codecs.QLIST);
      f.vmsd = element;
    });
  }

  /**
   * VMSTATE_WITH_TMP: {@code factory} makes a temporary object from the parent; its
   * description's pre_save fills it, its post_load writes back.
   */
  public FieldSpec tmp(VmStateDescription vmsd, ElementFactory factory) {
    return edit(f -> {
      f.chooseType("tmp(" + vmsd.name() + ")", Codecs.TMP);
      f.vmsd = vmsd;
      f.parentFactory = factory;
      f.bound = false;
    });
  }

  // ------------------------------------------------------------------ layout

  /** VMSTATE_*_ARRAY: {@code n} elements. */
  public FieldSpec array(int n) {
    return edit(f -> {
      f.chooseLayout("array(" + n + ")");
      f.flags |= VmsFlags.ARRAY;
      f.num = n;
    });
  }

  /** Count from the signed 32-bit member {@code countField} (VARRAY_INT32). */
  public FieldSpec varrayInt32(String countField) {
    return varray("varrayInt32", countField, CountWidth.INT32);
  }

  /** Count from the unsigned 8-bit member {@code countField} (VARRAY_UINT8). */
  public FieldSpec varrayUint8(String countField) {
    return varray("varrayUint8", countField, CountWidth.UINT8);
  }

  /** Count from the unsigned 16-bit member {@code countField} (VARRAY_UINT16). */
  public FieldSpec varrayUint16(String countField) {
    return varray("varrayUint16", countField, CountWidth.UINT16);
  }

  /** Count from the unsigned 32-bit member {@code countField} (VARRAY_UINT32). */
  public FieldSpec varrayUint32(String countField) {
    return varray("varrayUint32", countField, CountWidth.UINT32);
  }

  private FieldSpec varray(String call, String countField, CountWidth w) {
    return edit(f -> {
      f.chooseLayout(call + "(\"" + countField + "\")");
      f.flags |= w.flag();
      f.countField = countField;
      f.countWidth = w;
    });
  }

  /** VMS_POINTER: the member refers to the data (in Java: always a reference). */
  public FieldSpec pointer() {
    return edit(f -> f.flags |= VmsFlags.POINTER);
  }

  /** VMS_ALLOC: the loader allocates the array or buffer, sized by the stream's count. */
  public FieldSpec alloc() {
    return edit(f -> f.flags |= VmsFlags.POINTER | VmsFlags.ALLOC);
  }

  /** VMS_ARRAY_OF_POINTER: elements may be null; a null element travels as 0x30. */
  public FieldSpec ofPointers() {
    return edit(f -> {
      f.flags |= VmsFlags.ARRAY_OF_POINTER;
      f.pointers = true;
    });
  }

  /**
   * VMS_ARRAY_OF_POINTER_AUTO_ALLOC with struct elements: every element is preceded by 0x30
   * (null) or 0x31 (present); the loader creates present elements with the element
   * description's factory. Needs {@link #ofPointers()}.
   */
  public FieldSpec autoAlloc(VmStateDescription element) {
    return edit(f -> {
      f.chooseStruct(element, "autoAlloc");
      f.autoAlloc = true;
      f.flags |= VmsFlags.POINTER;
    });
  }

  /** As {@link #autoAlloc(VmStateDescription)}, creating elements with {@code factory}. */
  public FieldSpec autoAlloc(VmStateDescription element, Supplier<?> factory) {
    return autoAlloc(element).edit(f -> f.elementFactory = factory);
  }

  /** AUTO_ALLOC for pointers to scalars (boxed element types); set the codec as usual. */
  public FieldSpec autoAlloc() {
    return edit(f -> {
      f.autoAlloc = true;
      f.flags |= VmsFlags.POINTER;
    });
  }

  /** Creates elements the loader needs (structs, queue elements, allocated pointers). */
  public FieldSpec factory(Supplier<?> factory) {
    return edit(f -> f.elementFactory = factory);
  }

  /** Element type of a List member (erased at run time). */
  public FieldSpec elementType(Class<?> type) {
    return edit(f -> f.elementType = type);
  }

  // ------------------------------------------------------------------ versions

  /** VMSTATE_*_V: the field is on the wire from version {@code version} on. */
  public FieldSpec since(int version) {
    return edit(f -> f.versionId = version);
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
    return exists("existsIf", (VersionPredicate<Object>) test, null);
  }

  /**
   * As {@link #existsIf(VersionPredicate)}, for objects of {@code type}; building the
   * description fails unless it describes a {@code type}.
   *
   * <pre>{@code field("c").uint32().existsIf(Dev.class, (d, v) -> !d.skip)}</pre>
   */
  @SuppressWarnings("unchecked")
  public <T> FieldSpec existsIf(Class<T> type, VersionPredicate<? super T> test) {
    return exists("existsIf", (VersionPredicate<Object>) test, type);
  }

  FieldSpec exists(String kind, VersionPredicate<Object> test, @Nullable Class<?> type) {
    return edit(f -> {
      f.exists = test;
      f.existsType = type;
      f.existsKind = kind;
    });
  }

  /** VMS_MUST_EXIST: a load where the field does not exist fails. */
  public FieldSpec mustExist() {
    return edit(f -> f.flags |= VmsFlags.MUST_EXIST);
  }

  /** Sets the QEMU element size (rarely needed: buffers set it themselves). */
  public FieldSpec size(int size) {
    return edit(f -> f.size = size);
  }

  @Override
  public String toString() {
    return "field(\"" + name + "\")";
  }
}
