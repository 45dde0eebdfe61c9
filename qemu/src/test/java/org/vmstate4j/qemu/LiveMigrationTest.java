package org.vmstate4j.qemu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.vmstate4j.qemu.QemuStreams.WAIT;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmstate4j.dsl.qemu.IsaSerial;
import org.vmstate4j.dsl.qemu.QemuDevices;
import org.vmstate4j.engine.analyze.StreamAnalyzer;
import org.vmstate4j.engine.live.HostPort;
import org.vmstate4j.engine.live.Incoming;
import org.vmstate4j.engine.live.LiveMigrationException;
import org.vmstate4j.engine.live.MigrationProxy;
import org.vmstate4j.engine.live.MigrationReceiver;
import org.vmstate4j.engine.live.MigrationSender;
import org.vmstate4j.engine.live.ProxyResult;
import org.vmstate4j.engine.live.ReceiveResult;
import org.vmstate4j.engine.live.SendResult;
import org.vmstate4j.engine.stream.Registry;
import org.vmstate4j.engine.wire.PartKind;
import org.vmstate4j.qemu.QemuStreams.Observed;

/**
 * Live migrations between QEMU 7.2 and vmstate4j over TCP on 127.0.0.1: QEMU into a receiver,
 * through a proxy that edits the device state into a destination QEMU, a stream file sent into
 * {@code -incoming tcp:}, a running guest whose RAM comes in many iterations, and the faults
 * (a source killed mid-stream, a destination that refuses the stream).
 */
class LiveMigrationTest {
  static final Machine PC = Machine.pc().withSerial();
  /**
   * A guest that never ran, with the RTC on a fixed date and on the VM's clock: two of them
   * give byte-identical streams, so a stream received over TCP can be compared with one
   * written by {@code exec:cat} byte for byte.
   */
  static final Machine REPRODUCIBLE = PC.with("-rtc", "base=2020-01-01T00:00:00,clock=vm");
  static final List<String> EDITS = List.of("serial/state/scr=0x5a",
      "mc146818rtc/cmos_data[14]=0xa5");
  /** Where {@code -device loader} puts the random image. */
  static final long IMAGE = 0x1000000;
  static final int IMAGE_BYTES = 32 << 20;

  @TempDir static Path dir;
  static Path image;

  @BeforeAll
  static void setUp() throws IOException {
    RequireQemu.installed();
    byte[] data = new byte[IMAGE_BYTES];
    new Random(42).nextBytes(data);
    image = dir.resolve("random.bin");
    Files.write(image, data);
  }

  static InetSocketAddress loopback(int port) {
    return new InetSocketAddress(MigrationUri.LOOPBACK, port);
  }

  static String tcp(Incoming<?> port) {
    return MigrationUri.tcp(port.port());
  }

  /** A guest whose RAM holds the random image and that keeps running (its BIOS idles). */
  static Machine withImage(Machine m) {
    return m.memory(64).withLoader(image, IMAGE);
  }

  static void assertCompleted(MigrationStatus s, QemuProcess p) {
    assertThat(s.completed()).as("%s; QEMU said: %s", s, p.log()).isTrue();
  }

  // ------------------------------------------------------------------ 1. QEMU -> receive

