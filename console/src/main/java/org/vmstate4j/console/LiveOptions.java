package org.vmstate4j.console;

import java.net.InetSocketAddress;
import java.time.Duration;
import org.vmstate4j.engine.live.HostPort;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.TypeConversionException;

/** What the live migration subcommands share: {@code HOST:PORT} arguments and waits. */
final class LiveOptions {
  private LiveOptions() {}

  /** {@code HOST:PORT}, checked while the command line is parsed. */
  static final class Address implements ITypeConverter<InetSocketAddress> {
    @Override
    public InetSocketAddress convert(String value) {
      try {
        return HostPort.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** An option {@code NAME HOST:PORT}, converted by {@link Address}. */
  static OptionSpec.Builder address(String name) {
    return OptionSpec.builder(name).type(InetSocketAddress.class).paramLabel("HOST:PORT")
        .converters(new Address());
  }

  /** {@code --timeout SECONDS} of {@code receive} and {@code proxy}: 0 waits as long as it takes. */
  static final class Timeout {
    long seconds;

    /** Adds {@code --timeout} to the command {@code spec}. */
    Timeout(CommandSpec spec) {
      spec.addOption(Specs.bind(OptionSpec.builder("--timeout").type(long.class),
              () -> seconds, v -> seconds = v)
          .paramLabel("SECONDS").defaultValue("0")
          .description("give up when no complete migration went through within SECONDS"
              + " (0: wait)").build());
    }

    Duration duration() {
      return seconds <= 0 ? Duration.ofDays(365 * 100L) : Duration.ofSeconds(seconds);
    }
  }
}
