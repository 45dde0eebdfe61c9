package org.vmstate4j.console;

import java.io.PrintStream;

/** What a command may use: the session, the other commands, and where to print. */
record CommandContext(
    ShellSession session, CommandRegistry commands, PrintStream out, PrintStream err) {}
