package org.vmstate4j.engine.inspect;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.vmstate4j.engine.inspect.CompatReport.Verdict;

/**
 * {@code compat OLD.json NEW.json [--device NAME] [--all]}: compares two QEMU
 * {@code -dump-vmstate} files device type by device type and prints, per direction (old->new,
 * new->old), whether a stream made by one loads in the other, and why not. Only device types
 * that are not compatible both ways are listed unless {@code --all} is given; {@code --device}
 * keeps the device types (or description names) containing NAME.
 */
public final class CompatCommand {
  static final String USAGE = "usage: compat OLD.json NEW.json [--device NAME] [--all]";

  private CompatCommand() {}

  /**
   * Runs the command.
   *
   * @return 0 when every device type compared is compatible both ways, 2 when one is not, 1 on
   *     a usage or I/O error
   */
  public static int run(List<String> args, PrintStream out, PrintStream err) {
    String older = null;
    String newer = null;
    String only = null;
    boolean all = false;
    int first = !args.isEmpty() && args.get(0).equals("compat") ? 1 : 0;
    for (int i = first; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("--device") || a.equals("-d")) {
        if (i + 1 >= args.size()) {
          return usage(err, "missing value after " + a);
        }
        only = args.get(++i);
      } else if (a.startsWith("--device=")) {
        only = a.substring("--device=".length());
      } else if (a.equals("--all")) {
        all = true;
      } else if (a.equals("-h") || a.equals("--help")) {
        out.println(USAGE);
        return 0;
      } else if (a.startsWith("-") && a.length() > 1) {
        return usage(err, "unknown option " + a);
      } else if (older == null) {
        older = a;
      } else if (newer == null) {
        newer = a;
      } else {
        return usage(err, "more than two files");
      }
    }
    if (newer == null) {
      return usage(err, "need OLD and NEW");
    }
    List<CompatReport> reports;
    try {
      Map<String, CompatDescription> o = DumpVmstate.read(Path.of(older));
      Map<String, CompatDescription> n = DumpVmstate.read(Path.of(newer));
      reports = Compat.check(o, n, only);
    } catch (NoSuchFileException e) {
      err.println("compat: " + e.getFile() + ": no such file");
      return 1;
    } catch (IOException | RuntimeException e) {
      err.println("compat: " + String.valueOf(e.getMessage()).replace('\n', ' '));
      return 1;
    }
    int compatible = 0;
    int conditional = 0;
    int incompatible = 0;
    for (CompatReport r : reports) {
      boolean bad = r.oldToNew() == Verdict.INCOMPATIBLE || r.newToOld() == Verdict.INCOMPATIBLE;
      if (r.compatible()) {
        compatible++;
      } else if (bad) {
        incompatible++;
      } else {
        conditional++;
      }
      if (all || !r.compatible()) {
        r.lines().forEach(out::println);
      }
    }
    out.println(reports.size() + " device types compared (-dump-vmstate: codecs, wire layouts"
        + " and needed() are not recorded there): " + compatible + " compatible both ways, "
        + conditional + " conditional, " + incompatible + " incompatible");
    out.flush();
    return compatible == reports.size() ? 0 : 2;
  }

  private static int usage(PrintStream err, String problem) {
    err.println("compat: " + problem + " (" + USAGE + ")");
    return 1;
  }
}
