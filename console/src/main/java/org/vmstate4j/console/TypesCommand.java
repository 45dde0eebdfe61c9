package org.vmstate4j.console;

import java.util.List;

/** {@code /types}: the classes, records, interfaces and enums defined so far. */
final class TypesCommand implements ConsoleCommand {
  @Override
  public String name() {
    return "types";
  }

  @Override
  public String arguments() {
    return "";
  }

  @Override
  public String summary() {
    return "list the types defined in snippets";
  }

  @Override
  public Outcome run(CommandContext context, List<String> args) {
    context.list(context.session().types(), "no types");
    return Outcome.OK;
  }
}
