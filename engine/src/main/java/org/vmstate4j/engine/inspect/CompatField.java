package org.vmstate4j.engine.inspect;

import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.model.CountWidth;

/**
 * One field in the neutral model {@link Compat} compares. A field read from a
 * {@code -dump-vmstate} file knows only name, version, whether it has an exists test, the C
 * element size and its nested description; {@code codec} and {@code encoding} are then null.
 *
 * @param name field name
 * @param versionId the field exists from this version on (unless an exists test decides)
 * @param existsTest whether a {@code field_exists} predicate decides instead of the version
 * @param size QEMU's element size ({@code size} in -dump-vmstate)
 * @param codec QEMU's type name ({@code uint32}, {@code struct}, ...), null when unknown
 * @param encoding how the elements are laid out on the wire, null when unknown
 * @param num fixed element count (ARRAY), else 0
 * @param countField the member holding the count (VARRAY), or null
 * @param countWidth how the count is read (VARRAY), or null
 * @param nested the element description (struct, vstruct, tmp, queues), or null
 */
public record CompatField(
    String name,
    int versionId,
    boolean existsTest,
    long size,
    @Nullable String codec,
    @Nullable Encoding encoding,
    int num,
    @Nullable String countField,
    @Nullable CountWidth countWidth,
    @Nullable CompatDescription nested) {

  /** Wire layouts of a field, the distinctions QEMU's -dump-vmstate does not record. */
  public enum Encoding {
    /** One value. */
    SCALAR,
    /** {@code num} values. */
    ARRAY,
    /** A count member says how many values. */
    VARRAY,
    /** Array of pointers, QEMU's legacy encoding: a 0x30 marker only for NULL slots. */
    POINTER_ARRAY,
    /** Array of pointers with AUTO_ALLOC: a 0x30/0x31 marker before every element. */
    POINTER_ARRAY_AUTO_ALLOC,
    /** A nested description, loaded at the destination's own version. */
    STRUCT,
    /** A nested description at the field's struct version. */
    VSTRUCT,
    /** qtailq/qlist: a 0x01 byte before each element, 0x00 at the end. */
    QUEUE,
    /** A fixed number of raw bytes. */
    BUFFER,
    /** Raw bytes whose length is in another member. */
    VBUFFER,
    /** A temporary object with its own description. */
    TMP,
    /** VMSTATE_VALIDATE: no bytes, a check only. */
    VALIDATE
  }

  /** Whether the field puts bytes on the wire (VALIDATE entries do not). */
  public boolean onWire() {
    return encoding != Encoding.VALIDATE;
  }
}
