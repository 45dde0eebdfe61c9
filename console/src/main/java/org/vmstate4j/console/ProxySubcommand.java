package org.vmstate4j.console;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.live.HostPort;
import org.vmstate4j.engine.live.Incoming;
import org.vmstate4j.engine.live.MigrationProxy;
import org.vmstate4j.engine.live.ProxyResult;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code vmstate proxy --listen A --forward B [--set PATH=VALUE ...] [--record FILE]}: sits
 * between two QEMUs and edits the device state on the way.
 */
final class ProxySubcommand extends Subcommand {
  @Nullable InetSocketAddress listen;
  @Nullable InetSocketAddress forward;
  final EditOptions edits;
  @Nullable Path record;
  final LiveOptions.Timeout timeout;

  ProxySubcommand(CliContext context) {
    super(context, "proxy", "pass a live migration between two QEMUs, editing device state",
        "Listens for a source QEMU (migrate tcp:A) and connects to a destination QEMU started"
            + " with -incoming tcp:B. RAM goes through as it arrives; the device sections,"
            + " which QEMU sends at completion, are held until the JSON description (sent last)"
            + " is there, then edited with --set (paths and rules of 'edit') and forwarded.",
        "An edit that cannot be applied stops the migration: both connections are closed and"
            + " the destination never gets unedited state. --record keeps the stream as the"
            + " source sent it.");
    exitCodes("0:the whole stream went to the destination, edited",
        "1:an edit cannot be applied, the source's connection dropped, the destination refused"
            + " the stream or cannot be reached, or --timeout passed",
        "2:usage error");
    spec.addOption(Specs.bind(LiveOptions.address("--listen"), () -> listen, v -> listen = v)
        .required(true).description("where the source connects (its migrate tcp:HOST:PORT)")
        .build());
    spec.addOption(Specs.bind(LiveOptions.address("--forward"), () -> forward,
            v -> forward = v)
        .required(true).description("the destination's -incoming tcp:HOST:PORT").build());
    edits = new EditOptions(spec);
    spec.addOption(Specs.bind(OptionSpec.builder("--record").type(Path.class),
            () -> record, v -> record = v)
        .paramLabel("FILE").description("write the stream as the source sent it to FILE")
        .build());
    timeout = new LiveOptions.Timeout(spec);
  }

  @Override
  public Integer call() {
    try {
      MigrationProxy.Builder b = MigrationProxy.builder(forward).recordTo(record);
      edits.sets.forEach(b::set);
      ProxyResult r;
      try (MigrationBar bar = new MigrationBar("proxy", context);
          Incoming<ProxyResult> port = b.progress(bar).build().listen(listen)) {
        String where = HostPort.format(port.address());
        context.err().println("listening on " + where + " (QEMU: migrate tcp:" + where
            + "), forwarding to " + HostPort.format(forward));
        context.err().flush();
        r = port.await(timeout.duration());
      }
      EditOptions.report(context.out(), r.edits());
      context.out().println(r.summary());
      if (record != null) {
        context.out().println("recorded to " + record);
      }
      return Cli.OK;
    } catch (IOException | RuntimeException e) {
      return fail(UserMessage.of(e));
    }
  }
}
