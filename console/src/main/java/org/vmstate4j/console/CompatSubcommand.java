package org.vmstate4j.console;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.inspect.Compat;
import org.vmstate4j.engine.inspect.DumpComparison;
import org.vmstate4j.engine.inspect.DumpVmstate;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;

/**
 * {@code vmstate compat OLD.json NEW.json}: compares two QEMU {@code -dump-vmstate} files device
 * type by device type, per direction. {@code -s/--src} and {@code -d/--dest} name the files as
 * QEMU's vmstate-static-checker.py does.
 */
final class CompatSubcommand extends Subcommand {
  @Nullable Path older;
  @Nullable Path newer;
  @Nullable Path src;
  @Nullable Path dest;
  boolean reverse;
  @Nullable String device;
  boolean all;

  CompatSubcommand(CliContext context) {
    super(context, "compat", "whether streams load across two -dump-vmstate files",
        "Compares two QEMU -dump-vmstate files device type by device type, per direction"
            + " (old->new, new->old), with the reasons, and lists the device types that are not"
            + " compatible both ways.",
        "Name the files as OLD.json NEW.json, or with -s and -d as QEMU's"
            + " scripts/vmstate-static-checker.py does.");
    exitCodes("0:the machine types and every device type compared are compatible both ways",
        "1:one is not (or only conditionally), or a file cannot be read",
        "2:usage error");
    spec.addPositional(Specs.bind(PositionalParamSpec.builder().type(Path.class),
            () -> older, v -> older = v)
        .index("0").arity("0..1").paramLabel("OLD.json")
        .description("the -dump-vmstate file of the source (older) QEMU").build());
    spec.addPositional(Specs.bind(PositionalParamSpec.builder().type(Path.class),
            () -> newer, v -> newer = v)
        .index("1").arity("0..1").paramLabel("NEW.json")
        .description("the -dump-vmstate file of the destination (newer) QEMU").build());
    spec.addOption(Specs.bind(OptionSpec.builder("-s", "--src").type(Path.class),
            () -> src, v -> src = v)
        .paramLabel("OLD.json").description("the source's dump").build());
    spec.addOption(Specs.bind(OptionSpec.builder("-d", "--dest").type(Path.class),
            () -> dest, v -> dest = v)
        .paramLabel("NEW.json").description("the destination's dump").build());
    spec.addOption(Specs.bind(OptionSpec.builder("--reverse").type(boolean.class),
            () -> reverse, v -> reverse = v)
        .description("swap the source and the destination, as the checker's --reverse does")
        .build());
    spec.addOption(Specs.bind(OptionSpec.builder("--device").type(String.class),
            () -> device, v -> device = v)
        .paramLabel("NAME").description("only device types (or description names) containing NAME")
        .build());
    spec.addOption(Specs.bind(OptionSpec.builder("--all").type(boolean.class),
            () -> all, v -> all = v)
        .description("list every device type, compatible ones too").build());
  }

  @Override
  public Integer call() {
    List<Path> positional = new ArrayList<>();
    if (older != null) {
      positional.add(older);
    }
    if (newer != null) {
      positional.add(newer);
    }
    Path from = src != null ? src : take(positional);
    Path to = dest != null ? dest : take(positional);
    if (!positional.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "more than two files");
    }
    if (from == null || to == null) {
      throw new ParameterException(spec.commandLine(),
          "need OLD.json and NEW.json (or -s OLD.json -d NEW.json)");
    }
    if (reverse) {
      Path swap = from;
      from = to;
      to = swap;
    }
    DumpComparison comparison;
    try {
      comparison = Compat.check(DumpVmstate.load(from), DumpVmstate.load(to), device);
    } catch (IOException | RuntimeException e) {
      return fail(e);
    }
    comparison.lines(all).forEach(context.out()::println);
    context.out().flush();
    return comparison.compatible() ? Cli.OK : Cli.FAILED;
  }

  private static @Nullable Path take(List<Path> files) {
    return files.isEmpty() ? null : files.remove(0);
  }
}
