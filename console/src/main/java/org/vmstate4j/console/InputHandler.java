package org.vmstate4j.console;

import java.io.PrintStream;

/** Routes one complete input to a command or to JShell; shared by the prompt and scripts. */
final class InputHandler {
  private final ShellSession session;
  private final CommandContext context;

  InputHandler(ShellSession session, CommandRegistry commands, PrintStream out, PrintStream err) {
    this.session = session;
    this.context = new CommandContext(session, commands, out, err);
  }

  ShellSession session() {
    return session;
  }

  CommandRegistry commands() {
    return context.commands();
  }

  Outcome handle(String input, SourcePosition at) {
    if (!CommandRegistry.isCommand(input)) {
      return Outcome.of(session.eval(input, at));
    }
    try {
      return context.commands().execute(input, context);
    } catch (RuntimeException e) {
      // Commands call into the engine; its exceptions carry the path, which is what users need,
      // in words: the Java class of the exception is no news to them.
      context.err().println(at.prefix() + "error: " + UserMessage.of(e));
      return Outcome.FAILED;
    } finally {
      context.out().flush();
      context.err().flush();
    }
  }
}
