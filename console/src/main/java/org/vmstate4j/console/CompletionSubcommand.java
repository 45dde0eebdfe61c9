package org.vmstate4j.console;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code vmstate completion}: the bash (and zsh) completion script for every subcommand. */
@Command(name = "completion",
    description = {"print the bash completion script",
        "Completes the commands, their options and files. Use it with"
            + " 'source <(./vmstate completion)' or save it as /etc/bash_completion.d/vmstate;"
            + " zsh reads it after 'autoload -U +X bashcompinit && bashcompinit'."},
    exitCodeList = {"0:printed", "2:usage error"})
final class CompletionSubcommand implements Callable<Integer> {
  private final CliContext context;

  @Spec
  CommandSpec spec;

  @Mixin
  HelpOption help = new HelpOption();

  CompletionSubcommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    context.out().print(AutoComplete.bash("vmstate", spec.root().commandLine()));
    context.out().flush();
    return Cli.OK;
  }
}
