package org.vmstate4j.console;

import java.util.List;

/** {@code /devices}: the devices registered with {@code register(...)}. */
final class DevicesCommand implements ConsoleCommand {
  @Override
  public String name() {
    return "devices";
  }

  @Override
  public String arguments() {
    return "";
  }

  @Override
  public String summary() {
    return "list the registered devices (register(idstr, VMSD, object) adds one)";
  }

  @Override
  public Outcome run(CommandContext context, List<String> args) {
    Machine m = Consoles.machine();
    List<Machine.Device> devices = m.devices();
    if (devices.isEmpty()) {
      context.out().println("no devices; register one with register(\"name\", VMSD, object)");
      return Outcome.OK;
    }
    context.out().println("machine " + m.name());
    for (Machine.Device d : devices) {
      context.out().printf("  %-24s %-24s v%-3d %s%n", d.label(), d.description().name(),
          d.description().versionId(), d.object().getClass().getSimpleName());
    }
    return Outcome.OK;
  }
}