  @Test
  void receivedStreamDecodesAsAnalyzeAndIsByteIdenticalToExecCat() throws Exception {
    Path viaExec = dir.resolve("exec-cat.mig");
    try (QemuProcess twin = Guests.fresh(REPRODUCIBLE)) {
      assertCompleted(twin.migrate(MigrationUri.toFile(viaExec), WAIT), twin);
    }
    Path recorded = dir.resolve("received.mig");
    Registry registry = QemuDevices.registryFor(viaExec);
    ReceiveResult r;
    try (QemuProcess source = Guests.fresh(REPRODUCIBLE);
        Incoming<ReceiveResult> port = MigrationReceiver.builder().recordTo(recorded)
            .registry(registry).build().listen(HostPort.parse("127.0.0.1:0"))) {
      assertCompleted(source.migrate(tcp(port), WAIT), source);
      r = port.await(WAIT);
    }
    // Two guests send the same state, but where QEMU cuts RAM into PART sections depends on
    // timing (on a loaded machine it differs), so the recording is compared as analyze reads it,
    // and its bytes against what the receiver counted.
    assertThat(StreamAnalyzer.open(recorded).dumpState())
        .isEqualTo(StreamAnalyzer.open(viaExec).dumpState());
    assertThat(Files.size(recorded)).isEqualTo(r.bytes());
    assertThat(r.dumpState()).isEqualTo(StreamAnalyzer.open(viaExec).dumpState());
    assertThat(r.dumpDesc()).isEqualTo(StreamAnalyzer.open(viaExec).dumpDesc());
    assertThat(r.machineType()).isEqualTo("pc-i440fx-7.2");
    assertThat(r.loaded()).isNotNull();
    assertThat(r.loaded().loaded()).extracting(s -> s.idstr())
        .contains("serial", "mc146818rtc", "timer");
    assertThat(r.loaded().skipped()).extracting(s -> s.section().idstr()).contains("ram", "cpu");
  }

  @Test
  void aGuestThatRanIsReceivedAndDecodedAsItsRecording() throws Exception {
    Path recorded = dir.resolve("bios-received.mig");
    ReceiveResult r;
    Observed before;
    try (QemuProcess source = Guests.afterBios(PC);
        Incoming<ReceiveResult> port = MigrationReceiver.builder().recordTo(recorded).build()
            .listen(HostPort.parse("127.0.0.1:0"))) {
      before = Observed.of(source);
      assertCompleted(source.migrate(tcp(port), WAIT), source);
      r = port.await(WAIT);
    }
    assertThat(r.dumpState()).isEqualTo(StreamAnalyzer.open(recorded).dumpState())
        .contains("\"scr\": \"0x" + String.format("%02x", before.scr()) + "\"");
    // the recording is a stream QEMU loads like any other
    try (QemuProcess dst = QemuStreams.load(PC, recorded, Map.of())) {
      assertThat(Observed.of(dst)).isEqualTo(before);
    }
  }

  // ------------------------------------------------------------------ 2. QEMU -> proxy -> QEMU

  @Test
  void proxyEditsReachTheDestinationAndEverythingElseIsWhatTheSourceSent() throws Exception {
    Path recorded = dir.resolve("proxied.mig");
    int port = MigrationUri.freeLoopbackPort();
    ProxyResult p;
    Observed source;
    CpuRegisters sourceCpu;
    byte[] sourceRam;
    try (QemuProcess src = Guests.afterBios(PC);
        QemuProcess dst = QemuProcess.incoming(PC, MigrationUri.tcp(port));
        Incoming<ProxyResult> proxy = MigrationProxy.builder(loopback(port)).set(EDITS)
            .recordTo(recorded).build().listen(HostPort.parse("127.0.0.1:0"))) {
      source = Observed.of(src);
      sourceCpu = src.hmp().registers();
      sourceRam = src.hmp().xpBytes(0x400, 64);
      assertThat(source.scr()).isNotEqualTo(0x5a);
      assertCompleted(src.migrate(tcp(proxy), WAIT), src);
      p = proxy.await(WAIT);
      assertCompleted(dst.awaitIncoming(WAIT), dst);
      Observed edited = Observed.of(dst);
      assertThat(edited.scr()).isEqualTo(0x5a);
      assertThat(edited.cmos0e()).isEqualTo(0xa5);
      assertThat(edited.ramWord()).isEqualTo(source.ramWord()).isEqualTo(0x03f8);
      assertThat(dst.hmp().xpBytes(0x400, 64)).isEqualTo(sourceRam);
      assertThat(dst.hmp().registers().text()).isEqualTo(sourceCpu.text());
    }
    assertThat(p.edits()).hasSize(2);
    assertThat(p.destinationClosed()).isTrue();
    // a direct migration gives the destination what the source sent: the recording
    try (QemuProcess direct = QemuStreams.load(PC, recorded, Map.of())) {
      Observed o = Observed.of(direct);
      assertThat(o).isEqualTo(source);
      assertThat(direct.hmp().registers().text()).isEqualTo(sourceCpu.text());
    }
  }

