package org.vmstate4j.engine.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmstate4j.engine.VmStateLoadException;
import org.vmstate4j.engine.codec.Codecs;
import org.vmstate4j.engine.model.VmStateDescription;
import org.vmstate4j.engine.model.VmStateField;
import org.vmstate4j.engine.model.VmsFlags;
import org.vmstate4j.engine.stream.TestDevices.OneByte;
import org.vmstate4j.engine.stream.TestDevices.Pic;
import org.vmstate4j.engine.stream.TestDevices.Timer;
import org.vmstate4j.engine.testing.NvmeLiteModel;
import org.vmstate4j.engine.testing.NvmeLiteModel.Ctrl;

/** Every reader error, with QEMU's wording and the byte offset. */
class StreamReaderErrorsTest {
  static final String UNKNOWN_TAIL = ". Make sure that your current VM setup matches your saved"
      + " VM setup, including any hotplugged devices";

  /** Running out of bytes, or a count the stream's known length cannot hold. */
  static final String TRUNCATED =
      "(?s).*(unexpected end of stream|count larger than the stream).*";

  @TempDir Path dir;

  /** Source: port92 (section 0), timer (1), pic 0 (2), pic 1 (3) on machine "pc". */
  static final class Source {
    final Registry registry = new Registry("pc");
    final byte[] bytes;
    final SaveResult saved;

    Source(WriteOptions options) {
      OneByte p = new OneByte();
      p.value = 0x42;
      Timer t = new Timer();
      t.cpuTicksOffset = 0x1111;
      t.cpuClockOffset = 0x2222;
      Pic a = new Pic();
      a.regs = new byte[] {1, 2, 3, 4};
      Pic b = new Pic();
      b.regs = new byte[] {5, 6, 7, 8};
      registry.register("port92", 0, TestDevices.oneByte("port92", "outport"), p);
      registry.register(TestDevices.TIMER, t);
      registry.register("pic", 0, TestDevices.PIC, a);
      registry.register("pic", 1, TestDevices.PIC, b);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      saved = new StreamWriter(registry, options).write(out);
      bytes = out.toByteArray();
    }

    Source() {
      this(WriteOptions.DEFAULT);
    }

    SectionInfo section(String idstr) {
      return saved.sections().stream().filter(s -> s.idstr().equals(idstr)).findFirst()
          .orElseThrow();
    }

    /** Offset of the EOF byte. */
    int eof() {
      SectionInfo last = saved.sections().get(saved.sections().size() - 1);
      return (int) last.dataEnd() + 5;
    }
  }

  /** Destination devices, in a recognisable state. */
  static final class Dest {
    final Registry registry;
    final OneByte port = new OneByte();
    final Timer timer = new Timer();
    final Pic pic0 = new Pic();
    final Pic pic1 = new Pic();

    Dest(String machine, VmStateDescription timerDesc, boolean withPic1) {
      registry = new Registry(machine);
      port.value = 9;
      timer.cpuTicksOffset = 77;
      pic0.regs = new byte[] {9, 9, 9, 9};
      registry.register("port92", 0, TestDevices.oneByte("port92", "outport"), port);
      registry.register("timer", 0, timerDesc, timer);
      registry.register("pic", 0, TestDevices.PIC, pic0);
      if (withPic1) {
        registry.register("pic", 1, TestDevices.PIC, pic1);
      }
    }

    Dest() {
      this("pc", TestDevices.TIMER, true);
    }

    void assertUntouched() {
      assertThat(port.value).isEqualTo((byte) 9);
      assertThat(timer.cpuTicksOffset).isEqualTo(77);
      assertThat(timer.cpuClockOffset).isZero();
      assertThat(pic0.regs).containsExactly(9, 9, 9, 9);
      assertThat(pic1.regs).containsExactly(0, 0, 0, 0);
    }
  }

  static AbstractThrowableAssert<?, ? extends Throwable> loadFails(Dest d, byte[] bytes,
      ReadOptions o) {
    return assertThatThrownBy(() -> new StreamReader(d.registry, o).read(bytes))
        .isInstanceOf(VmStateLoadException.class);
  }

  static AbstractThrowableAssert<?, ? extends Throwable> loadFails(Dest d, byte[] bytes) {
    return loadFails(d, bytes, ReadOptions.DEFAULT);
  }

  static long offset(Dest d, byte[] bytes) {
    try {
      new StreamReader(d.registry).read(bytes);
    } catch (VmStateLoadException e) {
      return e.offset();
    }
    throw new AssertionError("no error");
  }

