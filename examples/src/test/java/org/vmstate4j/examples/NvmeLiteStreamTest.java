package org.vmstate4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.vmstate4j.engine.stream.MigrationStreams;
import org.vmstate4j.engine.stream.Registry;

/** The DSL's nvme-lite writes the stream the engine's twin writes (samples/nvme-lite/README.md). */
class NvmeLiteStreamTest {
  @Test
  void exampleStreamIsTheCommittedOne() throws IOException {
    Registry r = new Registry();
    r.register("nvme-lite", 0, NvmeLite.VMSD, NvmeLite.example());
    try (InputStream in = getClass().getResourceAsStream("/nvme-lite/nvme-lite-example.mig")) {
      assertThat(in).isNotNull();
      assertThat(MigrationStreams.toBytes(r)).isEqualTo(in.readAllBytes());
    }
  }
}
