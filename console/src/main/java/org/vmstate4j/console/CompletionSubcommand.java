package org.vmstate4j.console;

import picocli.AutoComplete;

/** {@code vmstate completion}: the bash (and zsh) completion script for every subcommand. */
final class CompletionSubcommand extends Subcommand {
  CompletionSubcommand(CliContext context) {
    super(context, "completion", "print the bash completion script",
        "Completes the commands, their options and files. Use it with"
            + " 'source <(./vmstate completion)' or save it as /etc/bash_completion.d/vmstate;"
            + " zsh reads it after 'autoload -U +X bashcompinit && bashcompinit'.");
    exitCodes("0:printed", "2:usage error");
  }

  @Override
  public Integer call() {
    context.out().print(AutoComplete.bash("vmstate", spec.root().commandLine()));
    context.out().flush();
    return Cli.OK;
  }
}
