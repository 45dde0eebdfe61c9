package org.vmstate4j.engine.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.vmstate4j.engine.live.LiveStreams.sample;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vmstate4j.engine.edit.Assignment;
import org.vmstate4j.engine.edit.StreamEdit;
import org.vmstate4j.engine.edit.StreamEditException;

class MigrationSenderTest {
  static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path tmp;

  @Test
  void sendsAFileByteForByteToAReceiver() throws Exception {
    Path file = sample("pc-min.mig");
    Path rec = tmp.resolve("rec.mig");
    List<LiveProgress> seen = new ArrayList<>();
    try (Incoming<ReceiveResult> port = MigrationReceiver.builder().recordTo(rec).build()
        .listen(HostPort.parse("127.0.0.1:0"))) {
      SendResult s = MigrationSender.builder().progress(seen::add).build()
          .send(file, port.address());
      ReceiveResult r = port.await(WAIT);
      assertThat(s.bytes()).isEqualTo(Files.size(file)).isEqualTo(r.bytes());
      assertThat(s.edits()).isEmpty();
      assertThat(s.destinationClosed()).isTrue();
    }
    assertThat(Files.readAllBytes(rec)).isEqualTo(Files.readAllBytes(file));
    assertThat(seen).last().satisfies(p -> {
      assertThat(p.complete()).isTrue();
      assertThat(p.bytes()).isEqualTo(p.total()).isEqualTo(Files.size(file));
    });
  }

  @Test
  void editsAreAppliedOnTheWayAsStreamEditAppliesThem() throws Exception {
    Path file = sample("pc-serial-net.mig");
    Path rec = tmp.resolve("rec.mig");
    List<String> sets = List.of("serial/state/scr=0x5a", "mc146818rtc/cmos_data[14]=0xa5");
    SendResult s;
    try (Incoming<ReceiveResult> port = MigrationReceiver.builder().recordTo(rec).build()
        .listen(HostPort.parse("127.0.0.1:0"))) {
      s = MigrationSender.builder().set(sets).build().send(file, port.address());
      ReceiveResult r = port.await(WAIT);
      assertThat(r.dumpState()).contains("\"scr\": \"0x5a\"");
    }
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    try (StreamEdit e = StreamEdit.of(file)) {
      sets.forEach(a -> e.set(Assignment.parse(a)));
      e.writeTo(expected);
      assertThat(s.edits()).hasToString(e.edits().toString()).hasSize(2);
    }
    assertThat(Files.readAllBytes(rec)).isEqualTo(expected.toByteArray())
        .isNotEqualTo(Files.readAllBytes(file));
  }

  @Test
  void aBadEditFailsBeforeConnecting() throws Exception {
    try (Incoming<ReceiveResult> port = MigrationReceiver.builder().build()
        .listen(HostPort.parse("127.0.0.1:0"))) {
      assertThatThrownBy(() -> MigrationSender.builder().set(List.of("serial/state/scr=0x100"))
          .build().send(sample("pc-serial-net.mig"), port.address()))
          .isInstanceOf(StreamEditException.class)
          .hasMessageContaining("256 does not fit 'serial (40)/state/scr'");
      assertThatThrownBy(() -> port.await(Duration.ofMillis(300)))
          .hasMessageContaining("(nothing connected)");
    }
  }

  @Test
  void nobodyListeningIsAClearError() throws Exception {
    InetSocketAddress free;
    try (ServerSocketChannel s = ServerSocketChannel.open()) {
      s.bind(new InetSocketAddress("127.0.0.1", 0));
      free = (InetSocketAddress) s.getLocalAddress();
    }
    InetSocketAddress to = free;
    assertThatThrownBy(() -> MigrationSender.builder().build().send(sample("none.mig"), to))
        .isInstanceOf(LiveMigrationException.class)
        .hasMessageContaining("cannot connect to 127.0.0.1:" + to.getPort());
  }

  /**
   * A destination that reads the header and closes, as QEMU does when it refuses a stream: a
   * small stream fits in the sockets' buffers and the refusal shows as a reset after the last
   * byte; a big one fails while it is written.
   */
  @ParameterizedTest
  @ValueSource(ints = {0, 40})
  void aDestinationThatStopsReadingIsReported(int ramPasses) throws Exception {
    Path file = sample("pc-serial-net.mig");
    if (ramPasses > 0) {
      file = tmp.resolve("big.mig");
      Files.write(file, LiveStreams.withRamPasses(ramPasses, 256));
    }
    Path stream = file;
    try (ServerSocketChannel server = ServerSocketChannel.open()) {
      server.bind(new InetSocketAddress("127.0.0.1", 0));
      Thread refuser = new Thread(() -> {
        try (SocketChannel c = server.accept()) {
          c.read(ByteBuffer.allocate(100)); // reads the header, then refuses, as QEMU does
        } catch (IOException e) {
          // the test checks the sender's side
        }
      });
      refuser.start();
      try {
        assertThatThrownBy(() -> MigrationSender.builder().build()
            .send(stream, (InetSocketAddress) server.getLocalAddress()))
            .isInstanceOf(LiveMigrationException.class)
            .hasMessageContaining("closed the connection")
            .hasMessageContaining("its log says why");
      } finally {
        refuser.join(10_000);
      }
    }
  }
}
