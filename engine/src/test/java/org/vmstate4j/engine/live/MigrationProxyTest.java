package org.vmstate4j.engine.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.vmstate4j.engine.live.LiveStreams.get;
import static org.vmstate4j.engine.live.LiveStreams.play;
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
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vmstate4j.engine.analyze.StreamAnalyzer;
import org.vmstate4j.engine.edit.Assignment;
import org.vmstate4j.engine.edit.StreamEdit;
import org.vmstate4j.engine.stream.Registry;

class MigrationProxyTest {
  static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path tmp;

  /** What a source, the proxy and a destination receiver ended with. */
  record Run(CompletableFuture<byte[]> source, Incoming<ProxyResult> proxy,
      Incoming<ReceiveResult> destination) implements AutoCloseable {
    @Override
    public void close() {
      proxy.close();
      destination.close();
    }
  }

  /** Plays {@code data} (up to {@code cut}) through a proxy into a recording receiver. */
  Run run(byte[] data, int cut, UnaryOperator<MigrationProxy.Builder> config)
      throws IOException {
    Incoming<ReceiveResult> dest = MigrationReceiver.builder()
        .recordTo(tmp.resolve("destination.mig")).build()
        .listen(HostPort.parse("127.0.0.1:0"));
    Incoming<ProxyResult> proxy = config.apply(MigrationProxy.builder(dest.address())
        .recordTo(tmp.resolve("proxy.mig"))).build().listen(HostPort.parse("127.0.0.1:0"));
    return new Run(play(data, proxy.address(), cut), proxy, dest);
  }

  @ParameterizedTest
  @ValueSource(strings = {"none.mig", "pc-min.mig", "pc-serial-net.mig"})
  void withoutEditsTheDestinationGetsTheStreamByteForByte(String name) throws Exception {
    byte[] data = Files.readAllBytes(sample(name));
    try (Run r = run(data, data.length, b -> b.decode(true))) {
      ProxyResult p = r.proxy().await(WAIT);
      ReceiveResult d = r.destination().await(WAIT);
      assertThat(get(r.source())).isEmpty();
      assertThat(p.received()).isEqualTo(data.length).isEqualTo(p.forwarded());
      assertThat(p.destinationClosed()).isTrue();
      assertThat(p.edits()).isEmpty();
      assertThat(p.ramPages()).isEqualTo(d.ramPages());
      assertThat(p.deviceOffset()).isEqualTo(d.deviceOffset());
      assertThat(p.analysis()).isNotNull();
      assertThat(p.analysis().dumpState())
          .isEqualTo(StreamAnalyzer.open(sample(name)).dumpState());
    }
    assertThat(Files.readAllBytes(tmp.resolve("destination.mig"))).isEqualTo(data);
    assertThat(Files.readAllBytes(tmp.resolve("proxy.mig"))).isEqualTo(data);
  }

  @Test
  void ramInManyPassesGoesThroughAsItArrives() throws Exception {
    byte[] data = LiveStreams.withRamPasses(20, 256);
    try (Run r = run(data, data.length, b -> b)) {
      ProxyResult p = r.proxy().await(WAIT);
      r.destination().await(WAIT);
      assertThat(p.ramPasses()).isEqualTo(23);
      assertThat(p.deviceOffset()).isGreaterThan(20L * 256 * 4096);
    }
    assertThat(Files.readAllBytes(tmp.resolve("destination.mig"))).isEqualTo(data);
  }

