package org.vmstate4j.engine.analyze;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.VmStateLoadException;
import org.vmstate4j.engine.analyze.DecodedValue.BytesValue;
import org.vmstate4j.engine.analyze.DecodedValue.IntValue;
import org.vmstate4j.engine.analyze.DecodedValue.ListValue;
import org.vmstate4j.engine.analyze.DecodedValue.StructValue;
import org.vmstate4j.engine.analyze.DecodedValue.TextValue;
import org.vmstate4j.engine.io.VmInput;
import org.vmstate4j.engine.wire.ConfigField;
import org.vmstate4j.engine.wire.WirePart;
import tools.jackson.databind.JsonNode;

/**
 * The configuration section (0x07), which has no section header. The stream walker reads it by
 * its known layout (be32 length, machine name, then the optional subsections target-page-bits,
 * capabilities and uuid) and this turns what it reports into the script's value. Newer vmdescs
 * describe it under {@code "configuration"}: its bytes are then decoded like any VMSD, as the
 * script does.
 */
final class ConfigurationReader {
  static final String NAME = "configuration";
  static final String TARGET_PAGE_BITS = "configuration/target-page-bits";
  static final String CAPABILITIES = "configuration/capabilities";
  static final String UUID = "configuration/uuid";

  /** Random access to bytes of the stream. */
  interface Bytes {
    byte[] read(long offset, int length);
  }

  private final long header;
  private final long nameLength;
  private final StructBuilder members = new StructBuilder();
  private long end;

  /** Starts with the walker's CONFIGURATION part (type byte, length, machine name). */
  ConfigurationReader(WirePart part, Bytes bytes) {
    this.header = part.offset();
    this.nameLength = part.length() - 5;
    this.end = part.end();
    members.addField("len", new IntValue(header + 1, 4, false, BigInteger.valueOf(nameLength)));
    members.addField("name", new BytesValue(header + 5, bytes.read(header + 5, (int) nameLength)));
  }

  long header() {
    return header;
  }

  long end() {
    return end;
  }

  /** A subsection the walker read, with its fields. */
  void subsection(WirePart body, List<ConfigField> fields) {
    StructBuilder sub = new StructBuilder();
    for (ConfigField f : fields) {
      switch (f.name()) {
        case "capabilities" -> sub.addField("capabilities", new TextValue(f.text()));
        case "uuid" -> {
          for (int i = 0; i < 16; i++) {
            int b = Integer.parseInt(f.text().substring(2 * i, 2 * i + 2), 16);
            sub.addField("uuid.data", new IntValue(f.offset() + i, 1, false,
                BigInteger.valueOf(b)));
          }
        }
        default -> sub.addField(f.name(), new IntValue(f.offset(), (int) f.length(), false,
            BigInteger.valueOf(f.number())));
      }
    }
    members.putSubsection(body.name(), sub.build());
    end = body.end();
  }

  /**
   * The section's value: with a description, its bytes decoded by it (they must end where the
   * known layout ended); checked as the script checks the capabilities.
   */
  StructValue value(@Nullable JsonNode desc, Bytes bytes) {
    StructValue value;
    if (desc != null) {
      long from = header + 1;
      byte[] data = bytes.read(from, (int) (end - from));
      VmInput in = VmInput.of(new ByteArrayInputStream(data), from, end,
          Math.max(16, Math.min(data.length, 1 << 16)));
      StreamSource src = new StreamSource(in);
      StructBuilder described = new StructBuilder();
      try {
        new FieldDecoder(src).readInto(desc, described, 0);
      } catch (VmStateLoadException e) {
        throw e.under(NAME);
      }
      if (src.offset() != end) {
        throw new VmStateLoadException("the configuration's description does not cover its"
            + " bytes", src.offset(), "the end of the section at " + end,
            Long.toString(src.offset())).under(NAME);
      }
      value = described.build();
    } else {
      value = members.build();
    }
    checkCapabilities(value, end);
    return value;
  }

  /** Capability names listed by the capabilities subsection, checked against caps_count. */
  private static void checkCapabilities(StructValue config, long at) {
    DecodedValue sub = config.fields().get(CAPABILITIES);
    if (sub == null) {
      return;
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
  }
}
