package org.vmstate4j.console;

import java.util.function.Consumer;
import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * The commands' picocli models are built with picocli's model API, not read from annotations:
 * annotations are dynamic proxies, which class-data sharing cannot archive, and reading them was
 * most of a short command's start-up.
 */
final class Specs {
  private Specs() {}

  /** A command named {@code name} that runs {@code command}, with its description lines. */
  static CommandSpec command(Object command, String name, String... description) {
    CommandSpec spec = CommandSpec.wrapWithoutInspection(command).name(name);
    spec.usageMessage().description(description);
    return spec;
  }

  /** Exit codes as {@code "CODE:meaning"}, under {@code heading}. */
  static void exitCodes(CommandSpec spec, String heading, String... codes) {
    spec.usageMessage().exitCodeListHeading(heading)
        .exitCodeList(UsageMessageSpec.keyValuesMap(codes));
  }

  /**
   * {@code builder} reading and writing a command's field through {@code get} and {@code set},
   * starting from the field's value, as picocli does for an annotated field.
   */
  static <T> OptionSpec.Builder bind(OptionSpec.Builder builder, Supplier<T> get,
      Consumer<T> set) {
    Binding<T> binding = new Binding<>(get, set);
    return builder.getter(binding).setter(binding).initialValue(get.get());
  }

  /** {@link #bind(OptionSpec.Builder, Supplier, Consumer)} for a positional parameter. */
  static <T> PositionalParamSpec.Builder bind(PositionalParamSpec.Builder builder,
      Supplier<T> get, Consumer<T> set) {
    Binding<T> binding = new Binding<>(get, set);
    return builder.getter(binding).setter(binding).initialValue(get.get());
  }

  private static final class Binding<T> implements IGetter, ISetter {
    private final Supplier<T> get;
    private final Consumer<T> set;

    Binding(Supplier<T> get, Consumer<T> set) {
      this.get = get;
      this.set = set;
    }

    @Override
    @SuppressWarnings("unchecked") // picocli gives back what the option's type makes
    public <R> R get() {
      return (R) get.get();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <R> R set(R value) {
      R old = (R) get.get();
      set.accept((T) value);
      return old;
    }
  }
}
