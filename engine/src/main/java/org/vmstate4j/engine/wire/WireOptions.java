package org.vmstate4j.engine.wire;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How the {@link StreamWalker} reads a stream. The defaults walk any QEMU stream: a section
 * footer is expected once the first section had one, the configuration section is optional, the
 * JSON description is looked for at the end of a file, and an InputStream is spooled to a
 * temporary file from the first body that needs the description.
 */
public final class WireOptions {
  /** What the walker expects after each section body. */
  public enum Footers {
    /** A footer after every section (QEMU's send-section-footer, on since QEMU 2.7). */
    REQUIRED,
    /** Footers if the first section has one: then after every section, as QEMU checks them. */
    CONSISTENT,
    /** No footers. */
    NONE
  }

  /** Longest JSON description kept in memory after EOF. */
  public static final long DESCRIPTION_LIMIT = 256L << 20;

  public static final WireOptions DEFAULT =
      new WireOptions(Footers.CONSISTENT, false, 0, null, true, true, DESCRIPTION_LIMIT, true);

  private final Footers footers;
  private final boolean requireConfiguration;
  private final int pageSize;
  private final @Nullable VmDescription description;
  private final boolean locate;
  private final boolean spool;
  private final long descriptionLimit;
  private final boolean trailer;

  private WireOptions(Footers footers, boolean requireConfiguration, int pageSize,
      @Nullable VmDescription description, boolean locate, boolean spool,
      long descriptionLimit, boolean trailer) {
    if (pageSize < 0 || (pageSize & (pageSize - 1)) != 0) {
      throw new IllegalArgumentException("page size must be 0 (from the stream) or a power of two");
    }
    this.footers = Objects.requireNonNull(footers);
    this.requireConfiguration = requireConfiguration;
    this.pageSize = pageSize;
    this.description = description;
    this.locate = locate;
    this.spool = spool;
    this.descriptionLimit = descriptionLimit;
    this.trailer = trailer;
  }

  public Footers footers() {
    return footers;
  }

  /** Whether the stream must start with the configuration section. */
  public boolean requireConfiguration() {
    return requireConfiguration;
  }

  /**
   * Target page size for RAM records; 0 takes it from the configuration's target-page-bits, else
   * from the JSON description, else 4096.
   */
  public int pageSize() {
    return pageSize;
  }

  /** The stream's JSON description when the caller has it already. */
  public @Nullable VmDescription description() {
    return description;
  }

  /**
   * Whether a file's JSON description is found at its end before walking; the walk then stops
   * at it (its bytes are never read as device state).
   */
  public boolean locate() {
    return locate;
  }

  /**
   * Whether an InputStream is spooled to a temporary file (deleted after the walk) when a body
   * needs the description that comes at the end; else such a body is delimited by its footer.
   */
  public boolean spool() {
    return spool;
  }

  /** Longest JSON description read into memory after EOF; a longer one is skipped. */
  public long descriptionLimit() {
    return descriptionLimit;
  }

  /**
   * Whether the bytes after EOF (the JSON description) are read; without, the walk ends at EOF
   * and never waits for more input.
   */
  public boolean trailer() {
    return trailer;
  }

  public WireOptions withTrailer(boolean on) {
    return new WireOptions(footers, requireConfiguration, pageSize, description, locate, spool,
        descriptionLimit, on);
  }

  public WireOptions withFooters(Footers footers) {
    return new WireOptions(footers, requireConfiguration, pageSize, description, locate, spool,
        descriptionLimit, trailer);
  }

  public WireOptions withRequireConfiguration(boolean on) {
    return new WireOptions(footers, on, pageSize, description, locate, spool, descriptionLimit,
        trailer);
  }

  public WireOptions withPageSize(int pageSize) {
    return new WireOptions(footers, requireConfiguration, pageSize, description, locate, spool,
        descriptionLimit, trailer);
  }

  public WireOptions withDescription(@Nullable VmDescription description) {
    return new WireOptions(footers, requireConfiguration, pageSize, description, locate, spool,
        descriptionLimit, trailer);
  }

  public WireOptions withLocate(boolean on) {
    return new WireOptions(footers, requireConfiguration, pageSize, description, on, spool,
        descriptionLimit, trailer);
  }

  public WireOptions withSpool(boolean on) {
    return new WireOptions(footers, requireConfiguration, pageSize, description, locate, on,
        descriptionLimit, trailer);
  }

  public WireOptions withDescriptionLimit(long bytes) {
    return new WireOptions(footers, requireConfiguration, pageSize, description, locate, spool,
        bytes, trailer);
  }
}