  @Test
  void badMagic() {
    byte[] b = new Source().bytes;
    b[0] = 'X';
    loadFails(new Dest(), b)
        .hasMessageContaining("@0 (0x0): Not a migration stream, magic: 5845564d != 5145564d");
  }

  @Test
  void obsoleteVersion2() {
    byte[] b = new Source().bytes;
    b[7] = 2;
    loadFails(new Dest(), b)
        .hasMessageContaining("SaveVM v2 format is obsolete and no longer supported");
  }

  @Test
  void unsupportedVersion() {
    byte[] b = new Source().bytes;
    b[7] = 4;
    loadFails(new Dest(), b)
        .hasMessageContaining("Unsupported migration stream version, file version 4 != 3");
  }

  @Test
  void configurationSectionMissing() {
    byte[] b = new Source(WriteOptions.DEFAULT.withConfiguration(false)).bytes;
    loadFails(new Dest(), b)
        .hasMessageContaining("@8 (0x8): Configuration section missing (expected 0x07, found 0x04)");
    // accepted when the reader does not expect one
    LoadResult r = new StreamReader(new Dest().registry,
        ReadOptions.DEFAULT.withConfiguration(false)).read(b);
    assertThat(r.machineName()).isNull();
    assertThat(r.loaded()).hasSize(4);
  }

  @Test
  void machineNameMismatch() {
    byte[] b = new Source().bytes;
    Dest d = new Dest("q35", TestDevices.TIMER, true);
    loadFails(d, b).hasMessageContaining("Machine type received is 'pc' and local is 'q35'");
    d.assertUntouched();
    // QEMU compares only the received length: "pc" matches a local "pc-i440fx-7.2"
    assertThat(new StreamReader(new Dest("pc-i440fx-7.2", TestDevices.TIMER, true).registry)
        .read(b).loaded()).hasSize(4);
    assertThat(new StreamReader(d.registry, ReadOptions.DEFAULT.withMachineCheck(false))
        .read(b).machineName()).isEqualTo("pc");
  }

  @Test
  void unknownSection() {
    Source s = new Source();
    Registry r = new Registry("pc");
    OneByte p = new OneByte();
    r.register("port92", 0, TestDevices.oneByte("port92", "outport"), p);
    long at = s.section("timer").headerOffset();
    assertThatThrownBy(() -> new StreamReader(r).read(s.bytes))
        .isInstanceOf(VmStateLoadException.class)
        .hasMessageContaining("@" + at + " ")
        .hasMessageContaining("Unknown section or instance 'timer' 0" + UNKNOWN_TAIL)
        .hasMessageContaining("(expected registered: 'port92' 0, found 'timer' 0)");
    assertThat(p.value).isZero();
  }

  @Test
  void unknownInstance() {
    Source s = new Source();
    Dest d = new Dest("pc", TestDevices.TIMER, false);
    loadFails(d, s.bytes)
        .hasMessageContaining("Unknown section or instance 'pic' 1" + UNKNOWN_TAIL)
        .hasMessageContaining("registered: 'port92' 0, 'timer' 0, 'pic' 0");
    d.assertUntouched();
  }

  static VmStateDescription timer(int version, int minimum, boolean lastField) {
    VmStateDescription.Builder b = VmStateDescription.builder("timer")
        .versionId(version).minimumVersionId(minimum)
        .field(TestDevices.scalar(Timer.class, "cpu_ticks_offset", "cpuTicksOffset",
            Codecs.INT64))
        .field(VmStateField.builder("unused").flags(VmsFlags.BUFFER)
            .codec(Codecs.UNUSED_BUFFER).size(8).build());
    if (lastField) {
      b.field(TestDevices.scalar(Timer.class, "cpu_clock_offset", "cpuClockOffset",
          Codecs.INT64));
    }
    return b.build();
  }

  @Test
  void versionTooNew() {
    Source s = new Source();
    Dest d = new Dest("pc", timer(1, 1, true), true);
    loadFails(d, s.bytes)
        .hasMessageContaining("@" + s.section("timer").headerOffset() + " ")
        .hasMessageContaining("unsupported version 2 for 'timer' v1");
    d.assertUntouched();
  }

