package org.vmstate4j.console;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code vmstate run FILE.jsh [ARGS...]}: a script of snippets and commands, no prompt. */
@Command(name = "run",
    description = {"run a script of snippets and /commands",
        "Stops at the first failure. ARGS are the script's: args() and arg(i, fallback) return"
            + " them."},
    exitCodeList = {
        "0:every snippet and command succeeded",
        "1:one failed (its error is printed), or the script cannot be read",
        "2:usage error",
        "N:the script ended with /exit N"})
final class RunSubcommand extends Subcommand {
  @ParentCommand
  VmstateCommand parent;

  @Parameters(index = "0", paramLabel = "FILE.jsh", description = "the script")
  Path script;

  @Parameters(index = "1..*", paramLabel = "ARGS", description = "arguments for the script")
  List<String> args = new ArrayList<>();

  RunSubcommand(CliContext context) {
    super(context);
  }

  @Override
  public Integer call() {
    return Main.runScript(script, args, parent.verbose, context.out(), context.err());
  }
}
