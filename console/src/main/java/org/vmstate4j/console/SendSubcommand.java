package org.vmstate4j.console;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.live.HostPort;
import org.vmstate4j.engine.live.MigrationSender;
import org.vmstate4j.engine.live.SendResult;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** {@code vmstate send FILE --to HOST:PORT [--set PATH=VALUE ...]}: plays a stream into QEMU. */
final class SendSubcommand extends Subcommand {
  Path file;
  @Nullable InetSocketAddress to;
  final EditOptions edits;
  long wait;

  SendSubcommand(CliContext context) {
    super(context, "send", "play a stream file into QEMU's -incoming tcp:",
        "Sends a stream file to a QEMU started with '-incoming tcp:HOST:PORT', as a migration"
            + " source would. --set applies edits on the way, with the paths and rules of"
            + " 'edit'; everything else passes byte for byte. Edits are checked before"
            + " connecting.",
        "Afterwards it waits (--wait) for QEMU to close the connection, which it does once it"
            + " has read the stream; whether QEMU accepted it, its log or 'info migrate' says.");
    exitCodes("0:the whole stream was sent",
        "1:an edit cannot be applied, nothing listens on HOST:PORT, or the destination closed"
            + " the connection before the end (QEMU refused the stream)",
        "2:usage error");
    spec.addPositional(Specs.bind(PositionalParamSpec.builder().type(Path.class),
            () -> file, v -> file = v)
        .required(true).paramLabel("FILE").description("the stream to send").build());
    spec.addOption(Specs.bind(LiveOptions.address("--to"), () -> to, v -> to = v)
        .required(true).description("where QEMU listens").build());
    edits = new EditOptions(spec);
    spec.addOption(Specs.bind(OptionSpec.builder("--wait").type(long.class),
            () -> wait, v -> wait = v)
        .paramLabel("SECONDS").defaultValue("30")
        .description("how long to wait for the destination to close the connection (default"
            + " 30)").build());
  }

  @Override
  public Integer call() {
    try {
      String notAStream = StreamFiles.notAStream(file);
      if (notAStream != null) {
        return fail(StreamFiles.notAStreamMessage(file, notAStream));
      }
      MigrationSender.Builder b = MigrationSender.builder()
          .closeWait(java.time.Duration.ofSeconds(Math.max(1, wait)));
      edits.sets.forEach(b::set);
      SendResult r;
      try (MigrationBar bar = new MigrationBar("send", context)) {
        r = b.progress(bar).build().send(file, to);
      }
      EditOptions.report(context.out(), r.edits());
      context.out().println("sent " + r.bytes() + " bytes to " + HostPort.format(to) + " in "
          + r.time().toMillis() + " ms; " + (r.destinationClosed()
          ? "the destination closed the connection after reading it"
          : "the destination kept the connection open for " + wait + " s"));
      return Cli.OK;
    } catch (IOException | RuntimeException e) {
      // a missing file as "no such file: FILE" (UserMessage's form)
      return fail(UserMessage.of(e));
    }
  }
}
