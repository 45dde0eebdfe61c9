package org.vmstate4j.engine.inspect;

import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.inspect.CompatDescription.Gate;
import org.vmstate4j.engine.inspect.CompatReport.Cause;
import org.vmstate4j.engine.inspect.CompatReport.Severity;
import org.vmstate4j.engine.inspect.WireItem.Subs;

/**
 * Subsections in one direction of {@link CompatRun}: each of the source's found at the
 * destination (compared at its transmitted version), unknown there, or never sent.
 */
final class CompatSubsections {
  private final CompatRun run;

  CompatSubsections(CompatRun run) {
    this.run = run;
  }

  void subsections(CompatDescription src, CompatDescription dst, String path,
      int depth) {
    for (CompatDescription ss : src.subsections()) {
      String sp = path + "/" + segment(ss.name(), src.name());
      CompatDescription ds = dst.subsection(ss.name());
      if (ds == null) {
        unknownSubsection(ss, sp, "'" + dst.name() + "' at the destination has no subsection"
            + " of that name" + (dst.subsections().isEmpty() ? " (it has no subsections)" : ""),
            dst.name());
        continue;
      }
      if (ss.versionId() > 255) {
        run.add(Severity.INFO, Cause.SUBSECTION, sp, "version " + ss.versionId() + " travels as"
            + " be32 but QEMU loads only its low 8 bits (" + (ss.versionId() & 0xff) + ")");
      }
      int before = run.findings().size();
      run.transmitted(ss, ds, sp, ss.versionId() & 0xff, depth + 1);
      if (run.findings().size() == before && ss.gate() != ds.gate() && ss.gate() != Gate.UNKNOWN
          && ds.gate() != Gate.UNKNOWN) {
        run.add(Severity.INFO, Cause.SUBSECTION, sp, "sent " + (ss.gate() == Gate.NEEDED
            ? "when needed" : "always") + " by the source, " + (ds.gate() == Gate.NEEDED
            ? "when needed" : "always") + " by the destination (loading does not require it"
            + " either way)");
      }
    }
    for (CompatDescription ds : dst.subsections()) {
      if (src.subsection(ds.name()) == null) {
        notSent(ds, path + "/" + segment(ds.name(), dst.name()));
      }
    }
  }

  private void unknownSubsection(CompatDescription ss, String path, String why,
      String dstName) {
    String fails = "the load fails (QEMU 7.2 ends it with \"No such file or directory\"; later"
        + " versions say \"VM subsection '" + ss.name() + "' in '" + dstName + "' does not"
        + " exist\")";
    if (ss.gate() == Gate.NEEDED) {
      run.add(Severity.WARNING, Cause.SUBSECTION_MISSING, path, "subsection '" + ss.name()
          + "' is unknown to the destination (" + why + "): a stream loads only while the"
          + " source's needed() is false; when it is sent, " + fails);
    } else {
      run.add(Severity.ERROR, Cause.SUBSECTION_MISSING, path, "subsection '" + ss.name()
          + "' is unknown to the destination (" + why + ")" + (ss.gate() == Gate.ALWAYS
          ? "; always sent by the source" : "; -dump-vmstate does not record whether"
          + " needed() gates it") + ": when it is sent, " + fails);
    }
  }

  void notSent(CompatDescription ds, String path) {
    run.add(Severity.INFO, Cause.SUBSECTION_NOT_SENT, path, "the destination knows subsection '"
        + ds.name() + "' which the source never sends; its fields keep the destination's"
        + " values");
  }

  /** A source struct's subsections where the destination has no such struct. */
  void strayingSubsections(Subs sa, @Nullable WireItem b) {
    for (CompatDescription ss : sa.owner().subsections()) {
      String reads = b == null ? "nothing more" : "'" + CompatRun.relative(b.path()) + "'";
      unknownSubsection(ss, sa.path() + "/" + segment(ss.name(), sa.owner().name()),
          "they would come where the destination reads " + reads, sa.owner().name());
    }
  }

  private static String segment(String name, String parent) {
    return name.startsWith(parent + "/") ? name.substring(parent.length() + 1) : name;
  }
}