  // ------------------------------------------------------------------ 3. send -> QEMU

  @Test
  void anEditedFileSentIntoIncomingTcpIsLoadedWithTheEdits() throws Exception {
    QemuProcess guest = Guests.afterBios(PC);
    Observed source = Observed.of(guest);
    Path file = QemuStreams.migrate(guest, dir.resolve("to-send.mig"));
    int port = MigrationUri.freeLoopbackPort();
    try (QemuProcess dst = QemuProcess.incoming(PC, MigrationUri.tcp(port))) {
      SendResult s = MigrationSender.builder().set(EDITS).build().send(file, loopback(port));
      assertThat(s.edits()).hasSize(2);
      assertThat(s.bytes()).isEqualTo(Files.size(file));
      assertThat(s.destinationClosed()).isTrue();
      assertCompleted(dst.awaitIncoming(WAIT), dst);
      Observed o = Observed.of(dst);
      assertThat(o.scr()).isEqualTo(0x5a);
      assertThat(o.cmos0e()).isEqualTo(0xa5);
      assertThat(o.ramWord()).isEqualTo(source.ramWord());
      assertThat(o.eip()).isEqualTo(source.eip());
      assertThat(o.halted()).isTrue();
    }
  }

  @Test
  void aTypedEditSentIntoIncomingTcpGrowsTheSerialSectionAndLoads() throws Exception {
    Path file = QemuStreams.migrate(Guests.afterBios(PC), dir.resolve("to-send-typed.mig"));
    IsaSerial serial = new IsaSerial();
    Registry registry = new Registry();
    registry.register("serial", IsaSerial.VMSD, serial);
    int port = MigrationUri.freeLoopbackPort();
    try (QemuProcess dst = QemuProcess.incoming(PC, MigrationUri.tcp(port))) {
      SendResult s = MigrationSender.builder().edit(registry, r -> {
        serial.state.tsrRetry = 1;
        serial.state.tsr = 0x41;
        serial.state.lsr &= ~0x40; // a byte waits in the transmitter: TEMT clear
      }).build().send(file, loopback(port));
      // the serial/tsr subsection (22 bytes) and its entry in the JSON description
      assertThat(s.bytes()).isGreaterThan(Files.size(file) + 22);
      assertCompleted(dst.awaitIncoming(WAIT), dst);
      assertThat(dst.hmp().inb(0x3fd) & 0x40).isZero();
      assertThat(dst.hmp().xpWord(0x400)).isEqualTo(0x03f8);
    }
  }

  // ------------------------------------------------------------------ 4. a running guest

  /** Addresses compared between source and destination: BIOS data area, timer ticks, image. */
  static final long[] WORDS = {0x400, 0x46c, IMAGE, IMAGE + (IMAGE_BYTES / 2),
      IMAGE + IMAGE_BYTES - 16};

