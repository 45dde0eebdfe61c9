package org.vmstate4j.console;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Range;

/** {@code vmstate run FILE.jsh [ARGS...]}: a script of snippets and commands, no prompt. */
final class RunSubcommand extends Subcommand {
  Path script;
  List<String> args = new ArrayList<>();

  RunSubcommand(CliContext context) {
    super(context, "run", "run a script of snippets and /commands",
        "Stops at the first failure. ARGS are the script's: args() and arg(i, fallback) return"
            + " them.");
    exitCodes("0:every snippet and command succeeded",
        "1:one failed (its error is printed), or the script cannot be read",
        "2:usage error",
        "N:the script ended with /exit N");
    spec.addPositional(Specs.bind(PositionalParamSpec.builder().type(Path.class),
            () -> script, v -> script = v)
        .index("0").required(true).paramLabel("FILE.jsh").description("the script").build());
    spec.addPositional(Specs.bind(PositionalParamSpec.builder().type(List.class)
            .auxiliaryTypes(String.class), () -> args, v -> args = v)
        .index("1..*").arity(Range.valueOf("0..1").unspecified(true)).paramLabel("ARGS")
        .description("arguments for the script").build());
    // A script's own arguments may look like options: everything after FILE.jsh is the
    // script's.
    spec.parser().stopAtPositional(true);
  }

  @Override
  public Integer call() {
    return Main.runScript(script, args, verbose(), context.out(), context.err());
  }
}