  @Test
  void versionTooOld() {
    Source s = new Source();
    Dest d = new Dest("pc", timer(4, 3, true), true);
    loadFails(d, s.bytes)
        .hasMessageContaining("error while loading state for instance 0x0 of device 'timer': ")
        .hasMessageContaining("incoming version_id 2 is too old for local minimum version_id 3");
    d.assertUntouched();
  }

  @Test
  void missingFooter() {
    Source s = new Source();
    Dest d = new Dest("pc", timer(2, 1, false), true);
    SectionInfo t = s.section("timer");
    loadFails(d, s.bytes)
        .hasMessageContaining("@" + (t.dataEnd() - 8) + " ")
        .hasMessageContaining("Missing section footer for timer (expected 0x7e, found 0x00)");
    d.assertUntouched();
  }

  @Test
  void truncatedFooterNamesTheSection() {
    Source s = new Source();
    SectionInfo t = s.section("timer");
    byte[] b = Arrays.copyOf(s.bytes, (int) t.dataEnd() + 2);
    Dest d = new Dest();
    loadFails(d, b).hasMessage("@" + (t.dataEnd() + 1) + " (0x" + Long.toHexString(t.dataEnd() + 1)
        + "): Read section footer failed for 'timer' instance 0x0 (section id 0x1):"
        + " unexpected end of stream (expected 4 more bytes, found 1 bytes)");
    d.assertUntouched();
  }

  @Test
  void versionTooOldSaysEachThingOnce() {
    Source s = new Source();
    Dest d = new Dest("pc", timer(4, 3, true), true);
    loadFails(d, s.bytes).hasMessage("@" + s.section("timer").dataOffset() + " (0x"
        + Long.toHexString(s.section("timer").dataOffset()) + "): error while loading state for"
        + " instance 0x0 of device 'timer': incoming version_id 2 is too old for local minimum"
        + " version_id 3 (expected version >= 3, found 2)");
  }

  @Test
  void mismatchedFooterId() {
    Source s = new Source();
    SectionInfo t = s.section("timer");
    s.bytes[(int) t.dataEnd() + 4] = 9;
    Dest d = new Dest();
    loadFails(d, s.bytes).hasMessageContaining(
        "Mismatched section id in footer for timer - read 0x9 expected 0x1");
    d.assertUntouched();
  }

  @Test
  void unknownSectionType() {
    Source s = new Source();
    SectionInfo t = s.section("pic");
    s.bytes[(int) t.headerOffset()] = 9;
    Dest d = new Dest();
    loadFails(d, s.bytes)
        .hasMessageContaining("@" + t.headerOffset() + " ")
        .hasMessageContaining("Unknown section type 9");
    d.assertUntouched();
  }

  @Test
  void unknownSectionIdInPart() {
    byte[] head = Arrays.copyOf(new Source().bytes, 15);
    byte[] part = HexFormat.of().parseHex("0200000009");
    byte[] b = Arrays.copyOf(head, head.length + part.length);
    System.arraycopy(part, 0, b, head.length, part.length);
    loadFails(new Dest(), b).hasMessageContaining("@15 (0xf): Unknown section 9");
  }

  @Test
  void truncationAnywhereIsAnErrorWithItsOffsetAndChangesNothing() {
    Source s = new Source();
    for (int cut = 0; cut <= s.eof(); cut++) {
      byte[] b = Arrays.copyOf(s.bytes, cut);
      Dest d = new Dest();
      loadFails(d, b).hasMessageMatching(TRUNCATED);
      // the offset is that of the item that could not be read whole
      assertThat(offset(new Dest(), b)).isBetween(cut - 20L, (long) cut);
      d.assertUntouched();
    }
    // cut inside the timer's data: the message names the device and the field
    SectionInfo t = s.section("timer");
    byte[] b = Arrays.copyOf(s.bytes, (int) t.dataOffset() + 20);
    loadFails(new Dest(), b).hasMessageContaining(
        "error while loading state for instance 0x0 of device 'timer': timer/cpu_clock_offset:"
            + " unexpected end of stream");
    // ending right after EOF is only a warning (no JSON description)
    LoadResult r = new StreamReader(new Dest().registry)
        .read(Arrays.copyOf(s.bytes, s.eof() + 1));
    assertThat(r.warnings())
        .containsExactly("Expected vmdescription section, but got the end of the stream");
  }

