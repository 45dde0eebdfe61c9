package org.vmstate4j.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.vmstate4j.engine.analyze.StreamAnalyzer;

/** {@code /desc DEVICE|FILE}: QEMU's JSON description of a registered device or of a stream. */
final class DescCommand implements ConsoleCommand {
  @Override
  public String name() {
    return "desc";
  }

  @Override
  public String arguments() {
    return "DEVICE|FILE";
  }

  @Override
  public String summary() {
    return "the JSON description of a registered device, or the one a stream file carries";
  }

  @Override
  public Outcome run(CommandContext context, List<String> args) {
    if (args.size() != 1) {
      context.err().println("error: usage: /desc " + arguments());
      return Outcome.FAILED;
    }
    String what = args.get(0);
    boolean device = Consoles.machine().devices().stream().anyMatch(d -> d.label().equals(what));
    if (device) {
      context.out().println(Consoles.describe(what));
      return Outcome.OK;
    }
    Path file = Path.of(what);
    if (!Files.isRegularFile(file)) {
      context.err().println("error: '" + what + "' is neither a registered device nor a file");
      return Outcome.FAILED;
    }
    try {
      context.out().print(StreamAnalyzer.describe(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Outcome.OK;
  }
}
