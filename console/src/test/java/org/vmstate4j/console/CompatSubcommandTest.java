package org.vmstate4j.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vmstate compat} on QEMU 7.2's -dump-vmstate output (src/test/resources/compat): the
 * positional OLD NEW and vmstate-static-checker.py's {@code -s/--src}, {@code -d/--dest}.
 */
class CompatSubcommandTest {
  @TempDir Path tmp;

  static String subset() throws Exception {
    return Path.of(CompatSubcommandTest.class.getResource(
        "/inspect/vmstate-pc-i440fx-7.2.subset.json").toURI()).toString();
  }

  /** The subset with mc146818rtc at version 4, minimum 4: incompatible both ways. */
  private String newer() throws Exception {
    String json = Files.readString(Path.of(subset()));
    String edited = json.replace("\"Name\": \"mc146818rtc\",\n    \"version_id\": 3,\n"
        + "    \"minimum_version_id\": 1,\n    \"Description\": {\n      \"name\": \"mc146818rtc\",\n"
        + "      \"version_id\": 3,\n      \"minimum_version_id\": 1,",
        "\"Name\": \"mc146818rtc\",\n    \"version_id\": 4,\n"
        + "    \"minimum_version_id\": 4,\n    \"Description\": {\n      \"name\": \"mc146818rtc\",\n"
        + "      \"version_id\": 4,\n      \"minimum_version_id\": 4,");
    assertThat(edited).isNotEqualTo(json);
    return Files.writeString(tmp.resolve("newer.json"), edited).toString();
  }

  @Test
  void aDumpAgainstItselfIsCompatible() throws Exception {
    CliResult r = CliResult.run("compat", subset(), subset());

    assertThat(r.code()).isZero();
    assertThat(r.out()).isEqualTo(
        "11 device types compared (-dump-vmstate: codecs, wire layouts and needed() are not"
            + " recorded there): 11 compatible both ways, 0 conditional, 0 incompatible\n");
  }

  @Test
  void anIncompatibleDeviceFailsAndIsListed() throws Exception {
    CliResult r = CliResult.run("compat", subset(), newer(), "--device", "mc146818");

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out())
        .startsWith("mc146818rtc: old->new INCOMPATIBLE, new->old INCOMPATIBLE\n")
        .contains("1 device types compared");
  }

  @Test
  void srcAndDestNameTheFilesAsQemusCheckerDoes() throws Exception {
    String newer = newer();
    CliResult positional = CliResult.run("compat", subset(), newer, "--device", "mc146818");

    for (String[] argv : new String[][] {
        {"compat", "-s", subset(), "-d", newer, "--device", "mc146818"},
        {"compat", "--src", subset(), "--dest", newer, "--device", "mc146818"},
        {"compat", "--dest", newer, "--device", "mc146818", "--src", subset()},
        {"compat", "-s", subset(), newer, "--device", "mc146818"},
        {"compat", subset(), "-d", newer, "--device", "mc146818"}}) {
      assertThat(CliResult.run(argv)).as(String.join(" ", argv)).isEqualTo(positional);
    }
    // --reverse swaps them, as the checker's does
    assertThat(CliResult.run("compat", "-s", newer, "-d", subset(), "--device", "mc146818"))
        .isNotEqualTo(positional);
    assertThat(CliResult.run("compat", "-s", newer, "-d", subset(), "--reverse", "--device",
        "mc146818")).isEqualTo(positional);
  }

  @Test
  void dashDIsTheDestinationNoLongerTheDevice() throws Exception {
    CliResult r = CliResult.run("compat", subset(), newer(), "-d", "mc146818");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith("vmstate compat: more than two files");
  }

  @Test
  void usageErrorsAndUnreadableFiles() throws Exception {
    CliResult one = CliResult.run("compat", subset());
    assertThat(one.code()).isEqualTo(2);
    assertThat(one.err())
        .startsWith("vmstate compat: need OLD.json and NEW.json (or -s OLD.json -d NEW.json)");

    CliResult three = CliResult.run("compat", "a.json", "b.json", "c.json");
    assertThat(three.code()).isEqualTo(2);

    CliResult missing = CliResult.run("compat", tmp.resolve("none.json").toString(), subset());
    assertThat(missing.code()).isEqualTo(1);
    assertThat(missing.err()).isEqualTo("compat: " + tmp.resolve("none.json")
        + ": no such file\n");
  }
}
