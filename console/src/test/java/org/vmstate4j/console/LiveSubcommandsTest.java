package org.vmstate4j.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmstate4j.engine.edit.Assignment;
import org.vmstate4j.engine.edit.StreamEdit;
import org.vmstate4j.engine.live.HostPort;
import org.vmstate4j.engine.live.Incoming;
import org.vmstate4j.engine.live.LiveMigrationException;
import org.vmstate4j.engine.live.MigrationReceiver;
import org.vmstate4j.engine.live.MigrationSender;
import org.vmstate4j.engine.live.ReceiveResult;

/** {@code vmstate receive}, {@code send} and {@code proxy} over loopback, without QEMU. */
class LiveSubcommandsTest {
  static final Duration WAIT = Duration.ofSeconds(30);
  static final String CMOS = "mc146818rtc/cmos_data[14]=0xa5";

  @TempDir Path tmp;

  static Path pcMin() throws Exception {
    return MainTest.stream("pc-min.mig");
  }

  static int freePort() throws IOException {
    try (ServerSocketChannel s = ServerSocketChannel.open()) {
      s.bind(new InetSocketAddress("127.0.0.1", 0));
      return ((InetSocketAddress) s.getLocalAddress()).getPort();
    }
  }

  /** Runs a command line in the background, as a user starts a listener in another shell. */
  static CompletableFuture<CliResult> background(String... args) {
    return CompletableFuture.supplyAsync(() -> CliResult.run(args));
  }