  @Test
  void editsReachTheDestinationAsStreamEditWritesThem() throws Exception {
    Path file = sample("pc-serial-net.mig");
    byte[] data = Files.readAllBytes(file);
    List<String> sets = List.of("serial/state/scr=0x5a", "mc146818rtc/cmos_data[14]=0xa5");
    ProxyResult p;
    try (Run r = run(data, data.length, b -> b.set(sets))) {
      p = r.proxy().await(WAIT);
      assertThat(r.destination().await(WAIT).dumpState()).contains("\"scr\": \"0x5a\"");
    }
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    try (StreamEdit e = StreamEdit.of(file)) {
      sets.forEach(a -> e.set(Assignment.parse(a)));
      e.writeTo(expected);
      // the same stream offsets as an edit of the file
      assertThat(p.edits()).hasToString(e.edits().toString()).hasSize(2);
    }
    assertThat(Files.readAllBytes(tmp.resolve("destination.mig")))
        .isEqualTo(expected.toByteArray());
    assertThat(Files.readAllBytes(tmp.resolve("proxy.mig"))).isEqualTo(data);
  }

  @Test
  void typedEditsReEncodeTheSectionAndItsDescription() throws Exception {
    Path file = sample("pc-min.mig");
    byte[] data = LiveStreams.withRamPasses(3, 64);
    Path big = tmp.resolve("passes.mig");
    Files.write(big, data);
    LiveStreams.Port92 port92 = new LiveStreams.Port92();
    Registry registry = new Registry("pc-i440fx-7.2");
    registry.register("port92", 0, LiveStreams.PORT92, port92);
    try (Run r = run(data, data.length, b -> b.edit(registry, reg -> port92.outport = 0x42))) {
      r.proxy().await(WAIT);
      r.destination().await(WAIT);
    }
    LiveStreams.Port92 again = new LiveStreams.Port92();
    Registry check = new Registry("pc-i440fx-7.2");
    check.register("port92", 0, LiveStreams.PORT92, again);
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    try (StreamEdit e = StreamEdit.of(big)) {
      e.edit(check, reg -> again.outport = 0x42);
      e.writeTo(expected);
    }
    assertThat(Files.readAllBytes(tmp.resolve("destination.mig")))
        .isEqualTo(expected.toByteArray()).isNotEqualTo(data);
    assertThat(file).exists();
  }

  @Test
  void anEditThatCannotBeAppliedStopsTheMigrationBeforeTheDeviceState() throws Exception {
    byte[] data = Files.readAllBytes(sample("pc-serial-net.mig"));
    try (Run r = run(data, data.length, b -> b.set(List.of("serial/state/scratch=1")))) {
      assertThatThrownBy(() -> r.proxy().await(WAIT))
          .isInstanceOf(LiveMigrationException.class)
          .hasMessageContaining("edit not applied, so the migration was stopped before the"
              + " device state (both connections closed)")
          .hasMessageContaining("no field 'scratch' in 'serial (40)/state'; fields: ");
      ProxyRefusal.assertDestinationGotNoDeviceState(r.destination(), data);
      assertThat(get(r.source())).isEmpty(); // the proxy closed the source's connection
    }
  }

  @Test
  void theRamBlockListCannotBeEditedSinceItWasForwarded() throws Exception {
    byte[] data = Files.readAllBytes(sample("pc-min.mig"));
    try (Run r = run(data, data.length, b -> b.set(List.of("ram/section sizes/pc.ram=0")))) {
      assertThatThrownBy(() -> r.proxy().await(WAIT))
          .hasMessageContaining("forwarded as it arrived; only device sections can be edited");
      ProxyRefusal.assertDestinationGotNoDeviceState(r.destination(), data);
    }
  }

  @Test
  void aSourceThatDiesMidStreamFailsProxyAndDestination() throws Exception {
    byte[] data = Files.readAllBytes(sample("pc-min.mig"));
    try (Run r = run(data, 100_000, b -> b)) {
      assertThatThrownBy(() -> r.proxy().await(WAIT))
          .isInstanceOf(LiveMigrationException.class)
          .hasMessageContaining("the connection closed after 100000 bytes, before the stream"
              + " was complete")
          .hasMessageContaining("last section 'ram' (id 2) PART at 196");
      assertThatThrownBy(() -> r.destination().await(WAIT))
          .isInstanceOf(LiveMigrationException.class)
          .hasMessageContaining("before the stream was complete");
    }
  }

