package org.vmstate4j.engine.analyze;

import org.vmstate4j.engine.VmStateLoadException;
import org.vmstate4j.engine.analyze.DecodedValue.TextValue;

/**
 * sPAPR's hash page table ({@code spapr/htab}, version 1): skipped chunk by chunk, shown as
 * {@code ""} as the script does.
 */
final class HtabSectionReader implements SectionReader {
  private static final int HASH_PTE_SIZE_64 = 16;

  HtabSectionReader(long version, long at) {
    if (version != 1) {
      throw new VmStateLoadException("Unknown HTAB version " + version, at, "1",
          Long.toString(version));
    }
  }

  @Override
  public void read(StreamSource in) {
    long header = in.u32();
    if (header != 0) {
      // the first part carries the hash shift only; 0xffffffff means "no HPT"
      return;
    }
    while (true) {
      long index = in.u32();
      int valid = in.u16();
      int invalid = in.u16();
      if (index == 0 && valid == 0 && invalid == 0) {
        return;
      }
      in.skip((long) valid * HASH_PTE_SIZE_64);
    }
  }

  @Override
  public DecodedValue value() {
    return new TextValue("");
  }
}
