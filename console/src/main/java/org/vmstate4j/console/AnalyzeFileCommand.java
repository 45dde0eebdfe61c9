package org.vmstate4j.console;

import java.util.List;
import org.vmstate4j.engine.analyze.AnalyzeCommand;

/** {@code /analyze FILE}: the engine's stream analysis, the same as {@code vmstate analyze}. */
final class AnalyzeFileCommand implements ConsoleCommand {
  @Override
  public String name() {
    return "analyze";
  }

  @Override
  public String arguments() {
    return "FILE [--dump state|desc]";
  }

  @Override
  public String summary() {
    return "analyze a migration stream file";
  }

  @Override
  public Outcome run(CommandContext context, List<String> args) {
    if (args.isEmpty()) {
      context.err().println("error: usage: /analyze " + arguments());
      return Outcome.FAILED;
    }
    return Outcome.of(AnalyzeCommand.run(args, context.out(), context.err()) == 0);
  }
}
