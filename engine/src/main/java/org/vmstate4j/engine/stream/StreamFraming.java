package org.vmstate4j.engine.stream;

import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.VmStateLoadException;
import org.vmstate4j.engine.io.VmInput;

/**
 * The framing every reader of a whole stream parses alike (migration/savevm.c): device section
 * headers, the subsection headers inside the configuration section and the section id of a
 * footer. Used by {@link StreamReader} and by the inspect views, so that both read the same
 * bytes with the same checks and messages.
 */
public final class StreamFraming {
  private StreamFraming() {}

  /** Runs one read of a framing value; a reader may wrap the read's error with {@code what}. */
  public interface Reads {
    <T> T read(String what, Supplier<T> read);
  }

  /** Runs reads as they are: their errors pass unchanged. */
  public static final Reads PLAIN = new Reads() {
    @Override
    public <T> T read(String what, Supplier<T> read) {
      return read.get();
    }
  };

  /**
   * A device section's header. For {@link SectionType#PART} and {@link SectionType#END} it holds
   * the section id only: {@code idstr} is empty, instance and version are 0.
   *
   * @param offset where the type byte is
   */
  public record SectionHeader(SectionType type, long offset, int sectionId, String idstr,
      int instanceId, int versionId) {}

  /**
   * Reads the header of the section whose type byte {@code typeByte} (at {@code at}) was just
   * read: be32 section id and, for START and FULL, the counted idstr, be32 instance id and be32
   * version id. A byte that is no section type is QEMU's "Unknown section type" error.
   */
  public static SectionHeader sectionHeader(VmInput in, int typeByte, long at, Reads reads) {
    SectionType type = sectionType(typeByte);
    if (type == null) {
      throw new VmStateLoadException("Unknown section type " + typeByte, at,
          "a section type (0x00 EOF, 0x01-0x04 sections, 0x08 command)",
          String.format("0x%02x", typeByte));
    }
    int id = reads.read("Failed to read the section id", in::readInt);
    if (!type.hasFullHeader()) {
      return new SectionHeader(type, at, id, "", 0, 0);
    }
    String idstr = reads.read("Unable to read ID string for section "
        + Integer.toUnsignedString(id), in::readCountedString);
    int instance = reads.read("Failed to read instance/version ID", in::readInt);
    int version = reads.read("Failed to read instance/version ID", in::readInt);
    return new SectionHeader(type, at, id, idstr, instance, version);
  }

  private static @Nullable SectionType sectionType(int b) {
    for (SectionType t : SectionType.values()) {
      if (t.code() == b) {
        return t;
      }
    }
    return null;
  }

  /**
   * Reads the be32 section id of a footer whose 0x7e byte (at {@code at}) was just read and
   * checks it against {@code sectionId}, with QEMU's "Mismatched section id" error.
   */
  public static void footerId(VmInput in, int sectionId, String idstr, long at, Reads reads) {
    int id = reads.read("Read section footer failed", in::readInt);
    if (id != sectionId) {
      throw new VmStateLoadException(String.format(
          "Mismatched section id in footer for %s - read 0x%x expected 0x%x", idstr, id,
          sectionId), at, String.format("0x%x", sectionId), String.format("0x%x", id));
    }
  }

  /**
   * A subsection header inside the configuration section.
   *
   * @param offset where its 0x05 byte is
   */
  public record ConfigSubsection(String name, long offset, int version) {}

  /**
   * Reads the header (0x05, counted name, be32 version) of the next configuration subsection;
   * null, reading nothing, when the next bytes are not one (no 0x05, or a name that does not
   * start with "configuration").
   */
  public static @Nullable ConfigSubsection configSubsection(VmInput in) {
    if (in.peek(0) != StreamFormat.SUBSECTION) {
      return null;
    }
    int l = in.peek(1);
    if (l < 0) {
      return null;
    }
    String name = new String(in.peekBytes(2, l), StandardCharsets.ISO_8859_1);
    if (!name.startsWith("configuration")) {
      return null;
    }
    long at = in.position();
    in.skip(2L + l);
    return new ConfigSubsection(name, at, in.readInt());
  }
}
