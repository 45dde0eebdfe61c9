package org.vmstate4j.engine.analyze;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.VmStateLoadException;
import org.vmstate4j.engine.analyze.DecodedValue.BytesValue;
import org.vmstate4j.engine.analyze.DecodedValue.IntValue;
import org.vmstate4j.engine.analyze.DecodedValue.ListValue;
import org.vmstate4j.engine.analyze.DecodedValue.StructValue;
import org.vmstate4j.engine.analyze.DecodedValue.TextValue;
import tools.jackson.databind.JsonNode;

/**
 * The configuration section (0x07), which has no section header. Newer vmdescs describe it under
 * {@code "configuration"} and it is then read like any VMSD; older ones (QEMU 7.2) do not, and it
 * is read by its known layout: be32 length, machine name, then the optional subsections
 * target-page-bits, capabilities and uuid. The capabilities decide how RAM blocks are encoded.
 */
final class ConfigurationReader {
  static final String NAME = "configuration";
  static final String TARGET_PAGE_BITS = "configuration/target-page-bits";
  static final String CAPABILITIES = "configuration/capabilities";
  static final String UUID = "configuration/uuid";

  private static final int QEMU_VM_SUBSECTION = 0x05;
  private static final int UUID_BYTES = 16;

  /** What the section held, and the two capabilities that change the RAM section's layout. */
  record Configuration(StructValue value, boolean ignoreShared, boolean mappedRam) {}

  private ConfigurationReader() {}

  static Configuration read(StreamSource in, @Nullable JsonNode desc, FieldDecoder decoder) {
    StructValue value;
    try {
      if (desc != null && desc.isObject() && !desc.isEmpty()) {
        StructBuilder members = new StructBuilder();
        decoder.readInto(desc, members, 0);
        value = members.build();
      } else {
        value = readKnownLayout(in);
      }
    } catch (VmStateLoadException e) {
      throw e.under(NAME);
    }
    List<String> caps = capabilities(value, in.offset());
    return new Configuration(
        value, caps.contains("x-ignore-shared"), caps.contains("mapped-ram"));
  }

  private static StructValue readKnownLayout(StreamSource in) {
    StructBuilder members = new StructBuilder();
    IntValue len = u32(in);
    members.addField("len", len);
    long at = in.offset();
    members.addField("name", new BytesValue(at, in.bytes(len.value().longValue())));
    while (in.peek() == QEMU_VM_SUBSECTION) {
      long subAt = in.offset();
      in.u8();
      String name = in.countedString();
      if (!name.startsWith(NAME)) {
        in.seek(subAt); // not ours: the section loop will report it
        break;
      }
      in.u32(); // subsection version
      try {
        members.putSubsection(name, readSubsection(in, name, subAt));
      } catch (VmStateLoadException e) {
        throw e.under(name);
      }
    }
    return members.build();
  }

  private static StructValue readSubsection(StreamSource in, String name, long at) {
    StructBuilder members = new StructBuilder();
    switch (name) {
      case TARGET_PAGE_BITS -> members.addField("target_page_bits", u32(in));
      case CAPABILITIES -> {
        IntValue count = u32(in);
        members.addField("caps_count", count);
        long n = count.value().longValue();
        if (n > in.remaining()) {
          throw new VmStateLoadException("unexpected end of stream", in.offset(),
              n + " capabilities", in.remaining() + " bytes left");
        }
        for (long i = 0; i < n; i++) {
          members.addField("capabilities", new TextValue(in.countedString()));
        }
      }
      case UUID -> {
        for (int i = 0; i < UUID_BYTES; i++) {
          long byteAt = in.offset();
          members.addField("uuid.data",
              new IntValue(byteAt, 1, false, BigInteger.valueOf(in.u8())));
        }
      }
      default -> throw new VmStateLoadException(
          "VM subsection '" + name + "' in 'configuration' does not exist", at,
          "target-page-bits, capabilities or uuid", name);
    }
    return members.build();
  }

  /** Capability names listed by the capabilities subsection, checked against caps_count. */
  private static List<String> capabilities(StructValue config, long at) {
    DecodedValue sub = config.fields().get(CAPABILITIES);
    if (sub == null) {
      return List.of();
    }
    if (!(sub instanceof StructValue struct)
        || !(struct.fields().get("caps_count") instanceof IntValue count)
        || struct.fields().get("capabilities") == null) {
      throw new VmStateLoadException("capabilities subsection lacks caps_count or capabilities",
          at).under(NAME);
    }
    DecodedValue listed = struct.fields().get("capabilities");
    List<DecodedValue> items = listed instanceof ListValue list ? list.items() : List.of(listed);
    if (BigInteger.valueOf(items.size()).compareTo(count.value()) != 0) {
      throw new VmStateLoadException("Number of capabilities doesn't match caps_count field", at,
          count.value().toString(), Integer.toString(items.size())).under(NAME);
    }
    List<String> names = new ArrayList<>();
    for (DecodedValue item : items) {
      if (item instanceof TextValue text) {
        names.add(text.text());
      }
    }
    return names;
  }

  private static IntValue u32(StreamSource in) {
    long at = in.offset();
    return new IntValue(at, 4, false, BigInteger.valueOf(in.u32()));
  }
}
