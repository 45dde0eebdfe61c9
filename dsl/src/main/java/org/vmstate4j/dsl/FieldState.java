package org.vmstate4j.dsl;

import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.codec.Codec;
import org.vmstate4j.engine.model.CountWidth;
import org.vmstate4j.engine.model.ElementFactory;
import org.vmstate4j.engine.model.VmStateDescription;
import org.vmstate4j.engine.model.VmsFlags;

/**
 * What a {@link FieldSpec} has declared so far, read when its description is built. Written only
 * on a fresh copy inside {@link FieldSpec}'s methods; never changed once a spec is returned.
 */
abstract class FieldState implements Cloneable {
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
  /** The wire type chosen, as the user wrote it, for messages; null while none is. */
  @Nullable String wireType;
  /** A buffer's codec, which {@code codec(...)} may replace (a custom buffer info). */
  boolean bufferCodec;
  /** The layout chosen (array or varray), for messages. */
  @Nullable String layout;
  /** The first contradiction in the declaration, reported by build(). */
  @Nullable String conflict;

  FieldState(String name) {
    this.name = name;
  }

  /** A shallow copy: every value held is itself immutable. */
  final FieldState copy() {
    try {
      return (FieldState) clone();
    } catch (CloneNotSupportedException e) {
      throw new AssertionError(e);
    }
  }

  /** Records the wire type {@code label}; a second one is a contradiction. */
  final void chooseType(String label, @Nullable Codec c) {
    if (wireType != null && conflict == null) {
      conflict = "two wire types, " + wireType + " then " + label + ": a field has one";
    }
    wireType = label;
    bufferCodec = false;
    codec = c;
  }

  final void chooseBuffer(String label, int flag, Codec c) {
    chooseType(label, c);
    flags |= flag;
    bufferCodec = true;
  }

  final void chooseStruct(VmStateDescription nested, String call) {
    chooseType(call + "(" + nested.name() + ")", null);
    flags |= VmsFlags.STRUCT;
    vmsd = nested;
  }

  /** Records the layout {@code label}; a second one is a contradiction. */
  final void chooseLayout(String label) {
    if (layout != null && conflict == null) {
      conflict = "two layouts, " + layout + " then " + label + ": a field has one";
    }
    layout = label;
  }
}
