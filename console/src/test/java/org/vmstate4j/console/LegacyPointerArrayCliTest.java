package org.vmstate4j.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vmstate4j.dsl.VmsdDsl.field;
import static org.vmstate4j.dsl.VmsdDsl.vmsd;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmstate4j.engine.analyze.StreamAnalyzer;
import org.vmstate4j.engine.model.VmStateDescription;
import org.vmstate4j.engine.stream.MigrationStreams;
import org.vmstate4j.engine.stream.Registry;

/**
 * {@code analyze} and {@code explain} of a legacy pointer array whose first run QEMU's JSON
 * claims as the whole array ([A, NULL, B, C] gets "array_len": 4): both read the stream, and the
 * departure from the description is a note on stderr (analyze) or in the listing (explain).
 */
class LegacyPointerArrayCliTest {
  @TempDir Path dir;

  static final class Triv {
    int i;

    Triv(int i) {
      this.i = i;
    }

    static final VmStateDescription VMSD = vmsd("test/tst", Triv.class).version(1)
        .fields(field("i").int32()).build();
  }

  static final class Ptrs {
    Triv[] ar = {new Triv(0x77777777), null, new Triv(2), new Triv(3)};

    static final VmStateDescription VMSD = vmsd("test/arps", Ptrs.class).version(1)
        .fields(field("ar").array(4).ofPointers().struct(Triv.VMSD)).build();
  }

  private Path stream() throws Exception {
    Registry registry = new Registry("m");
    registry.register("test/arps", Ptrs.VMSD, new Ptrs());
    Path file = dir.resolve("arps.mig");
    MigrationStreams.save(registry, file);
    return file;
  }

  @Test
  void analyzeSucceedsWithTheNoteOnStderr() throws Exception {
    Path file = stream();
    CliResult r = CliResult.run("analyze", file.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo(StreamAnalyzer.open(file).dumpState());
    assertThat(r.err()).startsWith("analyze: note: test/arps/ar @")
        .contains("array_len 4").hasLineCount(1);
  }

  @Test
  void explainListsTheNote() throws Exception {
    CliResult r = CliResult.run("explain", stream().toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("# note 0x").contains("test/arps/ar: ").contains("array_len 4");
  }
}
