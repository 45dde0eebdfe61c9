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
    long afterDone = -1;
    while (true) {
      long at = in.offset();
      if (afterDone >= 0 && in.remaining() < 8) {
        return; // DONE was the last record; the lookahead would run past the stream
      }
      long flags = in.u64() & 0xfff;
      if ((flags & STATTR_FLAG_DONE) != 0) {
        afterDone = in.offset();
      } else if ((flags & STATTR_FLAG_EOS) != 0) {
        return;
      } else if (afterDone >= 0) {
        // no EOS after DONE: what follows belongs to the next section
        in.seek(afterDone);
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
