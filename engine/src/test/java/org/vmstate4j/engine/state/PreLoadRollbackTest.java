package org.vmstate4j.engine.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.vmstate4j.engine.testing.Fields.scalar;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.vmstate4j.engine.VmStateLoadException;
import org.vmstate4j.engine.codec.Codecs;
import org.vmstate4j.engine.io.VmInput;
import org.vmstate4j.engine.model.VmStateDescription;

/** What a pre_load hook changes in described members is undone by a failed load too. */
class PreLoadRollbackTest {
  static final class Dev {
    int a = 1;
    int b = 2;
    String tag = "old";
  }

  static final VmStateDescription D = VmStateDescription.builder("dev")
      .versionId(1)
      .minimumVersionId(1)
      .preLoad(o -> {
        Dev d = (Dev) o;
        d.b = 99;
        d.a = 98;
      })
      .field(scalar(Dev.class, "a", Codecs.UINT32).build())
      .field(scalar(Dev.class, "b", Codecs.UINT32).build())
      .build();

  @Test
  void failedLoadRestoresMembersThePreLoadHookChanged() {
    Dev d = new Dev();
    byte[] truncated = HexFormat.of().parseHex("00000005" + "0000");
    assertThatThrownBy(() -> VmState.load(D, d, VmInput.of(truncated), 1))
        .isInstanceOf(VmStateLoadException.class)
        .hasMessageContaining("dev/b");
    assertThat(d.a).isEqualTo(1);
    assertThat(d.b).isEqualTo(2);
  }

  @Test
  void dryRunLeavesHookChangedMembersAsTheyWere() {
    Dev d = new Dev();
    byte[] full = HexFormat.of().parseHex("00000005" + "00000006");
    VmState.load(D, d, VmInput.of(full), 1, LoadOptions.DEFAULT.withDryRun(true));
    assertThat(d.a).isEqualTo(1);
    assertThat(d.b).isEqualTo(2);
    VmState.load(D, d, VmInput.of(full), 1);
    assertThat(d.a).isEqualTo(5);
    assertThat(d.b).isEqualTo(6);
  }
}
