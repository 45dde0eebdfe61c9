package org.vmstate4j.console;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * A {@code vmstate} subcommand run as a console command: {@code /explain ARGS} is
 * {@code vmstate explain ARGS}, with the same options, help, errors and output. In the console,
 * {@code --registered} makes explain and diff decode with the registered devices' descriptions
 * (the destination's view, a dry run; devices an earlier load filled are represented by new
 * objects, as a load would use).
 */
record ToolCommand(String name) implements ConsoleCommand {
  static final ToolCommand ANALYZE = new ToolCommand("analyze");
  static final ToolCommand EXPLAIN = new ToolCommand("explain");
  static final ToolCommand DIFF = new ToolCommand("diff");
  static final ToolCommand COMPAT = new ToolCommand("compat");
  static final ToolCommand EDIT = new ToolCommand("edit");

  /** The operands from the subcommand's definition, after {@code [OPTIONS]}. */
  @Override
  public String arguments() {
    CommandSpec spec = Cli.spec(name);
    String operands = spec.positionalParameters().stream()
        .map(p -> label(p))
        .collect(Collectors.joining(" "));
    return ("[OPTIONS] " + operands).strip();
  }

  private static String label(PositionalParamSpec p) {
    return p.arity().min() == 0 ? "[" + p.paramLabel() + "]" : p.paramLabel();
  }

  /** The first line of the subcommand's description, as {@code vmstate --help} lists it. */
  @Override
  public String summary() {
    return Cli.spec(name).usageMessage().description()[0];
  }

  @Override
  public String usage() {
    return Cli.usage(name);
  }

  @Override
  public Outcome run(CommandContext context, List<String> args) {
    List<String> argv = new ArrayList<>();
    argv.add(name);
    argv.addAll(args);
    CliContext cli = new CliContext(context.out(), context.err(),
        () -> Consoles.machine().destinations().registry());
    return Outcome.of(Cli.execute(cli, argv) == Cli.OK);
  }
}
