package org.vmstate4j.engine.analyze;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import org.vmstate4j.engine.VmStateLoadException;
import org.vmstate4j.engine.analyze.DecodedValue.IntValue;
import org.vmstate4j.engine.analyze.DecodedValue.StructValue;
import org.vmstate4j.engine.wire.RamFlags;
import org.vmstate4j.engine.wire.WirePart;

/**
 * The iterative RAM section ({@code ram}, version 4) as the script shows it:
 * {@code {"section sizes": {block: used_length}}}. The stream walker reads its records (page
 * contents are skipped, so memory use does not grow with guest RAM); the script's rules for
 * them are checked here.
 */
final class RamSection implements SectionValue {
  private final Map<String, DecodedValue> sizes = new LinkedHashMap<>();

  RamSection(long version, long at) {
    if (version != 4) {
      throw new VmStateLoadException("Unknown RAM version " + version, at, "4",
          Long.toString(version));
    }
  }

  /** A block of a MEM_SIZE list; its be64 used length is at {@code lengthOffset}. */
  void block(String name, long lengthOffset, long length) {
    sizes.put(name, new IntValue(lengthOffset, 8, false,
        new BigInteger(Long.toUnsignedString(length))));
  }

  /**
   * Checks a record's flags as the script reads them: each known flag is taken off (MEM_SIZE,
   * then ZERO or PAGE with CONTINUE, MULTIFD_FLUSH, EOS); XBZRLE and hook records are refused;
   * anything left over is unknown.
   */
  static void check(WirePart record) {
    long at = record.offset();
    int flags = record.flags();
    flags &= ~RamFlags.MEM_SIZE;
    if ((flags & RamFlags.ZERO) != 0) {
      flags &= ~(RamFlags.ZERO | RamFlags.CONTINUE);
    } else if ((flags & RamFlags.PAGE) != 0) {
      flags &= ~(RamFlags.PAGE | RamFlags.CONTINUE);
    } else if ((flags & RamFlags.XBZRLE) != 0) {
      throw new VmStateLoadException("XBZRLE RAM compression is not supported yet", at);
    } else if ((flags & RamFlags.HOOK) != 0) {
      throw new VmStateLoadException("RAM hooks don't make sense with files", at);
    }
    if ((flags & RamFlags.MULTIFD_FLUSH) != 0 || (flags & RamFlags.EOS) != 0) {
      return;
    }
    if (flags != 0) {
      throw new VmStateLoadException("Unknown RAM flags: " + Integer.toHexString(flags), at,
          "ZERO, PAGE, MEM_SIZE, CONTINUE, EOS or MULTIFD_FLUSH", Integer.toHexString(flags));
    }
  }

  @Override
  public DecodedValue value() {
    Map<String, DecodedValue> out = new LinkedHashMap<>();
    out.put("section sizes", new StructValue(sizes));
    return new StructValue(out);
  }
}
