package org.vmstate4j.console;

import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.stream.Registry;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** {@code --registered}: the console's devices as the destination; the command line has none. */
final class Registered {
  private Registered() {}

  /** The registry to decode with, or null for the stream's own description. */
  static @Nullable Registry registry(CommandSpec spec, CliContext context, boolean wanted) {
    if (!wanted) {
      return null;
    }
    Supplier<Registry> devices = context.registered();
    if (devices == null) {
      throw new ParameterException(spec.commandLine(), "--registered decodes with the devices"
          + " registered in the console (or a script); the command line has none");
    }
    return devices.get();
  }
}
