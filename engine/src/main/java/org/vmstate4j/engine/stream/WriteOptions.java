package org.vmstate4j.engine.stream;

import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.wire.WireFormat;

/**
 * How a stream is written. The defaults are QEMU's: configuration section, section footers and
 * the JSON description all on, page size 4096.
 */
public final class WriteOptions {
  /** QEMU's defaults, no progress callback. */
  public static final WriteOptions DEFAULT =
      new WriteOptions(WireFormat.DEFAULT_PAGE_SIZE, true, true, true, null, false);

  private final int pageSize;
  private final boolean configuration;
  private final boolean sectionFooters;
  private final boolean vmdesc;
  private final @Nullable Progress progress;
  private final boolean devicesOnly;

  private WriteOptions(int pageSize, boolean configuration, boolean sectionFooters,
      boolean vmdesc, @Nullable Progress progress, boolean devicesOnly) {
    if (pageSize <= 0) {
      throw new IllegalArgumentException("page size must be positive: " + pageSize);
    }
    this.pageSize = pageSize;
    this.configuration = configuration;
    this.sectionFooters = sectionFooters;
    this.vmdesc = vmdesc;
    this.progress = progress;
    this.devicesOnly = devicesOnly;
  }

  /** The {@code page_size} of the JSON description. */
  public int pageSize() {
    return pageSize;
  }

  /** Whether the configuration section (0x07, machine name) follows the header. */
  public boolean configuration() {
    return configuration;
  }

  /** Whether each section ends with 0x7e and its section id (send-section-footer). */
  public boolean sectionFooters() {
    return sectionFooters;
  }

  /** Whether the JSON description (0x06) follows EOF. */
  public boolean vmdesc() {
    return vmdesc;
  }

  public @Nullable Progress progress() {
    return progress;
  }

  /**
   * Whether a registry that skipped sections when it was loaded from a stream may be saved: the
   * new stream then holds only the registered devices, not the skipped sections (RAM, CPUs,
   * devices nobody registered), and a QEMU that loads it keeps its own state for those (its RAM
   * reads zero). Off by default: such a save is refused, naming what it would drop. To change
   * devices and keep the rest of a stream, rewrite it with
   * {@code org.vmstate4j.engine.edit.StreamEdit}.
   */
  public boolean devicesOnly() {
    return devicesOnly;
  }

  /** Allows (or refuses) a save that drops the sections a load skipped; see {@link #devicesOnly()}. */
  public WriteOptions withDevicesOnly(boolean on) {
    return new WriteOptions(pageSize, configuration, sectionFooters, vmdesc, progress, on);
  }

  public WriteOptions withPageSize(int pageSize) {
    return new WriteOptions(pageSize, configuration, sectionFooters, vmdesc, progress,
        devicesOnly);
  }

  public WriteOptions withConfiguration(boolean on) {
    return new WriteOptions(pageSize, on, sectionFooters, vmdesc, progress, devicesOnly);
  }

  public WriteOptions withSectionFooters(boolean on) {
    return new WriteOptions(pageSize, configuration, on, vmdesc, progress, devicesOnly);
  }

  public WriteOptions withVmdesc(boolean on) {
    return new WriteOptions(pageSize, configuration, sectionFooters, on, progress, devicesOnly);
  }

  public WriteOptions withProgress(@Nullable Progress progress) {
    return new WriteOptions(pageSize, configuration, sectionFooters, vmdesc, progress,
        devicesOnly);
  }
}
