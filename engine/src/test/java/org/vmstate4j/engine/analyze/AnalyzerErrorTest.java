package org.vmstate4j.engine.analyze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmstate4j.engine.VmStateLoadException;

/** Malformed streams fail with VmStateLoadException naming the offset, and with nothing else. */
class AnalyzerErrorTest {
  private static final int NONE_EOF = 255;

  @TempDir Path dir;

  private VmStateLoadException failure(byte[] stream) throws IOException {
    Path file = Files.write(dir.resolve("bad.mig"), stream);
    return catchThrowableOfType(VmStateLoadException.class, () -> StreamAnalyzer.open(file));
  }

  private VmStateLoadException failure(TestStream stream) throws IOException {
    return failure(stream.bytes());
  }

  private static byte[] none() throws IOException {
    return Files.readAllBytes(QemuSampleTest.sample("none.mig"));
  }

  @Test
  void badMagic() throws IOException {
    byte[] b = none();
    b[0] = 'X';
    VmStateLoadException e = failure(b);
    assertThat(e.offset()).isZero();
    assertThat(e.reason()).startsWith("Not a migration stream, magic: 5845564d != 5145564d");
  }

  @Test
  void badVersion() throws IOException {
    byte[] b = none();
    b[7] = 2;
    VmStateLoadException e = failure(b);
    assertThat(e.offset()).isEqualTo(4);
    assertThat(e.reason()).contains("obsolete");
    b[7] = 4;
    e = failure(b);
    assertThat(e.offset()).isEqualTo(4);
    assertThat(e.reason()).startsWith("Unsupported migration stream version");
  }

  @Test
  void streamDataTruncatedAtEveryOffset() throws IOException {
    byte[] b = none();
    byte[] vmdesc = Arrays.copyOfRange(b, NONE_EOF + 1, b.length);
    for (int cut = 0; cut <= NONE_EOF; cut++) {
      byte[] truncated = new byte[cut + vmdesc.length];
      System.arraycopy(b, 0, truncated, 0, cut);
      System.arraycopy(vmdesc, 0, truncated, cut, vmdesc.length);
      VmStateLoadException e = failure(truncated);
      assertThat(e).as("cut at %d", cut).isNotNull();
      assertThat(e.offset()).as("cut at %d", cut).isBetween(0L, (long) cut);
    }
  }

  @Test
  void pcMinTruncatedInsideRamAndDevices() throws IOException {
    byte[] b = Files.readAllBytes(QemuSampleTest.sample("pc-min.mig"));
    int eof = 251862;
    byte[] vmdesc = Arrays.copyOfRange(b, eof + 1, b.length);
    for (int cut : new int[] {9, 30, 100, 196, 5000, 150000, 238990, 239030, 241400, 243200, eof}) {
      byte[] truncated = new byte[cut + vmdesc.length];
      System.arraycopy(b, 0, truncated, 0, cut);
      System.arraycopy(vmdesc, 0, truncated, cut, vmdesc.length);
      VmStateLoadException e = failure(truncated);
      assertThat(e).as("cut at %d", cut).isNotNull();
      assertThat(e.offset()).as("cut at %d", cut).isBetween(0L, (long) cut);
    }
    VmStateLoadException inFwCfg = failure(cutAt(b, vmdesc, 241361 + 53));
    assertThat(inFwCfg.path()).isEqualTo("fw_cfg/fw_cfg/acpi_mr/table_mr_size");
    assertThat(inFwCfg.reason()).isEqualTo("unexpected end of stream");
  }

  private static byte[] cutAt(byte[] b, byte[] vmdesc, int cut) {
    byte[] truncated = new byte[cut + vmdesc.length];
    System.arraycopy(b, 0, truncated, 0, cut);
    System.arraycopy(vmdesc, 0, truncated, cut, vmdesc.length);
    return truncated;
  }

  @Test
  void fileTruncatedSoTheVmdescIsIncomplete() throws IOException {
    byte[] b = none();
    for (int cut : new int[] {0, 4, 100, NONE_EOF + 1, NONE_EOF + 3, NONE_EOF + 6, b.length - 1}) {
      VmStateLoadException e = failure(Arrays.copyOf(b, cut));
      assertThat(e).as("cut at %d", cut).isNotNull();
      assertThat(e.offset()).as("cut at %d", cut).isGreaterThanOrEqualTo(0);
    }
    assertThat(failure(Arrays.copyOf(b, 100)).reason()).isEqualTo("No Debug Migration device found");
  }

