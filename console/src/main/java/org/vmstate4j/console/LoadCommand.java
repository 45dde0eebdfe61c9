package org.vmstate4j.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.vmstate4j.engine.stream.LoadResult;

/**
 * {@code /load FILE [--skip-unknown]}: loads a migration stream into the registered devices. A
 * device an earlier load filled gets a new object (QEMU loads into fresh devices only), and the
 * command says so.
 */
final class LoadCommand implements ConsoleCommand {
  @Override
  public String name() {
    return "load";
  }

  @Override
  public String arguments() {
    return "FILE [--skip-unknown]";
  }

  @Override
  public String summary() {
    return "load a migration stream into the registered devices (all or nothing)";
  }

  @Override
  public Outcome run(CommandContext context, List<String> args) {
    if (args.isEmpty() || args.size() > 2
        || (args.size() == 2 && !args.get(1).equals("--skip-unknown"))) {
      context.err().println("error: usage: /load " + arguments());
      return Outcome.FAILED;
    }
    String file = args.get(0);
    Machine machine = Consoles.machine();
    List<Machine.Device> renewing = machine.filledDevices();
    Machine.Loaded loaded;
    try (ProgressBar bar = Consoles.progress("load " + file)) {
      loaded = machine.load(Path.of(file), args.size() == 2, bar::update);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      if (renewing.isEmpty()) {
        throw e;
      }
      context.err().println("error: " + UserMessage.of(e));
      context.err().println("(loaded into new objects for " + renewing.stream()
          .map(Machine.Device::label).collect(Collectors.joining(", "))
          + ", as an earlier load filled the registered ones; nothing changed)");
      return Outcome.FAILED;
    }
    LoadResult r = loaded.result();
    context.out().printf("loaded %d device(s) from %s", r.loaded().size(), file);
    if (!r.skipped().isEmpty()) {
      context.out().printf(", skipped %d section(s)", r.skipped().size());
    }
    context.out().println();
    for (Machine.Device d : loaded.renewed()) {
      context.out().println(Consoles.renewedNote(d));
    }
    if (!r.absent().isEmpty()) {
      context.out().println("not in the stream: " + r.absent());
    }
    return Outcome.OK;
  }
}