  /** Sends {@code file} to a port that a background command is about to open. */
  static void sendWhenListening(Path file, int port) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      try {
        MigrationSender.builder().closeWait(Duration.ofSeconds(10)).build()
            .send(file, HostPort.parse("127.0.0.1:" + port));
        return;
      } catch (LiveMigrationException e) {
        if (!e.getMessage().contains("cannot connect") || System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(50);
      }
    }
  }

  static CliResult get(CompletableFuture<CliResult> f) throws Exception {
    return f.get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  @Test
  void receivePrintsWhatAnalyzePrintsAndRecordsTheStream() throws Exception {
    int port = freePort();
    Path rec = tmp.resolve("rec.mig");
    CompletableFuture<CliResult> receive = background("receive", "--listen",
        "127.0.0.1:" + port, "-o", rec.toString());
    sendWhenListening(pcMin(), port);
    CliResult r = get(receive);

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo(CliResult.run("analyze", pcMin().toString()).out());
    assertThat(r.err()).contains("listening on 127.0.0.1:" + port + " (QEMU: migrate tcp:127.0.0.1:"
        + port + ")\n")
        .contains("received 350517 bytes (4226 RAM pages in 3 RAM sections, devices from byte"
            + " 239005), machine pc-i440fx-7.2")
        .contains("recorded to " + rec);
    assertThat(Files.readAllBytes(rec)).isEqualTo(Files.readAllBytes(pcMin()));
  }

  @Test
  void receiveReadsWhatACommandWritesAsQemusIncomingExecDoes() throws Exception {
    CliResult r = CliResult.run("receive", "--exec", "cat '" + pcMin() + "'", "--dump", "desc");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo(CliResult.run("analyze", pcMin().toString(), "--dump", "desc")
        .out());
  }

  @Test
  void aStreamThatEndsEarlyIsOneLineWithTheByteAndTheSection() throws Exception {
    CliResult r = CliResult.run("receive", "--exec", "head -c 100000 '" + pcMin() + "'");

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).endsWith("\n").contains("receive: the connection closed after 100000"
        + " bytes, before the stream was complete")
        .contains("last section 'ram' (id 2) PART at 196]");
    assertThat(r.err().lines().filter(l -> l.startsWith("receive:"))).hasSize(1);
  }

  @Test
  void loadRunsTheScriptAndLoadsTheDevicesItRegisters() throws Exception {
    Path script = tmp.resolve("devices.jsh");
    Files.writeString(script, String.join("\n",
        "var rtc = org.vmstate4j.dsl.qemu.QemuDevices.get(\"mc146818rtc\");",
        "register(\"mc146818rtc\", rtc.vmsd(), rtc.newState());",
        ""));

    CliResult r = CliResult.run("receive", "--exec", "cat '" + pcMin() + "'", "--load",
        script.toString(), "--dump", "none");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains("loaded 1 device(s): mc146818rtc; skipped ");
  }

  @Test
  void sendAppliesEditsAsEditDoes() throws Exception {
    Path rec = tmp.resolve("sent.mig");
    CliResult r;
    try (Incoming<ReceiveResult> port = MigrationReceiver.builder().recordTo(rec).build()
        .listen(HostPort.parse("127.0.0.1:0"))) {
      r = CliResult.run("send", pcMin().toString(), "--to", "127.0.0.1:" + port.port(),
          "--set", CMOS);
      port.await(WAIT);
    }
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("set mc146818rtc (19)/cmos_data[14] @0x3b4bd: 00 -> a5\n"
        + "sent 350517 bytes to 127.0.0.1:")
        .contains("the destination closed the connection after reading it");
    Path expected = tmp.resolve("edited.mig");
    CliResult edit = CliResult.run("edit", pcMin().toString(), "-o", expected.toString(),
        "--set", CMOS);
    assertThat(edit.code()).isZero();
    assertThat(Files.readAllBytes(rec)).isEqualTo(Files.readAllBytes(expected));
  }

  @Test
  void sendRefusesABadEditBeforeConnecting() throws Exception {
    CliResult r = CliResult.run("send", pcMin().toString(), "--to", "127.0.0.1:" + freePort(),
        "--set", "mc146818rtc/cmos_data[14]=0x100");

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("send: mc146818rtc/cmos_data[14]: 256 does not fit"
        + " 'mc146818rtc (19)/cmos_data[14]', an unsigned 8-bit: 0..0xff\n");
  }

  @Test
  void proxyForwardsTheEditedStreamAndRecordsTheOriginal() throws Exception {
    Path dest = tmp.resolve("destination.mig");
    Path rec = tmp.resolve("source.mig");
    int port = freePort();
    CliResult r;
    try (Incoming<ReceiveResult> destination = MigrationReceiver.builder().recordTo(dest)
        .build().listen(HostPort.parse("127.0.0.1:0"))) {
      CompletableFuture<CliResult> proxy = background("proxy", "--listen", "127.0.0.1:" + port,
          "--forward", "127.0.0.1:" + destination.port(), "--set", CMOS, "--record",
          rec.toString());
      sendWhenListening(pcMin(), port);
      r = get(proxy);
      destination.await(WAIT);
    }
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("set mc146818rtc (19)/cmos_data[14] @0x3b4bd: 00 -> a5\n"
        + "forwarded 350517 of 350517 bytes (4226 RAM pages in 3 RAM sections, devices from"
        + " byte 239005), machine pc-i440fx-7.2, 1 edit(s); ")
        .endsWith("recorded to " + rec + "\n");
    assertThat(r.err()).contains("listening on 127.0.0.1:" + port);
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    try (StreamEdit e = StreamEdit.of(pcMin())) {
      e.set(Assignment.parse(CMOS)).writeTo(expected);
    }
    assertThat(Files.readAllBytes(dest)).isEqualTo(expected.toByteArray());
    assertThat(Files.readAllBytes(rec)).isEqualTo(Files.readAllBytes(pcMin()));
  }

  @Test
  void proxyStopsTheMigrationWhenAnEditCannotBeApplied() throws Exception {
    int port = freePort();
    CliResult r;
    try (Incoming<ReceiveResult> destination = MigrationReceiver.builder().build()
        .listen(HostPort.parse("127.0.0.1:0"))) {
      CompletableFuture<CliResult> proxy = background("proxy", "--listen", "127.0.0.1:" + port,
          "--forward", "127.0.0.1:" + destination.port(), "--set", "serial/state/scr=1");
      sendWhenListening(pcMin(), port);
      r = get(proxy);
      assertThat(destination.isDone() || awaitFails(destination)).isTrue();
    }
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("proxy: edit not applied, so the migration was stopped before"
        + " the device state (both connections closed): serial/state/scr: no section 'serial'");
  }

  private static boolean awaitFails(Incoming<ReceiveResult> destination) {
    try {
      destination.await(WAIT);
      return false;
    } catch (LiveMigrationException e) {
      return e.getMessage().contains("before the stream was complete");
    }
  }

  @Test
  void addressesAreCheckedWhileParsing() {
    CliResult r = CliResult.run("receive", "--listen", "nowhere");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("expected HOST:PORT, e.g. 127.0.0.1:4444, not 'nowhere'");
  }

  @Test
  void barDetailCountsPagesAndSections() {
    assertThat(MigrationBar.detail(new org.vmstate4j.engine.live.LiveProgress(1 << 20, -1, 4226,
        3, false))).isEqualTo("4,226 RAM pages in 3 sections");
    assertThat(ProgressBar.render("receive", 12 << 20, -1, 80, "4,226 RAM pages in 3 sections"))
        .isEqualTo("receive 12.0 MiB, 4,226 RAM pages in 3 sections");
  }
}