  private static final String TWO_DEVICES = """
      {"page_size": 4096, "devices": [
       {"name": "a", "instance_id": 0, "vmsd_name": "a", "version": 1,
        "fields": [{"name": "x", "type": "uint8", "size": 1}]},
       {"name": "b", "instance_id": 0, "vmsd_name": "b", "version": 1,
        "fields": [{"name": "y", "type": "uint8", "size": 1}],
        "subsections": [{"vmsd_name": "b/sub", "version": 1,
          "fields": [{"name": "z", "type": "uint16", "size": 2}]}]}]}""";

  @Test
  void missingFooter() throws IOException {
    TestStream s = TestStream.header().full(0, "a", 0, 1).u8(1).footer(0);
    int bData = s.full(1, "b", 0, 1).size();
    s.u8(2).subsection("b/sub", 1).u16(3);
    int bEnd = s.size();
    s.full(0, "a", 0, 1).u8(1).footer(0).eof().vmdesc(TWO_DEVICES);
    VmStateLoadException e = failure(s);
    assertThat(e.reason()).isEqualTo("Missing section footer for b");
    assertThat(e.offset()).isEqualTo(bEnd);
    assertThat(e.expected()).isEqualTo("0x7e");
    assertThat(bData).isLessThan(bEnd);
  }

  @Test
  void mismatchedFooterId() throws IOException {
    TestStream s = TestStream.header().full(0, "a", 0, 1).u8(1);
    int footer = s.size();
    s.footer(7).eof().vmdesc(TWO_DEVICES);
    VmStateLoadException e = failure(s);
    assertThat(e.reason()).isEqualTo("Mismatched section id in footer for a - read 0x7 expected 0x0");
    assertThat(e.offset()).isEqualTo(footer + 1);
  }

  @Test
  void unknownSectionType() throws IOException {
    TestStream s = TestStream.header().full(0, "a", 0, 1).u8(1).footer(0);
    int at = s.size();
    s.u8(0x09).eof().vmdesc(TWO_DEVICES);
    VmStateLoadException e = failure(s);
    assertThat(e.reason()).isEqualTo("Unknown section type 9");
    assertThat(e.offset()).isEqualTo(at);
  }

  @Test
  void sectionNotInTheVmdesc() throws IOException {
    VmStateLoadException e = failure(
        TestStream.header().full(0, "c", 0, 1).u8(1).footer(0).eof().vmdesc(TWO_DEVICES));
    assertThat(e.reason()).startsWith("Unknown section or instance 'c' 0");
    assertThat(e.offset()).isEqualTo(8);
  }

  @Test
  void partOfAnUnknownSection() throws IOException {
    VmStateLoadException e = failure(
        TestStream.header().part(5).u64(0x10).footer(5).eof().vmdesc(TWO_DEVICES));
    assertThat(e.reason()).isEqualTo("Unknown section 5");
    assertThat(e.offset()).isEqualTo(9);
  }

  @Test
  void missingSubsectionNamesSectionAndOffset() throws IOException {
    TestStream s = TestStream.header().full(1, "b", 0, 1).u8(2);
    int at = s.size();
    s.footer(1).eof().vmdesc(TWO_DEVICES);
    VmStateLoadException e = failure(s);
    assertThat(e.reason()).isEqualTo("Subsection b/sub not found");
    assertThat(e.offset()).isEqualTo(at);
    assertThat(e.path()).isEqualTo("b");
    assertThat(e.found()).isEqualTo("0x7e");
  }

  @Test
  void ramErrors() throws IOException {
    VmStateLoadException version = failure(TestStream.header().start(2, "ram", 0, 3)
        .u64(0x10).footer(2).eof().vmdesc(TWO_DEVICES));
    assertThat(version.reason()).isEqualTo("Unknown RAM version 3");
    TestStream s = TestStream.header().start(2, "ram", 0, 4);
    int at = s.size();
    s.u64(0x1001).footer(2).eof().vmdesc(TWO_DEVICES);
    VmStateLoadException flags = failure(s);
    assertThat(flags.reason()).isEqualTo("Unknown RAM flags: 1");
    assertThat(flags.offset()).isEqualTo(at);
    assertThat(flags.path()).isEqualTo("ram");
  }