  @Test
  void truncatedFileAndStreamToo() throws Exception {
    Source s = new Source();
    Path f = dir.resolve("cut.mig");
    Files.write(f, Arrays.copyOf(s.bytes, (int) s.section("pic").dataOffset() + 2));
    Dest d = new Dest();
    assertThatThrownBy(() -> MigrationStreams.load(d.registry, f, ReadOptions.DEFAULT))
        .isInstanceOf(VmStateLoadException.class)
        .hasMessageMatching(TRUNCATED);
    d.assertUntouched();
    Dest e = new Dest();
    assertThatThrownBy(() -> MigrationStreams.load(e.registry,
        new ByteArrayInputStream(Files.readAllBytes(f)), ReadOptions.DEFAULT))
        .isInstanceOf(VmStateLoadException.class)
        .hasMessageMatching(TRUNCATED);
    e.assertUntouched();
  }

  @Test
  void absentDevicesAreReportedOrAnError() {
    Source s = new Source();
    Dest d = new Dest();
    OneByte extra = new OneByte();
    extra.value = 3;
    d.registry.register("extra", 0, TestDevices.oneByte("extra", "v"), extra);
    LoadResult r = new StreamReader(d.registry).read(s.bytes);
    assertThat(r.absent()).extracting(Registry.Entry::label).containsExactly("'extra' 0");

    Dest e = new Dest();
    e.registry.register("extra", 0, TestDevices.oneByte("extra", "v"), extra);
    loadFails(e, s.bytes, ReadOptions.DEFAULT.withAbsent(ReadOptions.Absent.ERROR))
        .hasMessageContaining("registered devices have no section in the stream: 'extra' 0");
    e.assertUntouched();
  }

  @Test
  void errorInsideADeviceNamesItAndRestoresTheOthers() {
    Registry src = new Registry("pc");
    OneByte p = new OneByte();
    p.value = 1;
    src.register("port92", 0, TestDevices.oneByte("port92", "outport"), p);
    src.register("nvme-lite", 0, NvmeLiteModel.NVME_LITE_NO_HOOKS, TestDevices.nvme());
    byte[] b = new StreamWriter(src).toBytes();

    Registry dst = new Registry("pc");
    OneByte q = new OneByte();
    Ctrl n = Ctrl.configured(2);
    dst.register("port92", 0, TestDevices.oneByte("port92", "outport"), q);
    dst.register("nvme-lite", 0, NvmeLiteModel.NVME_LITE_NO_HOOKS, n);
    assertThatThrownBy(() -> new StreamReader(dst).read(b))
        .isInstanceOf(VmStateLoadException.class)
        .hasMessageContaining("error while loading state for instance 0x0 of device"
            + " 'nvme-lite': nvme-lite/num_queues: ")
        .satisfies(e -> assertThat(e.getCause()).isInstanceOf(VmStateLoadException.class));
    assertThat(q.value).isZero();
    assertThat(n.cc).isZero();
  }

  @Test
  void skippingNeedsTheStreamsDescription() throws Exception {
    Source s = new Source();
    Dest d = new Dest("pc", TestDevices.TIMER, false);
    ReadOptions skip = ReadOptions.DEFAULT.withSkipUnknown(true);
    assertThatThrownBy(() -> new StreamReader(d.registry, skip)
        .read(new ByteArrayInputStream(s.bytes)))
        .isInstanceOf(VmStateLoadException.class)
        .hasMessageContaining("Unknown section or instance 'pic' 1" + UNKNOWN_TAIL
            + "; it cannot be skipped: reading from an InputStream: pass the stream's JSON"
            + " description with ReadOptions.withDescription, or read from a Path");
    d.assertUntouched();

    // with the description given, from a file, or in memory, it is skipped
    LoadResult a = new StreamReader(d.registry, skip.withDescription(s.saved.vmdesc()))
        .read(new ByteArrayInputStream(s.bytes));
    Path f = dir.resolve("s.mig");
    Files.write(f, s.bytes);
    LoadResult b = new StreamReader(new Dest("pc", TestDevices.TIMER, false).registry, skip)
        .read(f);
    LoadResult c = new StreamReader(new Dest("pc", TestDevices.TIMER, false).registry, skip)
        .read(s.bytes);
    for (LoadResult r : new LoadResult[] {a, b, c}) {
      assertThat(r.loaded()).extracting(SectionInfo::idstr)
          .containsExactly("port92", "timer", "pic");
      assertThat(r.skipped()).hasSize(1);
      assertThat(r.skipped().get(0).section()).isEqualTo(s.saved.sections().get(3));
      assertThat(r.skipped().get(0).how())
          .isEqualTo("size from the stream's JSON description (5 bytes)");
    }
    assertThat(d.pic0.regs).containsExactly(1, 2, 3, 4);

    // without a description in the file
    Source bare = new Source(WriteOptions.DEFAULT.withVmdesc(false));
    Files.write(f, bare.bytes);
    Dest e = new Dest("pc", TestDevices.TIMER, false);
    assertThatThrownBy(() -> new StreamReader(e.registry, skip).read(f))
        .hasMessageContaining("it cannot be skipped: the file has no JSON description at its end");
    e.assertUntouched();
  }

