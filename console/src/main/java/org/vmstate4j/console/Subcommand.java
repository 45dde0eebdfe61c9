package org.vmstate4j.console;

import java.nio.file.NoSuchFileException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A subcommand of {@code vmstate}: the context it prints to, {@code -h/--help}, and its
 * one-line failures on stderr, each after the subcommand's name.
 */
abstract class Subcommand implements Callable<Integer> {
  final CliContext context;

  @Spec
  CommandSpec spec;

  @Mixin
  HelpOption help = new HelpOption();

  Subcommand(CliContext context) {
    this.context = context;
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
