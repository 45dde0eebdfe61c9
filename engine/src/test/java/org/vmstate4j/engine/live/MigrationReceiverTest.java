package org.vmstate4j.engine.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.vmstate4j.engine.live.LiveStreams.get;
import static org.vmstate4j.engine.live.LiveStreams.play;
import static org.vmstate4j.engine.live.LiveStreams.sample;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vmstate4j.engine.analyze.DecodedValue;
import org.vmstate4j.engine.analyze.StreamAnalyzer;
import org.vmstate4j.engine.stream.Registry;
import org.vmstate4j.engine.wire.PartKind;
import org.vmstate4j.engine.wire.RamFlags;
import org.vmstate4j.engine.wire.WirePart;

class MigrationReceiverTest {
  static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path tmp;

  static long pages(List<WirePart> parts) {
    return parts.stream().filter(p -> p.kind() == PartKind.RAM_RECORD)
        .map(p -> p.flags() & ~RamFlags.CONTINUE)
        .filter(k -> k == RamFlags.PAGE || k == RamFlags.ZERO).count();
  }

  static long firstDeviceOrEof(List<WirePart> parts) {
    return parts.stream().filter(p -> (p.kind() == PartKind.SECTION_FULL
        || p.kind() == PartKind.SECTION_START) && !p.name().equals("ram")
        || p.kind() == PartKind.EOF).findFirst().orElseThrow().offset();
  }

  @ParameterizedTest
  @ValueSource(strings = {"none.mig", "pc-min.mig", "pc-serial-net.mig"})
  void decodesWhatAnalyzePrintsForTheFileAndRecordsItByteForByte(String name) throws Exception {
    Path file = sample(name);
    byte[] data = Files.readAllBytes(file);
    Path rec = tmp.resolve("rec.mig");
    MigrationReceiver receiver = MigrationReceiver.builder().recordTo(rec).build();
    ReceiveResult r;
    try (Incoming<ReceiveResult> port = receiver.listen(HostPort.parse("127.0.0.1:0"))) {
      CompletableFuture<byte[]> source = play(data, port.address());
      r = port.await(WAIT);
      assertThat(get(source)).isEmpty();
    }
    assertThat(r.dumpState()).isEqualTo(StreamAnalyzer.open(file).dumpState());
    assertThat(r.dumpDesc()).isEqualTo(StreamAnalyzer.open(file).dumpDesc());
    assertThat(Files.readAllBytes(rec)).isEqualTo(data);
    List<WirePart> parts = LiveStreams.parts(file);
    assertThat(r.bytes()).isEqualTo(data.length);
    assertThat(r.ramPages()).isEqualTo(pages(parts));
    assertThat(r.deviceOffset()).isEqualTo(firstDeviceOrEof(parts));
    assertThat(r.recorded()).isEqualTo(rec);
    assertThat(r.timings().total()).isPositive();
  }

  @Test
  void machineTypeAndSectionsOfAQemuStream() throws Exception {
    ReceiveResult r = MigrationReceiver.builder().build()
        .receive(Files.newInputStream(sample("pc-serial-net.mig")));
    assertThat(r.machineType()).isEqualTo("pc-i440fx-7.2");
    assertThat(r.devices().keySet()).contains("ram (2)", "serial (40)", "mc146818rtc (20)");
    assertThat(r.ramPasses()).isEqualTo(3); // START, one PART, END: the guest was paused
    assertThat(r.summary()).contains("machine pc-i440fx-7.2");
  }

