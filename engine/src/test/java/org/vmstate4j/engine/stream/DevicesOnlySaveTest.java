package org.vmstate4j.engine.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmstate4j.engine.VmStateSaveException;

/**
 * A registry filled from a stream whose other sections were skipped cannot be saved as if it
 * were the whole machine: the save names what it would drop, unless a devices-only stream is
 * asked for.
 */
class DevicesOnlySaveTest {
  @TempDir Path tmp;

  static Registry timerOnly() {
    Registry r = new Registry("pc-i440fx-7.2");
    r.register("timer", 0, TestDevices.TIMER, new TestDevices.Timer());
    return r;
  }

  @Test
  void saveAfterALoadThatSkippedSectionsIsRefusedNamingThem() throws Exception {
    Registry r = timerOnly();
    LoadResult loaded = MigrationStreams.load(r, QemuSampleStreamTest.sample("pc-min.mig"),
        ReadOptions.DEFAULT.withSkipUnknown(true));
    assertThat(loaded.skipped()).isNotEmpty();
    assertThat(r.skippedOnLoad()).extracting(SectionInfo::idstr)
        .startsWith("ram", "cpu_common", "cpu").contains("mc146818rtc", "globalstate")
        .doesNotContain("timer");
    // RAM's START, PART and END sections count once
    assertThat(r.skippedOnLoad()).extracting(SectionInfo::sectionId).doesNotHaveDuplicates();
    assertThat(r.skippedOnLoad()).filteredOn(s -> s.idstr().equals("ram")).hasSize(1);

    Path out = tmp.resolve("devices.mig");
    assertThatThrownBy(() -> MigrationStreams.save(r, out))
        .isInstanceOf(VmStateSaveException.class)
        .hasMessageContaining("refusing to save: the registry was loaded from a stream whose"
            + " sections 'ram' 0, 'cpu_common' 0, 'cpu' 0, ")
        .hasMessageContaining("and " + (r.skippedOnLoad().size() - 12) + " more were skipped")
        .hasMessageContaining("WriteOptions.withDevicesOnly(true)")
        .hasMessageContaining("StreamEdit")
        .hasMessageContaining("expected every section of the stream the registry was loaded"
            + " from, found " + r.skippedOnLoad().size() + " sections skipped by the load");
    assertThat(out).doesNotExist();
    assertThatThrownBy(() -> MigrationStreams.save(r, new ByteArrayOutputStream()))
        .isInstanceOf(VmStateSaveException.class);
    assertThatThrownBy(() -> MigrationStreams.toBytes(r))
        .isInstanceOf(VmStateSaveException.class);

    // asked for explicitly, the stream holds the one registered device
    SaveResult saved = MigrationStreams.save(r, out, WriteOptions.DEFAULT.withDevicesOnly(true));
    assertThat(saved.sections()).extracting(SectionInfo::idstr).containsExactly("timer");
    assertThat(Files.size(out)).isEqualTo(saved.bytes());
  }

  @Test
  void aLoadThatSkippedNothingOrADryRunDoesNotBlockSaving() throws Exception {
    Registry r = timerOnly();
    byte[] mine = MigrationStreams.toBytes(r);
    MigrationStreams.load(r, mine, ReadOptions.DEFAULT);
    assertThat(r.skippedOnLoad()).isEmpty();
    assertThat(MigrationStreams.toBytes(r)).isEqualTo(mine);

    Registry dry = timerOnly();
    MigrationStreams.load(dry, QemuSampleStreamTest.sample("pc-min.mig"),
        ReadOptions.DEFAULT.withSkipUnknown(true).withDryRun(true));
    assertThat(dry.skippedOnLoad()).isEmpty();
    assertThat(MigrationStreams.toBytes(dry)).isEqualTo(mine);
  }

  @Test
  void theLastLoadDecides() throws Exception {
    Registry r = timerOnly();
    MigrationStreams.load(r, QemuSampleStreamTest.sample("pc-min.mig"),
        ReadOptions.DEFAULT.withSkipUnknown(true));
    assertThat(r.skippedOnLoad()).isNotEmpty();
    byte[] timerStream = MigrationStreams.toBytes(timerOnly());
    MigrationStreams.load(r, timerStream, ReadOptions.DEFAULT);
    assertThat(r.skippedOnLoad()).isEmpty();
    assertThat(MigrationStreams.toBytes(r)).isNotEmpty();
  }
}