  @Test
  void ramOfARunningGuestComesInManyIterationsThroughTheProxy() throws Exception {
    Machine m = withImage(PC);
    int port = MigrationUri.freeLoopbackPort();
    Path recorded = dir.resolve("running.mig");
    try (QemuProcess src = QemuProcess.running(m);
        QemuProcess dst = QemuProcess.incoming(m, MigrationUri.tcp(port));
        Incoming<ProxyResult> proxy = MigrationProxy.builder(loopback(port)).recordTo(recorded)
            .build().listen(HostPort.parse("127.0.0.1:0"))) {
      QmpClient.sleep(500); // the BIOS is running and ticking
      src.qmp().setMaxBandwidth(16L << 20); // about 2 s for the image: the guest runs meanwhile
      MigrationStatus s = src.migrate(tcp(proxy), WAIT);
      assertCompleted(s, src);
      ProxyResult p = proxy.await(WAIT);
      assertCompleted(dst.awaitIncoming(WAIT), dst);
      assertThat(p.ramPasses()).as("RAM sections").isGreaterThan(10);
      assertThat(s.raw().path("ram").path("dirty-sync-count").asInt()).isGreaterThan(1);
      // the page with the BIOS's tick counter was sent again after the guest changed it
      assertThat(pagesAt(recorded, 0)).isGreaterThan(1);
      for (long a : WORDS) {
        assertThat(dst.hmp().xpBytes(a, 16)).as("RAM at 0x%x", a)
            .isEqualTo(src.hmp().xpBytes(a, 16));
      }
      assertThat(dst.hmp().xpBytes(IMAGE, 16))
          .isEqualTo(Arrays.copyOf(Files.readAllBytes(image), 16));
    }
  }

  @Test
  void ramOfARunningGuestComesInManyIterationsIntoTheReceiver() throws Exception {
    Machine m = withImage(PC);
    Path recorded = dir.resolve("running-received.mig");
    try (QemuProcess src = QemuProcess.running(m);
        Incoming<ReceiveResult> port = MigrationReceiver.builder().recordTo(recorded).build()
            .listen(HostPort.parse("127.0.0.1:0"))) {
      QmpClient.sleep(500);
      src.qmp().setMaxBandwidth(16L << 20);
      assertCompleted(src.migrate(tcp(port), WAIT), src);
      ReceiveResult r = port.await(WAIT);
      assertThat(r.ramPasses()).isGreaterThan(10);
      assertThat(r.ramPages()).isGreaterThan(64 * 256); // more than the guest has: resent
      assertThat(r.dumpState()).isEqualTo(StreamAnalyzer.open(recorded).dumpState());
      assertThat(pagesAt(recorded, 0)).isGreaterThan(1);
      // the recording loads, and holds the source's final RAM
      try (QemuProcess dst = QemuStreams.load(m, recorded, Map.of())) {
        for (long a : WORDS) {
          assertThat(dst.hmp().xpBytes(a, 16)).as("RAM at 0x%x", a)
              .isEqualTo(src.hmp().xpBytes(a, 16));
        }
      }
    }
  }

  /** How often the page at {@code address} was sent. */
  static long pagesAt(Path stream, long address) throws IOException {
    return QemuStreams.parts(stream).stream()
        .filter(p -> p.kind() == PartKind.RAM_RECORD && p.name().equals("pc.ram")
            && p.address() == address && (p.flags() & 0x0a) != 0)
        .count();
  }

  // ------------------------------------------------------------------ 5. faults

  /** Starts a slow migration of a running guest to {@code uri}; returns once it moved data. */
  static void startSlowMigration(QemuProcess src, String uri) {
    QmpClient.sleep(300);
    src.qmp().setMaxBandwidth(8L << 20);
    src.qmp().migrate(uri);
  }

  @Test
  void aSourceKilledMidStreamEndsTheReceiverWithOffsetAndSection() throws Exception {
    CountDownLatch moving = new CountDownLatch(1);
    try (QemuProcess src = QemuProcess.running(withImage(PC));
        Incoming<ReceiveResult> port = MigrationReceiver.builder()
            .progress(p -> {
              if (p.bytes() > (4 << 20)) {
                moving.countDown();
              }
            }).build().listen(HostPort.parse("127.0.0.1:0"))) {
      startSlowMigration(src, tcp(port));
      assertThat(moving.await(30, TimeUnit.SECONDS)).isTrue();
      src.kill();
      assertThatThrownBy(() -> port.await(WAIT))
          .isInstanceOf(LiveMigrationException.class)
          .hasMessageContaining("before the stream was complete")
          .hasMessageContaining("last section 'ram' (id ");
    }
  }

