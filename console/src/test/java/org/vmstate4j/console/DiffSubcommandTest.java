package org.vmstate4j.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vmstate diff}: differences by path; non-streams and cut streams are failures. */
class DiffSubcommandTest {
  @TempDir Path tmp;

  @Test
  void oneChangedByteIsNamedByPathWithBothValues() throws Exception {
    byte[] a = Files.readAllBytes(MainTest.stream("pc-min.mig"));
    byte[] b = a.clone();
    b[0x3a5e9 + 3] = 0x11; // cpu_common/interrupt_request 0x10 -> 0x11
    Path pa = Files.write(tmp.resolve("a.mig"), a);
    Path pb = Files.write(tmp.resolve("b.mig"), b);

    CliResult r = CliResult.run("diff", pa.toString(), pb.toString());

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).isEqualTo(
        "first difference: cpu_common/interrupt_request: A @0x3a5e9 uint32 16 (0x10)"
            + " | B @0x3a5e9 uint32 17 (0x11)\n1 item differs; first differing byte at 0x3a5ec\n");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void aStreamAndItsCopyAreIdentical() throws Exception {
    String file = MainTest.stream("pc-min.mig").toString();

    CliResult r = CliResult.run("diff", file, file);

    assertThat(r.code()).isZero();
    assertThat(r.out()).isEqualTo("streams are identical\n");
  }

  @Test
  void twoFilesThatAreNoStreamsAreOneErrorLineAndNothingElse() throws Exception {
    Path readme = Files.writeString(tmp.resolve("README.md"), "# vmstate4j\n");

    CliResult same = CliResult.run("diff", readme.toString(), readme.toString());
    assertThat(same.code()).isEqualTo(1);
    assertThat(same.out()).isEmpty();
    assertThat(same.err()).isEqualTo("diff: " + readme + " is not a migration stream: it"
        + " starts with 2320766d, not QEMU's magic QEVM (5145564d)\n");

    Path pom = Files.writeString(tmp.resolve("pom.xml"), "<project/>\n");
    CliResult neither = CliResult.run("diff", pom.toString(), readme.toString());
    assertThat(neither.code()).isEqualTo(1);
    assertThat(neither.out()).isEmpty();
    assertThat(neither.err()).isEqualTo("diff: neither " + pom + " nor " + readme + " is a"
        + " migration stream: " + pom + " starts with 3c70726f and " + readme + " starts with"
        + " 2320766d, not QEMU's magic QEVM (5145564d)\n");
  }

  @Test
  void oneFileThatIsNoStreamIsNamed() throws Exception {
    Path empty = Files.write(tmp.resolve("empty.mig"), new byte[0]);

    CliResult r = CliResult.run("diff", MainTest.stream("none.mig").toString(),
        empty.toString());

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEqualTo("diff: " + empty + " is not a migration stream: it holds 0"
        + " byte(s), not QEMU's magic QEVM (5145564d)\n");
  }

  @Test
  void aTruncatedStreamIsNeverIdentical() throws Exception {
    byte[] whole = Files.readAllBytes(MainTest.stream("none.mig"));
    Path cut = Files.write(tmp.resolve("cut.mig"), Arrays.copyOf(whole, 400));

    CliResult self = CliResult.run("diff", cut.toString(), cut.toString());
    assertThat(self.code()).isEqualTo(1);
    assertThat(self.out()).doesNotContain("identical")
        .startsWith("no item differs up to where reading stopped\nA stops at 0x");

    CliResult against = CliResult.run("diff", MainTest.stream("none.mig").toString(),
        cut.toString());
    assertThat(against.code()).isEqualTo(1);
    assertThat(against.out()).doesNotContain("identical").contains("\nB stops at 0x");
  }

  @Test
  void missingFileIsOneLine() throws Exception {
    CliResult r = CliResult.run("diff", MainTest.stream("none.mig").toString(),
        tmp.resolve("absent.mig").toString());

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("diff: " + tmp.resolve("absent.mig") + ": no such file\n");
  }
}
