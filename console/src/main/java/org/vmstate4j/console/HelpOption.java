package org.vmstate4j.console;

import picocli.CommandLine.Option;

/** The {@code -h, --help} option every subcommand has. */
final class HelpOption {
  @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
  boolean help;
}