  @Test
  void descriptionErrorsAreLoadErrors() throws IOException {
    String[] fields = {
      "{\"name\": \"x\", \"array_len\": 9223372036854775807, \"type\": \"uint8\", \"size\": 1}",
      "{\"name\": \"x\", \"array_len\": 9223372036854775807, \"type\": \"buffer\", \"size\": 0}",
      "{\"name\": \"x\", \"type\": \"buffer\", \"size\": 4294967296000}",
      "{\"name\": \"x\", \"type\": \"buffer\", \"size\": -1}",
      "{\"name\": \"x\", \"type\": \"buffer\", \"size\": \"many\"}",
      "{\"name\": \"x\", \"type\": \"uint32\"}",
      "{\"name\": \"x\", \"type\": \"uint32\", \"size\": 0}",
      "{\"name\": \"x\", \"type\": \"bool\", \"size\": 0}",
      "{\"name\": \"x\", \"type\": \"nullptr\", \"size\": 1}",
      "{\"name\": \"x\", \"type\": \"struct\", \"size\": 1}",
      "{\"name\": \"x\", \"type\": \"struct\", \"struct\": {\"fields\": 3}}",
      "{\"type\": \"uint8\", \"size\": 1}",
      "{\"name\": \"x\", \"array_len\": \"2\", \"type\": \"uint8\", \"size\": 1}",
      "7",
      nested(400),
    };
    for (String field : fields) {
      String desc = "{\"page_size\": 4096, \"devices\": [{\"name\": \"a\", \"instance_id\": 0,"
          + " \"fields\": [" + field + "]}]}";
      VmStateLoadException e = failure(
          TestStream.header().full(0, "a", 0, 1).u8(1).footer(0).eof().vmdesc(desc));
      assertThat(e).as(field).isNotNull();
      assertThat(e.offset()).as(field).isGreaterThanOrEqualTo(0);
    }
  }

  private static String nested(int depth) {
    String field = "{\"name\": \"x\", \"type\": \"uint8\", \"size\": 1}";
    for (int i = 0; i < depth; i++) {
      field = "{\"name\": \"s\", \"type\": \"struct\", \"struct\": {\"fields\": [" + field + "]}}";
    }
    return field;
  }

  @Test
  void vmdescProblems() throws IOException {
    assertThat(failure(TestStream.header().eof().vmdesc("{\"devices\": [}")).reason())
        .startsWith("vmdesc is not valid JSON");
    assertThat(failure(TestStream.header().eof().vmdesc("{\"page_size\": 4096}")).reason())
        .isEqualTo("vmdesc has no \"devices\" list");
    assertThat(failure(TestStream.header().eof().vmdesc(
        "{\"page_size\": 4096, \"devices\": [{\"name\": \"a\", \"instance_id\": 0}]}")).reason())
        .isEqualTo("vmstate for device a has no fields");
    assertThat(failure(TestStream.header().eof().vmdesc("{\"devices\": []}")).reason())
        .isEqualTo("vmdesc has no valid page_size");
  }

  @Test
  void describeChecksHeaderButNotSections() throws IOException {
    Path file = Files.write(dir.resolve("d.mig"), TestStream.header().u8(0x09).eof()
        .vmdesc("{\"page_size\": 4096, \"devices\": []}").bytes());
    assertThat(StreamAnalyzer.describe(file))
        .isEqualTo("{\n    \"page_size\": 4096,\n    \"devices\": []\n}\n");
    assertThatThrownBy(() -> StreamAnalyzer.open(file)).isInstanceOf(VmStateLoadException.class);
  }

  @Test
  void randomCorruptionOnlyEverFailsWithLoadErrors() throws IOException {
    byte[][] originals = {none(), GeneratedStreams.kitchenSink().bytes(),
        GeneratedStreams.configurationWithSubsections(false).bytes()};
    Random random = new Random(20240607);
    Path file = dir.resolve("fuzz.mig");
    for (int round = 0; round < 3000; round++) {
      byte[] original = originals[round % originals.length];
      byte[] b = original.clone();
      int flips = 1 + random.nextInt(4);
      for (int i = 0; i < flips; i++) {
        int at = random.nextInt(b.length);
        b[at] = random.nextInt(3) == 0 ? (byte) 0 : (byte) random.nextInt(256);
      }
      if (random.nextInt(10) == 0) {
        b = Arrays.copyOf(b, random.nextInt(b.length));
      }
      Files.write(file, b);
      try {
        StreamAnalyzer.open(file).dumpState();
      } catch (VmStateLoadException e) {
        assertThat(e.getMessage()).isNotBlank();
        assertThat(e.reason()).doesNotStartWith("malformed stream:");
      }
    }
  }
}
