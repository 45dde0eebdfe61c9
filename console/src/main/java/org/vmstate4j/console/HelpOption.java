package org.vmstate4j.console;

import picocli.CommandLine.Model.OptionSpec;

/** The {@code -h, --help} option every command has. */
final class HelpOption {
  private HelpOption() {}

  static OptionSpec spec(String description) {
    return OptionSpec.builder("-h", "--help").usageHelp(true).type(boolean.class)
        .initialValue(false).description(description).build();
  }

  static OptionSpec spec() {
    return spec("show this help");
  }
}