  @Test
  void descriptionProblemsAreWarnings() {
    Source s = new Source();
    byte[] extra = Arrays.copyOf(s.bytes, s.bytes.length + 3);
    LoadResult r = new StreamReader(new Dest().registry).read(extra);
    assertThat(r.warnings()).containsExactly("3 bytes follow the JSON description at "
        + s.bytes.length);
    assertThat(r.vmdesc()).isEqualTo(s.saved.vmdesc());

    byte[] other = Arrays.copyOf(s.bytes, s.eof() + 2);
    other[s.eof() + 1] = 0x42;
    assertThat(new StreamReader(new Dest().registry).read(other).warnings())
        .containsExactly("Expected vmdescription section, but got 66 (at " + (s.eof() + 1) + ")");

    byte[] broken = s.bytes.clone();
    broken[broken.length - 1] = 'x';
    assertThat(new StreamReader(new Dest().registry).read(broken).warnings()).singleElement()
        .asString().startsWith("the JSON description is not usable: not valid JSON");

    byte[] cut = Arrays.copyOf(s.bytes, s.bytes.length - 10);
    assertThat(new StreamReader(new Dest().registry).read(cut).warnings()).singleElement()
        .asString().contains("only " + (s.bytes.length - 10 - s.eof() - 6) + " remain");

    assertThat(new StreamReader(new Dest().registry, ReadOptions.DEFAULT.withReadVmdesc(false))
        .read(Arrays.copyOf(s.bytes, s.eof() + 1)).warnings()).isEmpty();
  }

  @Test
  void commands() {
    Source s = new Source();
    int at = (int) s.section("timer").headerOffset();
    byte[] ping = HexFormat.of().parseHex("08 0002 0004 00000001".replace(" ", ""));
    byte[] b = new byte[s.bytes.length + ping.length];
    System.arraycopy(s.bytes, 0, b, 0, at);
    System.arraycopy(ping, 0, b, at, ping.length);
    System.arraycopy(s.bytes, at, b, at + ping.length, s.bytes.length - at);
    assertThat(new StreamReader(new Dest().registry).read(b).loaded()).hasSize(4);

    b[at + 2] = 7; // PACKAGED
    loadFails(new Dest(), b)
        .hasMessageContaining("@" + at + " ")
        .hasMessageContaining("MIG_CMD 0x7 (len 0x4) is not supported in a stream file");
    b[at + 2] = 11; // SWITCHOVER_START with a length
    loadFails(new Dest(), b).hasMessageContaining(
        "CMD_SWITCHOVER_START received with bad length - expecting 0, got 4");
  }

  @Test
  void configurationSubsections() {
    byte[] s = new Source().bytes;
    // configuration "pc" + target-page-bits 12 + capabilities [x-ignore-shared] + uuid
    String sub = "05 1e" + hex("configuration/target-page-bits") + "00000001 0000000c"
        + "05 1a" + hex("configuration/capabilities") + "00000001 00000001 0f"
        + hex("x-ignore-shared")
        + "05 12" + hex("configuration/uuid") + "00000001" + "00".repeat(16);
    byte[] ins = HexFormat.of().parseHex(sub.replace(" ", ""));
    byte[] b = new byte[s.length + ins.length];
    System.arraycopy(s, 0, b, 0, 15);
    System.arraycopy(ins, 0, b, 15, ins.length);
    System.arraycopy(s, 15, b, 15 + ins.length, s.length - 15);
    assertThat(new StreamReader(new Dest().registry).read(b).loaded()).hasSize(4);

    byte[] bad = b.clone();
    bad[17 + "configuration/".length()] = 'X';
    loadFails(new Dest(), bad).hasMessageContaining(
        "VM subsection 'configuration/Xarget-page-bits' in 'configuration' does not exist");
  }

  static String hex(String ascii) {
    return StreamFormatTest.hex(ascii);
  }
}