  /** Reads in small, uneven pieces, as a socket would. */
  static InputStream trickle(byte[] data) {
    return new FilterInputStream(new ByteArrayInputStream(data)) {
      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        return super.read(b, off, Math.min(len, 777));
      }
    };
  }

  @Test
  void ramInManyPassesIsCountedAndReportedAsItArrives() throws Exception {
    byte[] data = LiveStreams.withRamPasses(12, 256); // 12 MiB of pages
    Path file = tmp.resolve("passes.mig");
    Files.write(file, data);
    List<LiveProgress> seen = new ArrayList<>();
    ReceiveResult r = MigrationReceiver.builder().progress(seen::add).build()
        .receive(trickle(data));
    assertThat(r.ramPasses()).isEqualTo(3 + 12);
    assertThat(r.ramPages()).isEqualTo(pages(LiveStreams.parts(file)));
    assertThat(r.dumpState()).isEqualTo(StreamAnalyzer.open(file).dumpState());
    assertThat(seen.size()).isGreaterThanOrEqualTo(3);
    for (int i = 1; i < seen.size(); i++) {
      assertThat(seen.get(i).bytes()).isGreaterThanOrEqualTo(seen.get(i - 1).bytes());
      assertThat(seen.get(i).ramPages()).isGreaterThanOrEqualTo(seen.get(i - 1).ramPages());
    }
    assertThat(seen.get(0).complete()).isFalse();
    assertThat(seen.get(0).ramPages()).isPositive();
    LiveProgress last = seen.get(seen.size() - 1);
    assertThat(last.complete()).isTrue();
    assertThat(last.bytes()).isEqualTo(data.length);
    assertThat(last.ramPasses()).isEqualTo(15);
  }

  @Test
  void connectionDroppedInRamNamesOffsetAndSection() throws Exception {
    byte[] data = Files.readAllBytes(sample("pc-min.mig"));
    try (Incoming<ReceiveResult> port = MigrationReceiver.builder().build()
        .listen(HostPort.parse("127.0.0.1:0"))) {
      play(data, port.address(), 100_000);
      assertThatThrownBy(() -> port.await(WAIT))
          .isInstanceOf(LiveMigrationException.class)
          .hasMessageContaining("the connection closed after 100000 bytes, before the stream"
              + " was complete")
          .hasMessageContaining("section 'ram' (id 2, header at 196)")
          .hasMessageContaining("stream byte 100000 (0x186a0), last section 'ram' (id 2) PART"
              + " at 196")
          .satisfies(e -> assertThat(((LiveMigrationException) e).offset()).isEqualTo(100_000));
    }
  }

  @Test
  void connectionDroppedInTheDeviceSectionsOrTheDescriptionFails() throws Exception {
    byte[] data = Files.readAllBytes(sample("pc-serial-net.mig"));
    List<WirePart> parts = LiveStreams.parts(sample("pc-serial-net.mig"));
    WirePart serial = parts.stream().filter(p -> p.name().equals("serial")
        && p.kind() == PartKind.SECTION_FULL).findFirst().orElseThrow();
    WirePart eof = LiveStreams.first(parts, PartKind.EOF);
    WirePart vmdesc = LiveStreams.first(parts, PartKind.VMDESC);
    assertThatThrownBy(() -> MigrationReceiver.builder().build()
        .receive(new ByteArrayInputStream(data, 0, (int) eof.end())))
        .isInstanceOf(LiveMigrationException.class)
        .hasMessageContaining("the stream ended after " + eof.end() + " bytes without the JSON"
            + " description that QEMU sends after EOF");
    for (long cut : new long[] {serial.offset() + 20, eof.offset(), vmdesc.offset() + 3,
        vmdesc.offset() + 1000, data.length - 1}) {
      assertThatThrownBy(() -> MigrationReceiver.builder().build()
          .receive(new ByteArrayInputStream(data, 0, (int) cut)))
          .as("cut at %d", cut)
          .isInstanceOf(LiveMigrationException.class)
          .hasMessageContaining("the connection closed after " + cut + " bytes");
    }
  }

  @Test
  void notAStreamIsRefusedAtItsFirstBytes() {
    assertThatThrownBy(() -> MigrationReceiver.builder().build()
        .receive(new ByteArrayInputStream("GET / HTTP/1.1\r\n\r\n".getBytes())))
        .isInstanceOf(LiveMigrationException.class)
        .hasMessageContaining("malformed migration stream")
        .hasMessageContaining("Not a migration stream");
  }

  @Test
  void awaitWithNothingConnectedTimesOutAndCloseStopsListening() throws Exception {
    Incoming<ReceiveResult> port = MigrationReceiver.builder().build()
        .listen(HostPort.parse("127.0.0.1:0"));
    try (port) {
      assertThatThrownBy(() -> port.await(Duration.ofMillis(200)))
          .hasMessageContaining("within 200 ms (nothing connected)");
    }
    assertThat(port.isDone()).isTrue();
    assertThatThrownBy(() -> java.nio.channels.SocketChannel.open(port.address()).close())
        .isInstanceOf(IOException.class);
  }

  @Test
  void loadsTheDevicesARegistryKnows() throws Exception {
    LiveStreams.Port92 port92 = new LiveStreams.Port92();
    Registry registry = new Registry("pc-i440fx-7.2");
    registry.register("port92", 0, LiveStreams.PORT92, port92);
    ReceiveResult r = MigrationReceiver.builder().registry(registry).build()
        .receive(trickle(Files.readAllBytes(sample("pc-min.mig"))));
    assertThat(r.loaded()).isNotNull();
    assertThat(r.loaded().loaded()).hasSize(1);
    DecodedValue.StructValue decoded = (DecodedValue.StructValue) r.devices().entrySet()
        .stream().filter(e -> e.getKey().startsWith("port92 (")).findFirst().orElseThrow()
        .getValue();
    long expected = ((DecodedValue.IntValue) decoded.fields().get("outport")).value()
        .longValue();
    assertThat(port92.outport).isNotEqualTo(-1).isEqualTo(expected);
  }
}
