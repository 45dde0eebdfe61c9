package org.vmstate4j.console;

import java.util.List;
import org.vmstate4j.engine.stream.LoadResult;

/** {@code /load FILE [--skip-unknown]}: loads a migration stream into the registered devices. */
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
    LoadResult r;
    try (ProgressBar bar = Consoles.progress("load " + file)) {
      r = Consoles.machine().load(java.nio.file.Path.of(file), args.size() == 2, bar::update);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    context.out().printf("loaded %d device(s) from %s", r.loaded().size(), file);
    if (!r.skipped().isEmpty()) {
      context.out().printf(", skipped %d section(s)", r.skipped().size());
    }
    context.out().println();
    if (!r.absent().isEmpty()) {
      context.out().println("not in the stream: " + r.absent());
    }
    return Outcome.OK;
  }
}
