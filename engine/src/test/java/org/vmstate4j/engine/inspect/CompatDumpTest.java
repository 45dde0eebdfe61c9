package org.vmstate4j.engine.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmstate4j.engine.inspect.CompatReport.Direction;
import org.vmstate4j.engine.inspect.CompatReport.Verdict;

/** compat on QEMU 7.2's -dump-vmstate output (see src/test/resources/inspect/README.md). */
class CompatDumpTest {
  @TempDir Path tmp;

  static Path subset() throws Exception {
    return Path.of(CompatDumpTest.class.getResource(
        "/inspect/vmstate-pc-i440fx-7.2.subset.json").toURI());
  }

  @Test
  void selfComparisonIsCompatible() throws Exception {
    Map<String, CompatDescription> d = DumpVmstate.read(subset());
    assertThat(d).hasSize(11).containsKeys("mc146818rtc", "PIIX4_PM", "nvme");
    List<CompatReport> reports = Compat.check(d, d, null);
    assertThat(reports).hasSize(11).allMatch(CompatReport::compatible);
  }

  @Test
  void wholeDumpAgainstItself() throws Exception {
    Path full = Path.of("/work/shared/qemu-samples/vmstate-pc-i440fx-7.2.json");
    Assumptions.assumeTrue(Files.isReadable(full), "the full dump is not here");
    Map<String, CompatDescription> d = DumpVmstate.read(full);
    assertThat(d).hasSizeGreaterThan(200);
    assertThat(Compat.check(d, d, null)).allMatch(CompatReport::compatible);
  }

  @Test
  void editedCopies() throws Exception {
    String json = Files.readString(subset());
    // mc146818rtc v4 with minimum 4; its cmos_data grows
    String edited = json.replace("\"Name\": \"mc146818rtc\",\n    \"version_id\": 3,\n"
        + "    \"minimum_version_id\": 1,\n    \"Description\": {\n      \"name\": \"mc146818rtc\",\n"
        + "      \"version_id\": 3,\n      \"minimum_version_id\": 1,",
        "\"Name\": \"mc146818rtc\",\n    \"version_id\": 4,\n"
        + "    \"minimum_version_id\": 4,\n    \"Description\": {\n      \"name\": \"mc146818rtc\",\n"
        + "      \"version_id\": 4,\n      \"minimum_version_id\": 4,");
    assertThat(edited).isNotEqualTo(json);
    Path newer = tmp.resolve("newer.json");
    Files.writeString(newer, edited);
    List<CompatReport> rs = Compat.check(DumpVmstate.read(subset()), DumpVmstate.read(newer),
        "mc146818");
    assertThat(rs).hasSize(1);
    CompatReport r = rs.get(0);
    assertThat(r.oldToNew()).isEqualTo(Verdict.INCOMPATIBLE);
    assertThat(r.newToOld()).isEqualTo(Verdict.INCOMPATIBLE);
    assertThat(r.findings(Direction.OLD_TO_NEW).get(0).message())
        .isEqualTo("incoming version 3 is too old for the destination's minimum version 4");
    assertThat(r.lines().get(0))
        .isEqualTo("mc146818rtc: old->new INCOMPATIBLE, new->old INCOMPATIBLE");
  }

  @Test
  void missingDevice() throws Exception {
    Path one = tmp.resolve("one.json");
    Files.writeString(one, "{\"vmschkmachine\": {\"Name\": \"pc-i440fx-7.2\"}}");
    List<CompatReport> rs = Compat.check(DumpVmstate.read(subset()), DumpVmstate.read(one),
        "port92");
    assertThat(rs).isEmpty(); // port92 is not in the subset
    rs = Compat.check(DumpVmstate.read(subset()), DumpVmstate.read(one), "mc146818");
    assertThat(rs.get(0).oldToNew()).isEqualTo(Verdict.INCOMPATIBLE);
    assertThat(rs.get(0).newToOld()).isEqualTo(Verdict.COMPATIBLE);
  }
}
