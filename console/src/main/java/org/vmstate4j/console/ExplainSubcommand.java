package org.vmstate4j.console;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.inspect.ExplainItem;
import org.vmstate4j.engine.inspect.Explanation;
import org.vmstate4j.engine.stream.Registry;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** {@code vmstate explain FILE [--state]}: the annotated dump of a stream, one item per line. */
final class ExplainSubcommand extends Subcommand {
  Path file;
  final StreamView view;
  boolean stateOnly;

  ExplainSubcommand(CliContext context) {
    super(context, "explain", "annotated dump of a stream, item by item",
        "Every item with its offset, path, codec, bytes and value. A stream that cannot be read"
            + " to its end is shown up to the failure, with the bytes around it.");
    exitCodes("0:the stream was read to its end",
        "1:it was not (the dump shows where), it is not a migration stream, or it cannot be read",
        "2:usage error");
    spec.addPositional(Specs.bind(PositionalParamSpec.builder().type(Path.class),
            () -> file, v -> file = v)
        .required(true).paramLabel("FILE").description("the migration stream").build());
    view = new StreamView(spec);
    spec.addOption(Specs.bind(OptionSpec.builder("--state").type(boolean.class),
            () -> stateOnly, v -> stateOnly = v)
        .description("print only field values and pointer markers").build());
  }

  @Override
  public Integer call() {
    @Nullable Registry registry = view.registry(context);
    Explanation x;
    try {
      String notAStream = StreamFiles.notAStream(file);
      if (notAStream != null) {
        return fail(StreamFiles.notAStreamMessage(file, notAStream));
      }
      x = StreamView.explain(registry, file);
    } catch (NoSuchFileException e) {
      return fail(file + ": no such file");
    } catch (IOException | RuntimeException e) {
      return fail(file + ": " + UserMessage.of(e));
    }
    List<String> lines = stateOnly ? x.lines(ExplainItem::isState) : x.lines();
    lines.forEach(context.out()::println);
    context.out().flush();
    return x.ok() ? Cli.OK : Cli.FAILED;
  }
}
