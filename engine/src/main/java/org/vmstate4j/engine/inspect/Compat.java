package org.vmstate4j.engine.inspect;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.inspect.CompatReport.Cause;
import org.vmstate4j.engine.inspect.CompatReport.Direction;
import org.vmstate4j.engine.inspect.CompatReport.Finding;
import org.vmstate4j.engine.inspect.CompatReport.Severity;
import org.vmstate4j.engine.inspect.CompatReport.Verdict;
import org.vmstate4j.engine.model.VmStateDescription;

/**
 * Compares two versions of a description, or two {@code -dump-vmstate} files, and says per
 * direction whether a stream saved with one loads with the other, following QEMU's load rules,
 * with every reason found (errors first).
 *
 * <p>What QEMU's vmstate-static-checker.py checks is covered (machine types, sections present,
 * section and description versions against version and minimum version, descriptions renamed,
 * field order, sizes, nested descriptions and subsections), both directions in one run, plus what
 * it cannot see: the comparison follows the bytes on the wire, so fields grouped in a nested
 * struct (no header of its own) compare equal to the same fields unwrapped; the destination's
 * reads of fields the source never sends; and, for our own descriptions, codecs, the wire layout
 * (array, varray and its count field and width, legacy vs AUTO_ALLOC pointer arrays, queues,
 * buffers), {@code *_equal} checks, {@code field_exists} tests on one side only, which fields
 * each side reads at the incoming version (nested structs load at the destination's own
 * version), and whether a missing subsection is sent always or only when needed(). Field names
 * are not on the wire: a rename with the same layout is only a warning.
 *
 * <pre>{@code
 * CompatReport r = Compat.check(OldDevice.VMSD, NewDevice.VMSD);
 * r.verdict(Direction.NEW_TO_OLD);   // INCOMPATIBLE
 * r.lines().forEach(System.out::println);
 *
 * DumpComparison c = Compat.check(DumpVmstate.load(oldJson), DumpVmstate.load(newJson), null);
 * c.lines(false).forEach(System.out::println);
 * }</pre>
 */
public final class Compat {
  private Compat() {}

  /** Compares two of our descriptions. */
  public static CompatReport check(VmStateDescription older, VmStateDescription newer) {
    return check(CompatDescription.of(older), CompatDescription.of(newer));
  }

  /** Compares two descriptions of the neutral model (ours or read from -dump-vmstate). */
  public static CompatReport check(CompatDescription older, CompatDescription newer) {
    List<Finding> all = new ArrayList<>();
    if (older.detailed() != newer.detailed()) {
      all.add(new Finding(Direction.OLD_TO_NEW, Severity.INFO, Cause.UNKNOWN_DETAIL,
          older.name(), "one side comes from -dump-vmstate: codecs, wire layouts and needed()"
              + " are unknown there, so only names, versions and sizes are compared"));
    }
    all.addAll(new CompatRun(Direction.OLD_TO_NEW).section(older, newer).findings());
    all.addAll(new CompatRun(Direction.NEW_TO_OLD).section(newer, older).findings());
    return report(older.name().equals(newer.name()) ? older.name()
        : older.name() + " vs " + newer.name(), all);
  }

  /**
   * Compares two whole -dump-vmstate files: the machine types as QEMU's load does, then device
   * type by device type; {@code only}, when given, limits the devices to device types or
   * description names that contain it.
   */
  public static DumpComparison check(VmstateDump older, VmstateDump newer,
      @Nullable String only) {
    List<Finding> machine = new ArrayList<>();
    machine.addAll(MachineType.check(Direction.OLD_TO_NEW, older.machine(), newer.machine()));
    machine.addAll(MachineType.check(Direction.NEW_TO_OLD, newer.machine(), older.machine()));
    return new DumpComparison(older.machine(), newer.machine(),
        report("machine type", machine), devices(older.devices(), newer.devices(), only));
  }

  /**
   * Compares two sets of devices (e.g. two -dump-vmstate files read with
   * {@link DumpVmstate#read}) device type by device type; {@code only}, when given, limits the
   * comparison to device types or description names that contain it. The machine types are not
   * compared here: see {@link #check(VmstateDump, VmstateDump, String)}.
   */
  public static List<CompatReport> check(Map<String, CompatDescription> older,
      Map<String, CompatDescription> newer, @Nullable String only) {
    return devices(wrap(older), wrap(newer), only);
  }

