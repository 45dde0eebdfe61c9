package org.vmstate4j.engine.inspect;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.inspect.CompatReport.Verdict;

/**
 * Two {@code -dump-vmstate} files compared ({@link Compat#check(VmstateDump, VmstateDump,
 * String)}): the machine types, then every device type, both directions in one run.
 *
 * <p>{@link #exitStatus()} is what {@code compat} exits with: 0 when the machine types and every
 * device type compared are compatible both ways, 2 when anything is conditional or incompatible
 * (1 is left for usage and I/O errors).
 *
 * @param oldMachine the machine type of OLD ("" when not named)
 * @param newMachine the machine type of NEW ("" when not named)
 * @param machine the verdicts on the machine types, named {@code machine type}
 * @param devices one report per device type, OLD's order first, then NEW's own
 */
public record DumpComparison(
    String oldMachine, String newMachine, CompatReport machine, List<CompatReport> devices) {

  public DumpComparison {
    devices = List.copyOf(devices);
  }

  /** The report of one device type, or null. */
  public @Nullable CompatReport device(String type) {
    for (CompatReport r : devices) {
      if (r.name().equals(type)) {
        return r;
      }
    }
    return null;
  }

  /** Whether the machine types and every device type are compatible both ways. */
  public boolean compatible() {
    return machine.compatible() && devices.stream().allMatch(CompatReport::compatible);
  }

  /** 0 when {@link #compatible()}, else 2. */
  public int exitStatus() {
    return compatible() ? 0 : 2;
  }

  /** Device types compatible both ways. */
  public long compatibleCount() {
    return devices.stream().filter(CompatReport::compatible).count();
  }

  /** Device types incompatible in at least one direction. */
  public long incompatibleCount() {
    return devices.stream().filter(r -> r.oldToNew() == Verdict.INCOMPATIBLE
        || r.newToOld() == Verdict.INCOMPATIBLE).count();
  }

  /** Device types conditional in at least one direction and incompatible in none. */
  public long conditionalCount() {
    return devices.size() - compatibleCount() - incompatibleCount();
  }

  /** The closing line: how many device types, and how they compare. */
  public String summary() {
    return devices.size() + " device types compared (-dump-vmstate: codecs, wire layouts and"
        + " needed() are not recorded there): " + compatibleCount() + " compatible both ways, "
        + conditionalCount() + " conditional, " + incompatibleCount() + " incompatible"
        + (oldMachine.equals(newMachine) ? "" : "; machine types '" + oldMachine + "' and '"
        + newMachine + "': old->new " + machine.oldToNew() + ", new->old "
        + machine.newToOld());
  }

  /**
   * Text: the machine types when they differ, the device types that are not compatible both
   * ways (every one with {@code all}), then {@link #summary()}.
   */
  public List<String> lines(boolean all) {
    List<String> out = new ArrayList<>();
    if (all || !machine.compatible() || !machine.findings().isEmpty()) {
      out.addAll(machine.lines());
    }
    for (CompatReport r : devices) {
      if (all || !r.compatible()) {
        out.addAll(r.lines());
      }
    }
    out.add(summary());
    return out;
  }

  /** {@link #lines(boolean)} joined, final newline included. */
  public String text(boolean all) {
    return String.join("\n", lines(all)) + "\n";
  }
}
