package org.vmstate4j.console;

import java.util.List;

/** {@code /vars}: the variables defined so far, with their values. */
final class VarsCommand implements ConsoleCommand {
  @Override
  public String name() {
    return "vars";
  }

  @Override
  public String arguments() {
    return "";
  }

  @Override
  public String summary() {
    return "list the variables and their values";
  }

  @Override
  public Outcome run(CommandContext context, List<String> args) {
    context.list(context.session().variables(), "no variables");
    return Outcome.OK;
  }
}
