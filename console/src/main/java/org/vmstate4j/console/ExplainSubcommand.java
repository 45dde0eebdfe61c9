package org.vmstate4j.console;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.inspect.Explain;
import org.vmstate4j.engine.inspect.ExplainItem;
import org.vmstate4j.engine.inspect.Explanation;
import org.vmstate4j.engine.stream.Registry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vmstate explain FILE [--state]}: the annotated dump of a stream, one item per line. */
@Command(name = "explain",
    description = {"annotated dump of a stream, item by item",
        "Every item with its offset, path, codec, bytes and value. A stream that cannot be read"
            + " to its end is shown up to the failure, with the bytes around it."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:the stream was read to its end",
        "1:it was not (the dump shows where), it is not a migration stream, or it cannot be read",
        "2:usage error"})
final class ExplainSubcommand implements Callable<Integer> {
  private final CliContext context;

  @Spec
  CommandSpec spec;

  @Mixin
  HelpOption help = new HelpOption();

  @Parameters(paramLabel = "FILE", description = "the migration stream")
  Path file;

  @Option(names = "--from-stream",
      description = "decode with the JSON description the stream carries (the source's view;"
          + " the default)")
  boolean fromStream;

  @Option(names = "--registered",
      description = "console only: decode with the registered devices' descriptions (the"
          + " destination's view, a dry run)")
  boolean registered;

  @Option(names = "--state", description = "print only field values and pointer markers")
  boolean stateOnly;

  ExplainSubcommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    @Nullable Registry registry = Registered.registry(spec, context, registered && !fromStream);
    Explanation x;
    try {
      String notAStream = StreamFiles.notAStream(file);
      if (notAStream != null) {
        context.err().println("explain: " + StreamFiles.notAStreamMessage(file, notAStream));
        return Cli.FAILED;
      }
      x = registry == null ? Explain.fromStream(file) : Explain.of(registry, file);
    } catch (NoSuchFileException e) {
      context.err().println("explain: " + file + ": no such file");
      return Cli.FAILED;
    } catch (IOException | RuntimeException e) {
      context.err().println("explain: " + file + ": " + UserMessage.of(e));
      return Cli.FAILED;
    }
    List<String> lines = stateOnly ? x.lines(ExplainItem::isState) : x.lines();
    lines.forEach(context.out()::println);
    context.out().flush();
    return x.ok() ? Cli.OK : Cli.FAILED;
  }
}
