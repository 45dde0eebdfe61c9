package org.vmstate4j.engine.wire;

import java.nio.ByteBuffer;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.io.VmInput;

/**
 * Receives the parts of a stream in stream order and may read device section bodies itself.
 * Each part is reported once its last byte is read; the walker applies its own checks to a part
 * after reporting it, so a visitor that throws first words the error its way.
 */
public interface WireVisitor {
  /** A part of the stream. */
  void part(WirePart part);

  /**
   * The fields of a configuration subsection, after its SUBSECTION_BODY part.
   *
   * @param body the subsection body part (its name is the subsection's)
   */
  default void configuration(WirePart body, List<ConfigField> fields) {}

  /**
   * Whether plain page records (PAGE and ZERO) are reported one by one, with their data. Without,
   * the walker reads and checks them without reporting them (and without reading page data it
   * can skip): faster for a visitor that needs only the block lists and the other records.
   */
  default boolean pages() {
    return true;
  }

  /**
   * The data of a RAM record, after its part: a PAGE's page, a ZERO record's fill byte, the
   * encoded bytes of COMPRESS_PAGE and XBZRLE records, between {@code data}'s position and
   * limit. {@code data} is the walker's buffer, valid during the call only.
   */
  default void pageData(WirePart record, ByteBuffer data) {}

  /**
   * A device section body starts (after a START/PART/END/FULL header of a section other than
   * RAM). Returns true after reading the whole body from {@code in}, which is then reported as
   * a DEVICE_BODY part; false leaves it to the walker, which delimits it with the stream's JSON
   * description, or else by its footer.
   */
  default boolean body(WirePart header, VmInput in) {
    return false;
  }

  /**
   * The JSON description's text, after its VMDESC part: null when it was too long to keep or
   * the stream ended inside it.
   */
  default void description(WirePart part, byte @Nullable [] json) {}
}
