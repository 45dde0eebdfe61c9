package org.vmstate4j.console;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.live.HostPort;
import org.vmstate4j.engine.live.Incoming;
import org.vmstate4j.engine.live.MigrationReceiver;
import org.vmstate4j.engine.live.ReceiveResult;
import org.vmstate4j.engine.stream.LoadResult;
import org.vmstate4j.engine.stream.Registry;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * {@code vmstate receive --listen HOST:PORT [-o FILE] [--load SCRIPT.jsh]}: a destination for
 * QEMU's {@code migrate tcp:HOST:PORT} that prints what {@code analyze} prints for the stream.
 */
final class ReceiveSubcommand extends Subcommand {
  @Nullable InetSocketAddress listen;
  @Nullable String exec;
  @Nullable Path output;
  @Nullable Path load;
  boolean registered;
  String dump;
  final LiveOptions.Timeout timeout;

  ReceiveSubcommand(CliContext context) {
    super(context, "receive", "receive a live migration from QEMU and decode it",
        "A destination for QEMU's 'migrate tcp:HOST:PORT'. RAM goes to -o FILE, or nowhere, as"
            + " it arrives; the device sections wait on disk for the JSON description QEMU sends"
            + " last. Then it prints what 'analyze' prints for the same stream in a file. Memory"
            + " use does not grow with the guest's RAM.",
        "Start it, then in QEMU's monitor: migrate tcp:127.0.0.1:4444 (QMP: migrate with"
            + " {\"uri\": \"tcp:127.0.0.1:4444\"}). With --exec it reads what a command writes,"
            + " as QEMU's -incoming exec: does.",
        "Progress (bytes, RAM pages and sections) and the summary go to stderr, the decoded"
            + " state to stdout.");
    exitCodes("0:a complete stream arrived and was decoded (and loaded, with --load)",
        "1:the connection dropped mid-stream (the error names the byte and the last section),"
            + " the stream is malformed, a device did not load, or --timeout passed",
        "2:usage error");
    spec.addOption(Specs.bind(LiveOptions.address("--listen"), () -> listen, v -> listen = v)
        .description("accept one migration on this address (port 0: any free port)").build());
    spec.addOption(Specs.bind(OptionSpec.builder("--exec").type(String.class),
            () -> exec, v -> exec = v)
        .paramLabel("COMMAND")
        .description("read the stream that /bin/sh -c COMMAND writes to its stdout").build());
    spec.addOption(Specs.bind(OptionSpec.builder("-o", "--output").type(Path.class),
            () -> output, v -> output = v)
        .paramLabel("FILE")
        .description("write the stream, byte for byte as received, to FILE").build());
    spec.addOption(Specs.bind(OptionSpec.builder("--load").type(Path.class),
            () -> load, v -> load = v)
        .paramLabel("SCRIPT.jsh")
        .description("run the script first (it registers devices with register(...)), then load"
            + " the registered devices from the stream").build());
    spec.addOption(Specs.bind(OptionSpec.builder("--registered").type(boolean.class),
            () -> registered, v -> registered = v)
        .description("in the console: load the devices registered there from the stream")
        .build());
    spec.addOption(Specs.bind(OptionSpec.builder("--dump").type(String.class),
            () -> dump, v -> dump = v)
        .paramLabel("state|desc|none").defaultValue("state")
        .description("what to print: the decoded state (default), the JSON description, or"
            + " nothing").build());
    timeout = new LiveOptions.Timeout(spec);
  }

  @Override
  public Integer call() {
    if ((listen == null) == (exec == null)) {
      // the usage error convention: picocli's handler prints it with the usage, exit 2
      throw new ParameterException(spec.commandLine(),
          "Missing required option: one of '--listen=HOST:PORT' and '--exec=COMMAND'");
    }
    if (!List.of("state", "desc", "none").contains(dump)) {
      fail("--dump must be state, desc or none, not " + dump);
      return Cli.USAGE;
    }
    try {
      Registry registry = registry();
      ReceiveResult r;
      try (MigrationBar bar = new MigrationBar("receive", context)) {
        MigrationReceiver receiver = MigrationReceiver.builder().recordTo(output)
            .registry(registry).progress(bar).build();
        r = listen != null ? listen(receiver, listen) : exec(receiver);
      }
      context.err().println(r.summary());
      if (output != null) {
        context.err().println("recorded to " + output);
      }
      LoadResult loaded = r.loaded();
      if (loaded != null) {
        context.err().println("loaded " + loaded.loaded().size() + " device(s)"
            + (loaded.loaded().isEmpty() ? "" : ": " + loaded.loaded().stream()
                .map(s -> s.idstr() + (s.instanceId() == 0 ? "" : "#" + s.instanceId()))
                .collect(Collectors.joining(", ")))
            + "; skipped " + loaded.skipped().size() + " section(s)");
        if (!loaded.absent().isEmpty()) {
          context.err().println("not in the stream: " + loaded.absent().stream()
              .map(Registry.Entry::idstr).collect(Collectors.joining(", ")));
        }
      }
      if (!dump.equals("none")) {
        context.out().print(dump.equals("state") ? r.dumpState() : r.dumpDesc());
        context.out().flush();
      }
      return Cli.OK;
    } catch (IOException | RuntimeException e) {
      // a missing file as "no such file: FILE" (UserMessage's form)
      return fail(UserMessage.of(e));
    }
  }

  private @Nullable Registry registry() throws IOException {
    if (load != null) {
      if (!java.nio.file.Files.isRegularFile(load)) {
        throw new NoSuchFileException(load.toString());
      }
      // the script's output goes to stderr: stdout is for the decoded state
      int code = Main.runScript(load, List.of(), verbose(), context.err(), context.err());
      if (code != 0) {
        throw new IllegalStateException(load + " failed (exit " + code + "): nothing received");
      }
      return Consoles.machine().registry(List.of());
    }
    Supplier<Registry> console = context.registered();
    if (registered) {
      if (console == null) {
        throw new IllegalArgumentException("--registered works in the console; on the command"
            + " line use --load SCRIPT.jsh");
      }
      return console.get();
    }
    return null;
  }

  private ReceiveResult listen(MigrationReceiver receiver, InetSocketAddress at)
      throws IOException {
    try (Incoming<ReceiveResult> port = receiver.listen(at)) {
      String where = HostPort.format(port.address());
      context.err().println("listening on " + where + " (QEMU: migrate tcp:" + where + ")");
      context.err().flush();
      return port.await(timeout.duration());
    }
  }

  private ReceiveResult exec(MigrationReceiver receiver) throws IOException {
    Process p = new ProcessBuilder("/bin/sh", "-c", exec)
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
    try (InputStream in = p.getInputStream()) {
      return receiver.receive(in);
    } finally {
      try {
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          p.waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        p.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }
}
