package org.vmstate4j.engine.stream;

import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.state.LoadOptions;

/**
 * How a stream is read. The defaults follow QEMU's loader: the configuration section is
 * required and its machine name checked, footers are checked, a section of an unknown device
 * is an error; registered devices missing from the stream are only reported; loads are
 * transactional across all devices.
 */
public final class ReadOptions {
  /** What to do about registered devices that have no section in the stream. */
  public enum Absent {
    /** List them in {@link LoadResult#absent()} (QEMU keeps their current state too). */
    REPORT,
    /** Fail the load and restore every device. */
    ERROR
  }

  /** QEMU's behaviour; transactional; no progress callback. */
  public static final ReadOptions DEFAULT = new ReadOptions(
      LoadOptions.DEFAULT, true, true, true, true, false, Absent.REPORT, 0, null, null);

  private final LoadOptions load;
  private final boolean configuration;
  private final boolean checkMachine;
  private final boolean sectionFooters;
  private final boolean readVmdesc;
  private final boolean skipUnknown;
  private final Absent absent;
  private final int pageSize;
  private final @Nullable String description;
  private final @Nullable Progress progress;

  private ReadOptions(LoadOptions load, boolean configuration, boolean checkMachine,
      boolean sectionFooters, boolean readVmdesc, boolean skipUnknown, Absent absent,
      int pageSize, @Nullable String description, @Nullable Progress progress) {
    if (pageSize < 0 || (pageSize & (pageSize - 1)) != 0) {
      throw new IllegalArgumentException("page size must be 0 (auto) or a power of two");
    }
    this.load = Objects.requireNonNull(load);
    this.configuration = configuration;
    this.checkMachine = checkMachine;
    this.sectionFooters = sectionFooters;
    this.readVmdesc = readVmdesc;
    this.skipUnknown = skipUnknown;
    this.absent = Objects.requireNonNull(absent);
    this.pageSize = pageSize;
    this.description = description;
    this.progress = progress;
  }

  /** Options of each device load (transactional, dry run, allocation limit). */
  public LoadOptions load() {
    return load;
  }

  /** Whether the stream must start with the configuration section (send-configuration). */
  public boolean configuration() {
    return configuration;
  }

  /**
   * Whether the configuration's machine name must match the registry's, as QEMU checks it: the
   * received name must be a prefix of the local one.
   */
  public boolean checkMachine() {
    return checkMachine;
  }

  /** Whether sections end with footers (send-section-footer). */
  public boolean sectionFooters() {
    return sectionFooters;
  }

  /** Whether the JSON description after EOF is read and checked (problems are warnings). */
  public boolean readVmdesc() {
    return readVmdesc;
  }

  /**
   * Whether sections of unregistered devices are skipped instead of failing: RAM sections by
   * their page records, FULL sections by the sizes in the stream's JSON description (read from
   * the end of a file, or given with {@link #withDescription}).
   */
  public boolean skipUnknown() {
    return skipUnknown;
  }

  public Absent absent() {
    return absent;
  }

  /** Target page size for RAM records; 0 takes it from the stream (default 4096). */
  public int pageSize() {
    return pageSize;
  }

  /** The stream's JSON description, for skipping when reading from an InputStream. */
  public @Nullable String description() {
    return description;
  }

  public @Nullable Progress progress() {
    return progress;
  }

  public ReadOptions withLoadOptions(LoadOptions load) {
    return new ReadOptions(load, configuration, checkMachine, sectionFooters, readVmdesc,
        skipUnknown, absent, pageSize, description, progress);
  }

  /** Validate only: every device is loaded and then restored, even on success. */
  public ReadOptions withDryRun(boolean on) {
    return withLoadOptions(load.withDryRun(on));
  }

  public ReadOptions withConfiguration(boolean on) {
    return new ReadOptions(load, on, checkMachine, sectionFooters, readVmdesc, skipUnknown,
        absent, pageSize, description, progress);
  }

  public ReadOptions withMachineCheck(boolean on) {
    return new ReadOptions(load, configuration, on, sectionFooters, readVmdesc, skipUnknown,
        absent, pageSize, description, progress);
  }

  public ReadOptions withSectionFooters(boolean on) {
    return new ReadOptions(load, configuration, checkMachine, on, readVmdesc, skipUnknown,
        absent, pageSize, description, progress);
  }

  public ReadOptions withReadVmdesc(boolean on) {
    return new ReadOptions(load, configuration, checkMachine, sectionFooters, on, skipUnknown,
        absent, pageSize, description, progress);
  }

  public ReadOptions withSkipUnknown(boolean on) {
    return new ReadOptions(load, configuration, checkMachine, sectionFooters, readVmdesc, on,
        absent, pageSize, description, progress);
  }

  public ReadOptions withAbsent(Absent absent) {
    return new ReadOptions(load, configuration, checkMachine, sectionFooters, readVmdesc,
        skipUnknown, absent, pageSize, description, progress);
  }

  public ReadOptions withPageSize(int pageSize) {
    return new ReadOptions(load, configuration, checkMachine, sectionFooters, readVmdesc,
        skipUnknown, absent, pageSize, description, progress);
  }

  public ReadOptions withDescription(@Nullable String json) {
    return new ReadOptions(load, configuration, checkMachine, sectionFooters, readVmdesc,
        skipUnknown, absent, pageSize, json, progress);
  }

  public ReadOptions withProgress(@Nullable Progress progress) {
    return new ReadOptions(load, configuration, checkMachine, sectionFooters, readVmdesc,
        skipUnknown, absent, pageSize, description, progress);
  }
}
