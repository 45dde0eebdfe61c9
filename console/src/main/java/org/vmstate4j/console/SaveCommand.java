package org.vmstate4j.console;

import java.util.List;
import org.vmstate4j.engine.stream.SaveResult;

/** {@code /save FILE [DEVICE...]}: writes a QEMU migration stream of the registered devices. */
final class SaveCommand implements ConsoleCommand {
  @Override
  public String name() {
    return "save";
  }

  @Override
  public String arguments() {
    return "FILE [DEVICE...]";
  }

  @Override
  public String summary() {
    return "save the registered devices (or those named) to a migration stream file";
  }

  @Override
  public Outcome run(CommandContext context, List<String> args) {
    if (args.isEmpty()) {
      context.err().println("error: usage: /save " + arguments());
      return Outcome.FAILED;
    }
    String file = args.get(0);
    SaveResult r = Consoles.save(file, args.subList(1, args.size()).toArray(String[]::new));
    context.out().printf("saved %d device(s), %d bytes, to %s%n", r.sections().size(), r.bytes(),
        file);
    return Outcome.OK;
  }
}
