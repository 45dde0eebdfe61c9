package org.vmstate4j.console;

import java.util.List;

/** {@code /trace}: the full stack trace of the last exception a snippet threw. */
final class TraceCommand implements ConsoleCommand {
  @Override
  public String name() {
    return "trace";
  }

  @Override
  public String arguments() {
    return "";
  }

  @Override
  public String summary() {
    return "show the stack trace of the last exception";
  }

  @Override
  public Outcome run(CommandContext context, List<String> args) {
    Throwable last = context.session().lastException();
    if (last == null) {
      context.out().println("no exception yet");
    } else {
      context.out().print(ExceptionRenderer.trace(last));
    }
    return Outcome.OK;
  }
}
