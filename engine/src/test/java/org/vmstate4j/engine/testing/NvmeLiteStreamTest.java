package org.vmstate4j.engine.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * The engine-built nvme-lite ({@link NvmeLiteModel}) writes the stream the DSL's model in the
 * examples module writes (samples/nvme-lite/README.md): the two descriptions cannot drift.
 */
class NvmeLiteStreamTest {
  @Test
  void exampleStreamIsTheCommittedOne() throws IOException {
    byte[] mine = NvmeLiteModel.stream(NvmeLiteModel.example(0x460001, false));
    try (InputStream in = getClass().getResourceAsStream("/nvme-lite/nvme-lite-example.mig")) {
      assertThat(in).isNotNull();
      assertThat(mine).isEqualTo(in.readAllBytes());
    }
  }
}
