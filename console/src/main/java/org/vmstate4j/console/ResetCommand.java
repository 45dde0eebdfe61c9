package org.vmstate4j.console;

import java.util.List;

/** {@code /reset}: forgets every snippet, keeping only the start-up imports. */
final class ResetCommand implements ConsoleCommand {
  @Override
  public String name() {
    return "reset";
  }

  @Override
  public String arguments() {
    return "";
  }

  @Override
  public String summary() {
    return "forget all snippets and registered devices and start over";
  }

  @Override
  public Outcome run(CommandContext context, List<String> args) {
    context.session().reset();
    Consoles.machine().clear();
    context.out().println("reset");
    return Outcome.OK;
  }
}
