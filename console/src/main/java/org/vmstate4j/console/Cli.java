package org.vmstate4j.console;

import java.io.PrintWriter;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IExecutionStrategy;
import picocli.CommandLine.IExitCodeExceptionMapper;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
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

  /** The subcommands, in the order of the help. */
  private static final List<String> SUBCOMMANDS = List.of("run", "analyze", "explain", "diff",
      "compat", "edit", "receive", "send", "proxy", "completion", "help");

  /**
   * Subcommand {@code name}'s model, made for a context. A switch rather than a table of
   * lambdas: a lambda that returns a picocli type is left out of the class-data archive when
   * picocli's Java 5 classes are, and is then made at each start.
   */
  private static CommandSpec subcommand(String name, CliContext context) {
    return switch (name) {
      case "run" -> new RunSubcommand(context).spec;
      case "analyze" -> new AnalyzeSubcommand(context).spec;
      case "explain" -> new ExplainSubcommand(context).spec;
      case "diff" -> new DiffSubcommand(context).spec;
      case "compat" -> new CompatSubcommand(context).spec;
      case "edit" -> new EditSubcommand(context).spec;
      case "receive" -> new ReceiveSubcommand(context).spec;
      case "send" -> new SendSubcommand(context).spec;
      case "proxy" -> new ProxySubcommand(context).spec;
      case "completion" -> new CompletionSubcommand(context).spec;
      case "help" -> HelpSubcommand.spec();
      default -> throw new IllegalArgumentException("no subcommand " + name);
    };
  }

  /** A fresh command tree printing to the context's streams. */
  static CommandLine commandLine(CliContext context) {
    return commandLine(context, null);
  }

  /**
   * A command tree with every subcommand, or with only {@code only} (a subcommand's name):
   * a short run such as {@code vmstate analyze FILE} builds only what it runs.
   */
  private static CommandLine commandLine(CliContext context, @Nullable String only) {
    CommandLine root = new CommandLine(VmstateCommand.spec(context));
    for (String name : SUBCOMMANDS) {
      if (only == null || only.equals(name)) {
        root.addSubcommand(new CommandLine(subcommand(name, context)));
      }
    }
    // Set on the root after the subcommands exist, so that they inherit it.
    root.setOut(new PrintWriter(new PrintStreamWriter(context.out()), true));
    root.setErr(new PrintWriter(new PrintStreamWriter(context.err()), true));
    Handlers handlers = new Handlers(context);
    root.setExecutionStrategy(handlers);
    root.setExitCodeExceptionMapper(handlers);
    root.setParameterExceptionHandler(handlers);
    root.setExecutionExceptionHandler(handlers);
    return root;
  }

  /**
   * How the tree runs and fails. A class rather than lambdas: picocli's interfaces are Java 5
   * class files, which class-data sharing leaves out once a lambda has been made for them, and
   * with them the classes that use them.
   */
  private static final class Handlers implements IExecutionStrategy,
      IParameterExceptionHandler, IExecutionExceptionHandler, IExitCodeExceptionMapper {
    private final CliContext context;

    Handlers(CliContext context) {
      this.context = context;
    }

    /**
     * picocli's {@link CommandLine.RunLast}, except that {@code help} runs
     * {@link HelpSubcommand}: the first command asked for its usage prints it, else a help
     * command runs, else the last command.
     */
    @Override
    public int execute(ParseResult parsed) {
      for (ParseResult p = parsed; p != null; p = p.subcommand()) {
        if (p.isUsageHelpRequested() || p.isVersionHelpRequested()) {
          break;
        }
        if (p.commandSpec().helpCommand()) {
          return HelpSubcommand.run(p);
        }
      }
      return new CommandLine.RunLast().execute(parsed);
    }

    @Override
    public int handleParseException(ParameterException e, String[] args) {
      return usageError(e);
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine,
        ParseResult parseResult) {
      context.err().println(commandLine.getCommandSpec().qualifiedName() + ": "
          + UserMessage.of(e));
      if (VmstateCommand.verbose(commandLine.getCommandSpec())) {
        context.err().print(ExceptionRenderer.trace(e));
      }
      return FAILED;
    }

    @Override
    public int getExitCode(Throwable exception) {
      return FAILED;
    }
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
        return SUBCOMMANDS.contains(a) && !a.equals("help") && !a.equals("completion") ? a
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
  private static int usageError(ParameterException e) {
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
}
