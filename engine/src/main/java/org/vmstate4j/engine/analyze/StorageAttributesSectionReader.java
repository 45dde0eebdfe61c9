package org.vmstate4j.engine.analyze;

import org.vmstate4j.engine.VmStateLoadException;
import org.vmstate4j.engine.analyze.DecodedValue.TextValue;

/**
 * s390 storage attributes ({@code s390-storage_attributes}, version 0), read as far as the script
 * reads them (DONE and EOS markers), shown as {@code ""}.
 */
final class StorageAttributesSectionReader implements SectionReader {
  private static final int STATTR_FLAG_EOS = 0x01;
  private static final int STATTR_FLAG_DONE = 0x08;

  StorageAttributesSectionReader(long version, long at) {
    if (version != 0) {
      throw new VmStateLoadException("Unknown storage_attributes version " + version, at, "0",
          Long.toString(version));
    }
  }

  @Override
  public void read(StreamSource in) {
    boolean afterDone = false;
    while (true) {
      long at = in.offset();
      long flags;
      if (afterDone) {
        // after DONE, only an EOS (or another DONE) belongs to this section: look before reading
        if (in.remaining() < 8 || in.peek(7) < 0) {
          return; // DONE was the last record
        }
        flags = ((long) in.peek(6) << 8 | in.peek(7)) & 0xfff;
        if ((flags & (STATTR_FLAG_DONE | STATTR_FLAG_EOS)) == 0) {
          return; // no EOS after DONE: what follows belongs to the next section
        }
        in.u64();
      } else {
        flags = in.u64() & 0xfff;
      }
      if ((flags & STATTR_FLAG_DONE) != 0) {
        afterDone = true;
      } else if ((flags & STATTR_FLAG_EOS) != 0) {
        return;
      } else {
        throw new VmStateLoadException(
            "Unknown flags " + Long.toHexString(flags), at, "DONE or EOS", Long.toHexString(flags));
      }
    }
  }

  @Override
  public DecodedValue value() {
    return new TextValue("");
  }
}
