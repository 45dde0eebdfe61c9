package org.vmstate4j.console;

import java.util.List;

/**
 * A console command such as {@code /vars}. To add one, write a class implementing this and list
 * it in {@link CommandRegistry#standard()}; {@code /help} picks it up from there.
 */
interface ConsoleCommand {
  /** The name without the slash, e.g. {@code vars}. */
  String name();

  /** The arguments for {@code /help}, e.g. {@code FILE [--dump state|desc]}; empty if none. */
  String arguments();

  /** One line for {@code /help}. */
  String summary();

  /** What {@code /help NAME} prints: the usage and what the command does. */
  default String usage() {
    return "usage: /" + name() + (arguments().isEmpty() ? "" : " " + arguments()) + "\n"
        + summary() + "\n";
  }

  /** Runs the command with its already split arguments. */
  Outcome run(CommandContext context, List<String> args);
}
