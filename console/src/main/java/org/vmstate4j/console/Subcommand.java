package org.vmstate4j.console;

import java.nio.file.NoSuchFileException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/**
 * A subcommand of {@code vmstate}: the context it prints to, its picocli model with
 * {@code -h/--help} and exit codes, and its one-line failures on stderr, each after the
 * subcommand's name. Each subclass's constructor is its definition: it adds the options and
 * parameters, bound to its fields.
 */
abstract class Subcommand implements Callable<Integer> {
  final CliContext context;
  final CommandSpec spec;

  /** {@code description}: the summary line, then the paragraphs of the help. */
  Subcommand(CliContext context, String name, String... description) {
    this.context = context;
    this.spec = Specs.command(this, name, description);
    spec.addOption(HelpOption.spec());
  }

  /** The exit codes of the help, as {@code "CODE:meaning"}. */
  final void exitCodes(String... codes) {
    Specs.exitCodes(spec, "%nExit codes:%n", codes);
  }

  /** Whether {@code vmstate -v} asked for full stack traces. */
  final boolean verbose() {
    return VmstateCommand.verbose(spec);
  }

  /** Prints {@code NAME: message} on stderr; returns {@link Cli#FAILED}. */
  final int fail(String message) {
    context.err().println(spec.name() + ": " + message);
    return Cli.FAILED;
  }

  /** {@link #fail(String)} for a failed read: a missing file as {@code FILE: no such file}. */
  final int fail(Exception e) {
    return fail(e instanceof NoSuchFileException n ? n.getFile() + ": no such file"
        : UserMessage.of(e));
  }
}
