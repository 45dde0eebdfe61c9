package org.vmstate4j.console;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.inspect.Explain;
import org.vmstate4j.engine.inspect.Explanation;
import org.vmstate4j.engine.stream.Registry;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * {@code --from-stream} / {@code --registered} of {@code explain} and {@code diff}: decode with
 * the JSON description a stream carries (the source's view), or with the devices registered in
 * the console (the destination's view, a dry run); the command line has no registered devices.
 */
final class StreamView {
  private final CommandSpec spec;
  boolean fromStream;
  boolean registered;

  /** Adds the options to the command {@code spec}. */
  StreamView(CommandSpec spec) {
    this.spec = spec;
    spec.addOption(Specs.bind(OptionSpec.builder("--from-stream").type(boolean.class),
            () -> fromStream, v -> fromStream = v)
        .description("decode with the JSON description the stream carries (the source's view;"
            + " the default)").build());
    spec.addOption(Specs.bind(OptionSpec.builder("--registered").type(boolean.class),
            () -> registered, v -> registered = v)
        .description("console only: decode with the registered devices' descriptions (the"
            + " destination's view, a dry run)").build());
  }

  /** The registry to decode with, or null for the stream's own description. */
  @Nullable Registry registry(CliContext context) {
    if (!registered || fromStream) {
      return null;
    }
    Supplier<Registry> devices = context.registered();
    if (devices == null) {
      throw new ParameterException(spec.commandLine(),
          "--registered decodes with the devices registered in the console (or a script);"
          + " the command line has none");
    }
    return devices.get();
  }

  /** {@code file} explained in this view; {@code registry} from {@link #registry}. */
  static Explanation explain(@Nullable Registry registry, Path file) throws IOException {
    return registry == null ? Explain.fromStream(file) : Explain.of(registry, file);
  }
}