  @Test
  void aSourceKilledMidStreamFailsTheDestinationBehindTheProxyAsADirectOneFails()
      throws Exception {
    Machine m = withImage(PC);
    String direct;
    int port = MigrationUri.freeLoopbackPort();
    try (QemuProcess src = QemuProcess.running(m);
        QemuProcess dst = QemuProcess.incoming(m, MigrationUri.tcp(port))) {
      startSlowMigration(src, MigrationUri.tcp(port));
      QmpClient.sleep(1000);
      src.kill();
      MigrationStatus s = dst.awaitIncoming(WAIT);
      assertThat(s.failed()).as("%s", s).isTrue();
      direct = s.error();
    }
    port = MigrationUri.freeLoopbackPort();
    try (QemuProcess src = QemuProcess.running(m);
        QemuProcess dst = QemuProcess.incoming(m, MigrationUri.tcp(port));
        Incoming<ProxyResult> proxy = MigrationProxy.builder(loopback(port)).build()
            .listen(HostPort.parse("127.0.0.1:0"))) {
      startSlowMigration(src, tcp(proxy));
      QmpClient.sleep(1000);
      src.kill();
      assertThatThrownBy(() -> proxy.await(WAIT))
          .isInstanceOf(LiveMigrationException.class)
          .hasMessageContaining("before the stream was complete");
      MigrationStatus s = dst.awaitIncoming(WAIT);
      assertThat(s.failed()).as("%s", s).isTrue();
      // the stream ends early for the destination either way; where it ends decides QEMU's
      // words: a cut section fails its footer check, a cut between sections fails the read,
      // and a cut inside a RAM page's header leaves QEMU reading zeros after the end (flags 0)
      assertThat(List.of(direct, s.error())).allSatisfy(e -> assertThat(e)
          .containsPattern("Read section footer failed: -5|Input/output error"
              + "|Unknown combination of migration flags: 0x0"));
    }
  }

  @Test
  void aDestinationOfAnotherMachineTypeRefusesAndTheProxySaysSo() throws Exception {
    int port = MigrationUri.freeLoopbackPort();
    try (QemuProcess src = Guests.afterBios(PC);
        QemuProcess dst = QemuProcess.incoming(Machine.q35().withSerial(),
            MigrationUri.tcp(port));
        Incoming<ProxyResult> proxy = MigrationProxy.builder(loopback(port)).build()
            .listen(HostPort.parse("127.0.0.1:0"))) {
      MigrationStatus s = src.migrate(tcp(proxy), WAIT);
      assertThatThrownBy(() -> proxy.await(WAIT))
          .isInstanceOf(LiveMigrationException.class)
          .hasMessageContaining("QEMU refused the stream")
          .hasMessageContaining("machine type 'pc-i440fx-7.2'");
      MigrationStatus d = dst.awaitIncoming(WAIT);
      assertThat(d.failed()).isTrue();
      assertThat(d.error()).contains("Machine type received is 'pc-i440fx-7.2' and local is"
          + " 'pc-q35-7.2'");
      assertThat(s.status()).as("source: %s", s).isIn("failed", "completed");
    }
  }

  @Test
  void anEditThatCannotBeAppliedFailsTheMigrationInsteadOfForwardingUneditedState()
      throws Exception {
    int port = MigrationUri.freeLoopbackPort();
    try (QemuProcess src = Guests.afterBios(PC);
        QemuProcess dst = QemuProcess.incoming(PC, MigrationUri.tcp(port));
        Incoming<ProxyResult> proxy = MigrationProxy.builder(loopback(port))
            .set(List.of("serial/state/scr=0x1ff")).build()
            .listen(HostPort.parse("127.0.0.1:0"))) {
      src.migrate(tcp(proxy), WAIT);
      assertThatThrownBy(() -> proxy.await(WAIT))
          .isInstanceOf(LiveMigrationException.class)
          .hasMessageContaining("edit not applied")
          .hasMessageContaining("511 does not fit 'serial (");
      MigrationStatus d = dst.awaitIncoming(WAIT);
      assertThat(d.failed()).as("%s", d).isTrue();
    }
  }
}
