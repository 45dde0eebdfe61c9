package org.vmstate4j.engine.analyze;

import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.VmStateLoadException;
import org.vmstate4j.engine.analyze.DecodedValue.BoolValue;
import org.vmstate4j.engine.analyze.DecodedValue.BytesValue;
import org.vmstate4j.engine.analyze.DecodedValue.IntValue;
import org.vmstate4j.engine.analyze.DecodedValue.NullPointerValue;
import org.vmstate4j.engine.analyze.DecodedValue.TextValue;
import org.vmstate4j.engine.json.PointerRuns;
import tools.jackson.databind.JsonNode;

/**
 * Reads the bytes of a VMSD-shaped description ({@code fields}, then {@code subsections}) from the
 * stream, with the script's rules: {@code array_len} repeats a field, a field's {@code type}
 * picks the codec, and a type it does not know is skipped by the field's {@code size}.
 *
 * <p>One departure: where QEMU's description of an array of pointers claims the whole array for
 * its first run (see {@link PointerRuns}) and the NULL marker is where the later entries say it
 * is, the run ends there and a note says so; the script would read the marker as an element.
 */
final class FieldDecoder {
  /** Deeper nesting than any QEMU device uses; guards the Java stack. */
  static final int MAX_DEPTH = 128;
  /** Values that consume no bytes are free to describe, so their number is capped. */
  static final long MAX_EMPTY_VALUES = 1L << 20;

  private static final int QEMU_VM_SUBSECTION = 0x05;
  private static final int NULL_PTR_MARKER = '0';

  private static final Set<String> SIGNED = Set.of(
      "int8", "int16", "int32", "int32 equal", "int32 le", "int64", "int64 equal",
      "uint8 equal", "uint16 equal");
  private static final Set<String> UNSIGNED = Set.of(
      "uint8", "uint16", "uint32", "uint32 equal", "uint64");

  private final StreamSource in;
  private long emptyValues;
  /** Names from the section down to the field being read, for notes. */
  private final Deque<String> path = new ArrayDeque<>();
  private final List<String> notes = new ArrayList<>();

  FieldDecoder(StreamSource in) {
    this.in = in;
  }

  /** Reads one struct (or section) described by {@code desc} into {@code out}. */
  void readInto(JsonNode desc, StructBuilder out, int depth) {
    if (depth > MAX_DEPTH) {
      throw new VmStateLoadException("description nested too deeply", in.offset(),
          "at most " + MAX_DEPTH + " levels", "more");
    }
    JsonNode fields = desc.isObject() ? desc.get("fields") : null;
    if (fields == null) {
      throw new VmStateLoadException("No fields in struct", in.offset());
    }
    if (!fields.isArray()) {
      throw new VmStateLoadException("description error: \"fields\" is not a list", in.offset());
    }
    if (depth == 0) {
      path.clear();
      path.addLast(desc.path("name").asString(desc.path("vmsd_name").asString("?")));
    }
    for (int i = 0; i < fields.size(); i++) {
      readField(fields, i, out, depth);
    }
    JsonNode subsections = desc.get("subsections");
    if (subsections != null) {
      if (!subsections.isArray()) {
        throw new VmStateLoadException(
            "description error: \"subsections\" is not a list", in.offset());
      }
      for (JsonNode subsection : subsections) {
        readSubsection(subsection, out, depth);
      }
    }
  }

  /** What was read differently from the description, one line each (path, offset, why). */
  List<String> notes() {
    return List.copyOf(notes);
  }

  private void readField(JsonNode fields, int index, StructBuilder out, int depth) {
    JsonNode field = fields.get(index);
    if (!field.isObject()) {
      throw new VmStateLoadException("description error: field is not an object", in.offset());
    }
    String name = name(field);
    path.addLast(name);
    try {
      readElements(field, name, PointerRuns.leadingRunEnd(fields, index), out, depth);
    } catch (VmStateLoadException e) {
      throw e.under(name);
    } finally {
      path.removeLast();
    }
  }

  private void readElements(JsonNode field, String name, long runEnd, StructBuilder out,
      int depth) {
    String type = field.path("type").isString() ? field.get("type").asString() : "";
    long count = arrayLength(field);
    if (hasFixedSize(type)) {
      long size = size(field);
      long least = runEnd > 0 ? runEnd : count;
      if (size > 0 && least > in.remaining() / size) {
        throw new VmStateLoadException("unexpected end of stream", in.offset(),
            least + " x " + size + " bytes", in.remaining() + " bytes left");
      }
    }
    for (long i = 0; i < count; i++) {
      if (i == runEnd && in.peek() == NULL_PTR_MARKER) {
        long at = in.offset();
        notes.add(String.join("/", path) + " @" + at + " (0x" + Long.toHexString(at) + "): "
            + PointerRuns.note(count, i));
        return;
      }
      long start = in.offset();
      DecodedValue value;
      boolean indexed = count > 1 && type.equals("struct");
      if (indexed) {
        path.removeLast();
        path.addLast(name + "[" + i + "]");
      }
      try {
        value = readElement(field, type, depth);
      } catch (VmStateLoadException e) {
        throw count > 1 ? e.under("[" + i + "]") : e;
      } finally {
        if (indexed) {
          path.removeLast();
          path.addLast(name);
        }
      }
      if (in.offset() == start && ++emptyValues > MAX_EMPTY_VALUES) {
        throw new VmStateLoadException("description yields too many values of 0 bytes", start,
            "at most " + MAX_EMPTY_VALUES, "more");
      }
      out.addField(name, value);
    }
  }

