package org.vmstate4j.engine.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmstate4j.engine.stream.BigBufferStreamCheck.Big;

/** The big-buffer path at a size a unit test can afford (the 1 GiB run is a main). */
class BigBufferTest {
  @TempDir Path dir;

  @Test
  void directBufferRoundTripWithPeriodicProgress() throws Exception {
    int size = 12 << 20;
    ByteBuffer src = ByteBuffer.allocateDirect(size);
    for (int i = 0; i < size; i += 8) {
      src.putLong(i, i * 31L + 7);
    }
    Big a = new Big(src);
    a.tag = 5;
    Registry out = new Registry();
    out.register(BigBufferStreamCheck.description(size), a);
    Path file = dir.resolve("big.mig");
    List<Long> saves = new ArrayList<>();
    MigrationStreams.save(out, file,
        WriteOptions.DEFAULT.withProgress((d, t) -> saves.add(d)));
    // one per 4 MiB written, plus after the header, the section and the end
    assertThat(saves.size()).isGreaterThanOrEqualTo(3 + 3);

    Big b = new Big(ByteBuffer.allocateDirect(size));
    Registry in = new Registry();
    in.register(BigBufferStreamCheck.description(size), b);
    List<Long> loads = new ArrayList<>();
    LoadResult r = MigrationStreams.load(in, file,
        ReadOptions.DEFAULT.withProgress((d, t) -> loads.add(d)));
    assertThat(loads.size()).isGreaterThanOrEqualTo(3 + 3);
    assertThat(loads).isSorted();
    assertThat(b.tag).isEqualTo(5);
    assertThat(b.data.mismatch(src)).isEqualTo(-1);
    assertThat(r.loaded().get(0).dataLength()).isEqualTo(8L + size);
  }

  @Test
  void utilityRunsAtASmallSize() throws Exception {
    BigBufferStreamCheck.main(new String[] {dir.toString(), "4"});
    BigBufferStreamCheck.main(new String[] {dir.toString(), "4", "--no-journal"});
  }
}