  private static Map<String, DumpDevice> wrap(Map<String, CompatDescription> m) {
    Map<String, DumpDevice> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(k, DumpDevice.of(k, v)));
    return out;
  }

  private static List<CompatReport> devices(Map<String, DumpDevice> older,
      Map<String, DumpDevice> newer, @Nullable String only) {
    List<CompatReport> out = new ArrayList<>();
    for (DumpDevice o : older.values()) {
      if (!matches(o, only)) {
        continue;
      }
      DumpDevice n = newer.get(o.type());
      out.add(n == null ? missing(o, Direction.OLD_TO_NEW, newer, older)
          : device(o, n));
    }
    for (DumpDevice n : newer.values()) {
      if (!older.containsKey(n.type()) && matches(n, only)) {
        out.add(missing(n, Direction.NEW_TO_OLD, older, newer));
      }
    }
    return out;
  }

  private static boolean matches(DumpDevice d, @Nullable String only) {
    CompatDescription desc = d.description();
    return only == null || d.type().contains(only)
        || (desc != null && desc.name().contains(only));
  }

  /** A device type in both files. */
  private static CompatReport device(DumpDevice o, DumpDevice n) {
    CompatDescription od = o.description();
    CompatDescription nd = n.description();
    List<Finding> all = new ArrayList<>();
    if (od == null || nd == null) {
      if (od == null && nd == null) {
        all.add(new Finding(Direction.OLD_TO_NEW, Severity.INFO, Cause.DESCRIPTION_MISSING,
            o.type(), "neither file has a \"Description\" for this device type: nothing to"
                + " compare"));
      } else {
        boolean newLacks = nd == null;
        all.add(new Finding(newLacks ? Direction.OLD_TO_NEW : Direction.NEW_TO_OLD,
            Severity.ERROR, Cause.DESCRIPTION_MISSING, o.type(), noDescription(
                newLacks ? "new" : "old", newLacks ? n : o, true)));
        all.add(new Finding(newLacks ? Direction.NEW_TO_OLD : Direction.OLD_TO_NEW,
            Severity.WARNING, Cause.DESCRIPTION_MISSING, o.type(), noDescription(
                newLacks ? "new" : "old", newLacks ? n : o, false)));
      }
      return report(o.type(), all);
    }
    consistency(o, od, "old", all);
    consistency(n, nd, "new", all);
    sectionVersion(Direction.OLD_TO_NEW, od, n, nd, all);
    sectionVersion(Direction.NEW_TO_OLD, nd, o, od, all);
    CompatReport r = check(od, nd);
    all.addAll(r.findings());
    return report(o.type(), all);
  }

  private static String noDescription(String side, DumpDevice d, boolean asDestination) {
    String head = "the " + side + " file lists device type '" + d.type() + "' (section version "
        + d.versionId() + ") without its \"Description\" (QEMU's -dump-vmstate writes one for"
        + " every device type it lists, so the file is incomplete or edited): ";
    return head + (asDestination
        ? "what the " + side + " version loads for it is unknown, so no stream of this section"
            + " can be shown to load there"
        : "what the " + side + " version sends for it is unknown, so its section cannot be"
            + " checked");
  }

  /** A dump whose section-level versions differ from its description's (QEMU's never do). */
  private static void consistency(DumpDevice d, CompatDescription desc, String side,
      List<Finding> all) {
    if (d.versionId() == desc.versionId() && d.minimumVersionId() == desc.minimumVersionId()) {
      return;
    }
    String msg = "in the " + side + " file the section is version " + d.versionId()
        + " (minimum " + d.minimumVersionId() + ") but its description '" + desc.name()
        + "' is version " + desc.versionId() + " (minimum " + desc.minimumVersionId() + "):"
        + " QEMU registers a section with its description's versions, so the file was edited;"
        + " the section header carries the description's version, and the destination checks"
        + " it against both";
    // told once, in the direction where this file is the source
    all.add(new Finding(side.equals("old") ? Direction.OLD_TO_NEW : Direction.NEW_TO_OLD,
        Severity.INFO, Cause.SECTION_VERSION_MISMATCH, d.type(), msg));
  }

  /**
   * QEMU's first check on a section: the header's version against the destination's section
   * version. Reported here only when the destination's section version differs from its
   * description's; otherwise the description's "too new" says the same.
   */
  private static void sectionVersion(Direction dir, CompatDescription src, DumpDevice dst,
      CompatDescription dstDesc, List<Finding> all) {
    int header = src.versionId();
    if (header > dst.versionId() && dst.versionId() != dstDesc.versionId()) {
      all.add(new Finding(dir, Severity.ERROR, Cause.SECTION_VERSION, dst.type(),
          "the section header carries version " + header + " (the source's description"
              + " version), above the destination's section version " + dst.versionId()
              + ": QEMU refuses it (\"savevm: unsupported version " + header + " for '"
              + src.name() + "' v" + dst.versionId() + "\", path prefix omitted)"));
    }
  }

  private static CompatReport missing(DumpDevice d, Direction dir, Map<String, DumpDevice> other,
      Map<String, DumpDevice> own) {
    String side = dir == Direction.OLD_TO_NEW ? "new" : "old";
    CompatDescription desc = d.description();
    String idstr = desc == null ? d.type() : desc.name();
    List<Finding> fs = new ArrayList<>();
    fs.add(new Finding(dir, Severity.ERROR, Cause.SECTION_MISSING, d.type(), "device type '"
        + d.type() + "' does not exist in the " + side + " version (its file has no such"
        + " member): a stream carrying its section fails to load (\"Unknown savevm section or"
        + " instance '" + idstr + "' 0\", device path prefix omitted)"));
    if (desc != null) {
      for (DumpDevice o : other.values()) {
        CompatDescription od = o.description();
        if (!own.containsKey(o.type()) && od != null && od.name().equals(desc.name())) {
          fs.add(new Finding(dir, Severity.INFO, Cause.SECTION_MISSING, d.type(), "the " + side
              + " version has device type '" + o.type() + "' with a description of the same"
              + " name '" + desc.name() + "' (a renamed type?): section id strings are made of"
              + " the device's path and the description's name, not the type name, so a"
              + " renamed type at the same path still finds its section; compare the two with"
              + " Compat.check(CompatDescription, CompatDescription)"));
        }
      }
    }
    return report(d.type(), fs);
  }

  private static CompatReport report(String name, List<Finding> all) {
    return new CompatReport(name, verdict(all, Direction.OLD_TO_NEW),
        verdict(all, Direction.NEW_TO_OLD), all);
  }

  private static Verdict verdict(List<Finding> fs, Direction d) {
    Verdict v = Verdict.COMPATIBLE;
    for (Finding f : fs) {
      if (f.direction() != d) {
        continue;
      }
      if (f.severity() == Severity.ERROR) {
        return Verdict.INCOMPATIBLE;
      }
      if (f.severity() == Severity.WARNING) {
        v = Verdict.CONDITIONAL;
      }
    }
    return v;
  }
}