  private DecodedValue readElement(JsonNode field, String type, int depth) {
    long at = in.offset();
    if (type.equals("struct")) {
      JsonNode struct = field.get("struct");
      if (struct == null) {
        throw new VmStateLoadException("description error: struct field has no \"struct\"", at);
      }
      StructBuilder members = new StructBuilder();
      readInto(struct, members, depth + 1);
      return members.build();
    }
    if (type.equals("capability")) {
      return new TextValue(in.countedString());
    }
    long size = size(field);
    if (type.equals("bool")) {
      byte[] data = nonEmpty(in.bytes(size), at, type);
      return new BoolValue(at, data[0] != 0);
    }
    if (SIGNED.contains(type) || UNSIGNED.contains(type)) {
      byte[] data = nonEmpty(in.bytes(size), at, type);
      BigInteger value = SIGNED.contains(type) ? new BigInteger(data) : new BigInteger(1, data);
      return new IntValue(at, data.length, SIGNED.contains(type), value);
    }
    if (type.equals("nullptr")) {
      byte[] data = in.bytes(size);
      if (data.length != 1 || data[0] != NULL_PTR_MARKER) {
        throw new VmStateLoadException("bad nullptr marker", at, "30",
            new BytesValue(at, data).text());
      }
      return new NullPointerValue(at);
    }
    return new BytesValue(at, in.bytes(size));
  }

  private void readSubsection(JsonNode subsection, StructBuilder out, int depth) {
    long at = in.offset();
    String vmsdName = subsection.path("vmsd_name").asString("?");
    int marker = in.u8();
    if (marker != QEMU_VM_SUBSECTION) {
      throw new VmStateLoadException("Subsection " + vmsdName + " not found", at,
          "0x05", String.format("0x%02x", marker));
    }
    String name = in.countedString();
    in.u32(); // the subsection's version: the script reads it and goes on regardless
    if (!subsection.isObject() || subsection.isEmpty()) {
      throw new VmStateLoadException("Empty description for subsection: " + name, at);
    }
    StructBuilder members = new StructBuilder();
    path.addLast(name);
    try {
      readInto(subsection, members, depth + 1);
    } catch (VmStateLoadException e) {
      throw e.under(name);
    } finally {
      path.removeLast();
    }
    out.putSubsection(name, members.build());
  }

  /** Types whose every element is exactly {@code size} bytes, so a length can be checked early. */
  private static boolean hasFixedSize(String type) {
    return !type.equals("struct") && !type.equals("capability");
  }

  private static byte[] nonEmpty(byte[] data, long at, String type) {
    if (data.length == 0) {
      throw new VmStateLoadException("description error: " + type + " field of size 0", at);
    }
    return data;
  }

  private String name(JsonNode field) {
    JsonNode name = field.get("name");
    if (name != null && name.isString()) {
      return name.asString();
    }
    if (name != null && name.isIntegralNumber()) {
      return name.bigIntegerValue().toString();
    }
    throw new VmStateLoadException("description error: field has no name", in.offset());
  }

  private long arrayLength(JsonNode field) {
    JsonNode len = field.get("array_len");
    if (len == null) {
      return 1;
    }
    if (!len.isIntegralNumber() || !len.canConvertToLong()) {
      throw new VmStateLoadException("description error: array_len is not an integer",
          in.offset(), "integer", len.toString());
    }
    return Math.max(1, len.longValue());
  }

  /** The field's {@code size}, read like Python's {@code int()}: number or numeric string. */
  private long size(JsonNode field) {
    JsonNode size = field.get("size");
    @Nullable Long value = null;
    if (size != null && size.isIntegralNumber() && size.canConvertToLong()) {
      value = size.longValue();
    } else if (size != null && size.isFloatingPointNumber() && Double.isFinite(size.doubleValue())) {
      value = (long) size.doubleValue();
    } else if (size != null && size.isString()) {
      try {
        value = Long.parseLong(size.asString().strip());
      } catch (NumberFormatException e) {
        value = null;
      }
    }
    if (value == null || value < 0) {
      throw new VmStateLoadException("description error: bad field size", in.offset(),
          "non-negative integer", size == null ? "none" : size.toString());
    }
    return value;
  }
}