  @Test
  void aDestinationThatRefusesTheStreamFailsTheProxyAndClosesTheSource() throws Exception {
    byte[] data = LiveStreams.withRamPasses(20, 256);
    try (ServerSocketChannel server = ServerSocketChannel.open()) {
      server.bind(new InetSocketAddress("127.0.0.1", 0));
      Thread refuser = new Thread(() -> {
        try (SocketChannel c = server.accept()) {
          c.read(ByteBuffer.allocate(64)); // header and configuration, then refuses
        } catch (IOException e) {
          // the test checks the proxy's side
        }
      });
      refuser.start();
      try (Incoming<ProxyResult> proxy = MigrationProxy.builder(
          (InetSocketAddress) server.getLocalAddress()).build()
          .listen(HostPort.parse("127.0.0.1:0"))) {
        CompletableFuture<byte[]> source = play(data, proxy.address());
        assertThatThrownBy(() -> proxy.await(WAIT))
            .isInstanceOf(LiveMigrationException.class)
            .hasMessageContaining("closed the connection after")
            .hasMessageContaining("QEMU refused the stream (its log says why; the stream is"
                + " for machine type 'pc-i440fx-7.2')");
        assertThat(source).failsWithin(WAIT); // its connection was closed under it
      } finally {
        refuser.join(10_000);
      }
    }
  }

  @Test
  void whatTheDestinationSendsBackReachesTheSource() throws Exception {
    byte[] data = Files.readAllBytes(sample("pc-min.mig"));
    try (ServerSocketChannel server = ServerSocketChannel.open()) {
      server.bind(new InetSocketAddress("127.0.0.1", 0));
      Thread echo = new Thread(() -> {
        try (SocketChannel c = server.accept()) {
          c.write(ByteBuffer.wrap("return path".getBytes()));
          ByteBuffer b = ByteBuffer.allocate(1 << 16);
          while (c.read(b.clear()) >= 0) {
            // reads the whole stream, as QEMU does
          }
        } catch (IOException e) {
          // the test checks the source's side
        }
      });
      echo.start();
      try (Incoming<ProxyResult> proxy = MigrationProxy.builder(
          (InetSocketAddress) server.getLocalAddress()).build()
          .listen(HostPort.parse("127.0.0.1:0"))) {
        CompletableFuture<byte[]> source = play(data, proxy.address());
        assertThat(proxy.await(WAIT).forwarded()).isEqualTo(data.length);
        assertThat(new String(get(source))).isEqualTo("return path");
      } finally {
        echo.join(10_000);
      }
    }
  }

  @Test
  void nothingAtTheDestinationIsAClearError() throws Exception {
    InetSocketAddress free;
    try (ServerSocketChannel s = ServerSocketChannel.open()) {
      s.bind(new InetSocketAddress("127.0.0.1", 0));
      free = (InetSocketAddress) s.getLocalAddress();
    }
    byte[] data = Files.readAllBytes(sample("none.mig"));
    try (Incoming<ProxyResult> proxy = MigrationProxy.builder(free).build()
        .listen(HostPort.parse("127.0.0.1:0"))) {
      play(data, proxy.address());
      assertThatThrownBy(() -> proxy.await(WAIT))
          .hasMessageContaining("cannot connect to the destination 127.0.0.1:" + free.getPort());
    }
  }

  /** Checks on a destination whose proxy stopped the migration. */
  static final class ProxyRefusal {
    private ProxyRefusal() {}

    static void assertDestinationGotNoDeviceState(Incoming<ReceiveResult> destination,
        byte[] data) {
      assertThatThrownBy(() -> destination.await(WAIT))
          .isInstanceOf(LiveMigrationException.class)
          .hasMessageContaining("before the stream was complete");
      assertThat(destination.isDone()).isTrue();
      assertThat(data.length).isPositive();
    }
  }
}
