package org.vmstate4j.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vmstate edit}: generic edits by analyze's paths; diff then shows exactly them. */
class EditSubcommandTest {
  @TempDir Path tmp;

  private static String pcMin() throws Exception {
    return MainTest.stream("pc-min.mig").toString();
  }

  @Test
  void editsAreReportedAndDiffShowsExactlyThem() throws Exception {
    Path out = tmp.resolve("edited.mig");

    CliResult edit = CliResult.run("edit", pcMin(), "-o", out.toString(),
        "--set", "mc146818rtc/cmos_data[14]=0xa5",
        "--set", "i8254 (20)/channels[1]/count=0x1234");

    assertThat(edit.code()).as(edit.err()).isZero();
    assertThat(edit.err()).isEmpty();
    assertThat(edit.out()).isEqualTo(
        "set mc146818rtc (19)/cmos_data[14] @0x3b4bd: 00 -> a5\n"
            + "set i8254 (20)/channels[1]/count @0x3b5e0: 00 01 00 00 -> 00 00 12 34\n"
            + "wrote 350517 bytes to " + out + "\n");

    CliResult diff = CliResult.run("diff", pcMin(), out.toString());
    assertThat(diff.code()).isEqualTo(1);
    assertThat(diff.out()).isEqualTo(
        "first difference: mc146818rtc/cmos_data: A @0x3b4af buffer 128 bytes"
            + " | B @0x3b4af buffer 128 bytes\n"
            + "2 items differ; first differing byte at 0x3b4bd\n"
            + "  i8254/channels[1]/count: A @0x3b5e0 int32 65536 (0x10000)"
            + " | B @0x3b5e0 int32 4660 (0x1234)\n"
            + "bytes that differ:\n"
            + "  mc146818rtc/cmos_data[14]: A @0x3b4bd 00 | B @0x3b4bd a5\n");
  }

  @Test
  void withoutEditsTheCopyIsByteIdentical() throws Exception {
    Path out = tmp.resolve("copy.mig");

    CliResult r = CliResult.run("edit", pcMin(), "-o", out.toString());

    assertThat(r.code()).isZero();
    assertThat(r.out()).isEqualTo("wrote 350517 bytes to " + out
        + " (no edits: a byte-identical copy)\n");
    assertThat(Files.readAllBytes(out)).isEqualTo(Files.readAllBytes(Path.of(pcMin())));
    assertThat(CliResult.run("diff", pcMin(), out.toString()).code()).isZero();
  }

  @Test
  void toStandardOutputTheReportGoesToStandardError() throws Exception {
    byte[] expected = Files.readAllBytes(Path.of(pcMin()));
    expected[0x3b4bd] = (byte) 0xa5;

    assertThat(CliResult.runForBytes("edit", pcMin(), "-o", "-",
        "--set", "mc146818rtc/cmos_data[14]=165")).isEqualTo(expected);
  }

  @Test
  void anUnknownPathIsOneLineNamingWhatExists() throws Exception {
    Path out = tmp.resolve("out.mig");

    CliResult r = CliResult.run("edit", pcMin(), "-o", out.toString(), "--set", "nosuch/x=1");

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err().lines()).singleElement().asString()
        .startsWith("edit: nosuch/x: no section 'nosuch'; sections: ram (2), timer (0),");
    assertThat(out).doesNotExist();
  }

  @Test
  void aValueTooBigIsOneLineWithTheRange() throws Exception {
    Path out = tmp.resolve("out.mig");

    CliResult r = CliResult.run("edit", pcMin(), "-o", out.toString(),
        "--set", "mc146818rtc/cmos_data[14]=0x100");

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("edit: mc146818rtc/cmos_data[14]: 256 does not fit"
        + " 'mc146818rtc (19)/cmos_data[14]', an unsigned 8-bit: 0..0xff\n");
    assertThat(out).doesNotExist();
  }

  @Test
  void anUnknownInstanceIsOneLineNamingTheOnesThatExist() throws Exception {
    Path out = tmp.resolve("out.mig");

    CliResult r = CliResult.run("edit", pcMin(), "-o", out.toString(),
        "--set", "i8254 (99)/channels[1]/count=1");

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("edit: i8254 (99)/channels[1]/count: no section"
        + " 'i8254 (99)'; sections of i8254: i8254 (20)\n");
    assertThat(out).doesNotExist();
  }

  @Test
  void anAssignmentThatIsNotPathEqualsValueIsAUsageError() throws Exception {
    CliResult r = CliResult.run("edit", pcMin(), "-o", tmp.resolve("o.mig").toString(),
        "--set", "serial/state/scr");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith("vmstate edit: Invalid value for option '--set'"
        + " (PATH=VALUE): serial/state/scr: expected PATH=VALUE");
  }

  @Test
  void theOutputMustBeGivenAndMustNotBeTheInput() throws Exception {
    CliResult noOutput = CliResult.run("edit", pcMin(), "--set", "x=1");
    assertThat(noOutput.code()).isEqualTo(2);
    assertThat(noOutput.err()).startsWith("vmstate edit: Missing required option:"
        + " '--output=OUT'");

    Path copy = Files.copy(Path.of(pcMin()), tmp.resolve("in.mig"));
    CliResult same = CliResult.run("edit", copy.toString(), "-o", copy.toString());
    assertThat(same.code()).isEqualTo(1);
    assertThat(same.err()).isEqualTo("edit: " + copy + " is the input: write to another"
        + " file\n");
    assertThat(Files.readAllBytes(copy)).isEqualTo(Files.readAllBytes(Path.of(pcMin())));
  }

  @Test
  void aFileThatIsNoStreamIsOneLine() throws Exception {
    Path text = Files.writeString(tmp.resolve("notes.txt"), "notes\n");

    CliResult r = CliResult.run("edit", text.toString(), "-o", tmp.resolve("o.mig").toString());

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("edit: " + text + " is not a migration stream: it starts"
        + " with 6e6f7465, not QEMU's magic QEVM (5145564d)\n");
  }
}
