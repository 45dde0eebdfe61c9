package org.vmstate4j.console;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code vmstate} command line: subcommands, help and exit codes, all from picocli. The
 * console runs its {@code /analyze}, {@code /explain}, {@code /diff}, {@code /compat} and
 * {@code /edit} through the same tree, so their options, help and errors are the command line's.
 */
final class Cli {
  /** Success: the operation did what was asked (streams identical, descriptions compatible). */
  static final int OK = 0;
  /** The operation failed, or found differences or incompatibilities. */
  static final int FAILED = 1;
  /** Unknown command or option, missing or malformed argument. */
  static final int USAGE = 2;

  private Cli() {}

  /** The subcommands in the order of the help, each made for a context. */
  private static final Map<String, Function<CliContext, Object>> SUBCOMMANDS = subcommands();

  private static Map<String, Function<CliContext, Object>> subcommands() {
    Map<String, Function<CliContext, Object>> m = new LinkedHashMap<>();
    m.put("run", RunSubcommand::new);
    m.put("analyze", AnalyzeSubcommand::new);
    m.put("explain", ExplainSubcommand::new);
    m.put("diff", DiffSubcommand::new);
    m.put("compat", CompatSubcommand::new);
    m.put("edit", EditSubcommand::new);
    m.put("receive", ReceiveSubcommand::new);
    m.put("send", SendSubcommand::new);
    m.put("proxy", ProxySubcommand::new);
    m.put("completion", CompletionSubcommand::new);
    m.put("help", c -> new CommandLine.HelpCommand());
    return m;
  }

  /** A fresh command tree printing to the context's streams. */
  static CommandLine commandLine(CliContext context) {
    return commandLine(context, null);
  }

  /**
   * A command tree with every subcommand, or with only {@code only} (a subcommand's name):
   * picocli reads each command's annotations when it is added, which was most of the start-up
   * of a short run such as {@code vmstate analyze FILE}.
   */
  private static CommandLine commandLine(CliContext context, @Nullable String only) {
    CommandLine root = new CommandLine(new VmstateCommand(context));
    for (Map.Entry<String, Function<CliContext, Object>> e : SUBCOMMANDS.entrySet()) {
      if (only == null || only.equals(e.getKey())) {
        root.addSubcommand(e.getValue().apply(context));
      }
    }
    if (only == null || only.equals("help")) {
      root.getSubcommands().get("help").getCommandSpec().usageMessage()
          .header("show the options of a command");
    }
    for (CommandLine sub : root.getSubcommands().values()) {
      if (!sub.getCommandSpec().usageMessage().exitCodeList().isEmpty()) {
        sub.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n");
      }
    }
    if (only == null || only.equals("run")) {
      // A script's own arguments may look like options: everything after FILE.jsh is the
      // script's.
      root.getSubcommands().get("run").setStopAtPositional(true);
    }
    // Set on the root after the subcommands exist, so that they inherit it.
    root.setOut(new PrintWriter(new PrintStreamWriter(context.out()), true));
    root.setErr(new PrintWriter(new PrintStreamWriter(context.err()), true));
    root.setExitCodeExceptionMapper(t -> FAILED);
    root.setParameterExceptionHandler(Cli::usageError);
    root.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      context.err().println(commandLine.getCommandSpec().qualifiedName() + ": "
          + UserMessage.of(e));
      if (isVerbose(commandLine)) {
        context.err().print(ExceptionRenderer.trace(e));
      }
      return FAILED;
    });
    return root;
  }

  /** Runs {@code args} (the words after {@code vmstate}) and returns the exit code. */
  static int execute(CliContext context, List<String> args) {
    return commandLine(context, named(args)).execute(args.toArray(String[]::new));
  }

  /**
   * The subcommand {@code args} run, when its name is their first word that is not an option
   * (the root's options take no values); null for anything else (the console, help and
   * completion, which list every command, a mistyped name), which gets the whole tree.
   */
  private static @Nullable String named(List<String> args) {
    for (String a : args) {
      if (!a.startsWith("-")) {
        return SUBCOMMANDS.containsKey(a) && !a.equals("help") && !a.equals("completion") ? a
            : null;
      }
    }
    return null;
  }

  /** The usage of a subcommand, exactly as {@code vmstate NAME --help} prints it. */
  static String usage(String subcommand) {
    CliContext none = CliContext.of(System.out, System.err);
    return commandLine(none, subcommand).getSubcommands().get(subcommand).getUsageMessage();
  }

  /** The spec of a subcommand, for the console's {@code /help} listing. */
  static CommandSpec spec(String subcommand) {
    return commandLine(CliContext.of(System.out, System.err), subcommand).getSubcommands()
        .get(subcommand).getCommandSpec();
  }

  /**
   * What is wrong, then the command's usage, on stderr; exit code 2. An unknown word where a
   * command is expected is called an unknown command, with picocli's suggestions.
   */
  private static int usageError(ParameterException e, String[] args) {
    CommandLine commandLine = e.getCommandLine();
    PrintWriter err = commandLine.getErr();
    String name = commandLine.getCommandSpec().qualifiedName();
    if (e instanceof UnmatchedArgumentException unmatched
        && commandLine.getCommandSpec().parent() == null
        && !unmatched.getUnmatched().isEmpty()
        && !unmatched.getUnmatched().get(0).startsWith("-")) {
      err.println(name + ": unknown command '" + unmatched.getUnmatched().get(0) + "'");
    } else {
      err.println(name + ": " + e.getMessage());
    }
    if (e instanceof UnmatchedArgumentException unmatched) {
      unmatched.printSuggestions(err);
    }
    commandLine.usage(err);
    err.flush();
    return USAGE;
  }

  private static boolean isVerbose(CommandLine commandLine) {
    CommandLine top = commandLine;
    while (top.getParent() != null) {
      top = top.getParent();
    }
    return top.getCommand() instanceof VmstateCommand root && root.verbose;
  }
}
