package org.vmstate4j.engine.live;

import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.wire.PartKind;
import org.vmstate4j.engine.wire.RamFlags;
import org.vmstate4j.engine.wire.WireListener;
import org.vmstate4j.engine.wire.WirePart;

/**
 * Follows the parts of a stream as the walker reports them: counts RAM pages and sections,
 * remembers the last section for error messages, and finds where the RAM block list of the
 * {@code ram} START section ends (what a compact copy of the stream keeps of the RAM).
 */
final class StreamTracker implements WireListener {
  private volatile long ramPages;
  private volatile int ramPasses;
  private volatile @Nullable WirePart lastSection;
  private @Nullable String machineType;
  private long ramId = -1;
  private long blockListEnd = -1;
  private boolean inRamStart;
  private boolean ramStartFooter;

  @Override
  public void part(WirePart p) {
    switch (p.kind()) {
      case CONFIGURATION -> machineType = p.name();
      case SECTION_START, SECTION_PART, SECTION_END, SECTION_FULL -> {
        lastSection = p;
        inRamStart = false;
        if (p.name().equals("ram")) {
          ramPasses++;
          if (p.kind() == PartKind.SECTION_START && ramId < 0) {
            ramId = p.sectionId();
            inRamStart = true;
          }
        }
      }
      case RAM_RECORD -> {
        int kind = p.flags() & ~RamFlags.CONTINUE;
        if (kind == RamFlags.PAGE || kind == RamFlags.ZERO || kind == RamFlags.COMPRESS_PAGE
            || kind == RamFlags.XBZRLE) {
          ramPages++;
        }
        if (inRamStart && blockListEnd < 0 && kind != RamFlags.MEM_SIZE) {
          // QEMU's START section begins with the block list (MEM_SIZE, then a RAM_BLOCK part
          // per block): it ends where the next record starts
          blockListEnd = p.offset();
        }
      }
      case FOOTER -> {
        if (inRamStart && p.sectionId() == ramId) {
          if (blockListEnd < 0) {
            blockListEnd = p.offset();
          }
          ramStartFooter = true;
        }
        inRamStart = false;
      }
      default -> { }
    }
  }

  /** The configuration section's machine type; null when the stream has none. */
  @Nullable String machineType() {
    return machineType;
  }

  long ramPages() {
    return ramPages;
  }

  int ramPasses() {
    return ramPasses;
  }

  /** Id of the {@code ram} section, -1 before its START. */
  long ramId() {
    return ramId;
  }

  /** Where the RAM block list of the START section ends; -1 before it is known. */
  long blockListEnd() {
    return blockListEnd;
  }

  /** Whether the {@code ram} START section ended with a footer. */
  boolean ramStartFooter() {
    return ramStartFooter;
  }

  /** The last section header seen, e.g. {@code 'ram' (id 2) PART at 196}; "" before any. */
  String lastSection() {
    WirePart p = lastSection;
    if (p == null) {
      return "";
    }
    String kind = p.kind().name().substring("SECTION_".length());
    return "'" + p.name() + "' (id " + p.sectionId() + ") " + kind + " at " + p.offset();
  }
}
