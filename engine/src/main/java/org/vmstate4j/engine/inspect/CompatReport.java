package org.vmstate4j.engine.inspect;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether streams made with one description load with another, per direction, and why.
 *
 * @param name what was compared (a description or device type name)
 * @param oldToNew verdict for a stream saved by OLD and loaded by NEW
 * @param newToOld verdict for a stream saved by NEW and loaded by OLD
 * @param findings the reasons, in the order found
 */
public record CompatReport(
    String name, Verdict oldToNew, Verdict newToOld, List<Finding> findings) {

  public CompatReport {
    findings = List.copyOf(findings);
  }

  /** Whether a stream loads. */
  public enum Verdict {
    /** Loads, whatever the state. */
    COMPATIBLE,
    /** Loads for some states or configurations only (see the warnings). */
    CONDITIONAL,
    /** Does not load. */
    INCOMPATIBLE
  }

  /** How bad a finding is. */
  public enum Severity {
    /** Worth knowing; no effect on loading. */
    INFO,
    /** Breaks loading for some states or configurations. */
    WARNING,
    /** Breaks loading. */
    ERROR
  }

  /** Which way a stream travels. */
  public enum Direction {
    OLD_TO_NEW("old->new"),
    NEW_TO_OLD("new->old");

    private final String label;

    Direction(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** What kind of difference a finding is about. */
  public enum Cause {
    /** The machine types of two -dump-vmstate files differ. */
    MACHINE_TYPE,
    /** A device type (its section) exists on one side only. */
    SECTION_MISSING,
    /** A device type is listed without its description. */
    DESCRIPTION_MISSING,
    /** The description (and so the section's id string) has another name. */
    DESCRIPTION_RENAMED,
    /** The section header's version against the destination's section version. */
    SECTION_VERSION,
    /** A section-level version differs from its own description's (an edited dump). */
    SECTION_VERSION_MISMATCH,
    /** The incoming version is above the destination's version. */
    VERSION_TOO_NEW,
    /** The incoming version is below the destination's minimum version. */
    VERSION_TOO_OLD,
    /** Fields cannot be paired: the source sends one where the destination expects another. */
    FIELD_ORDER,
    /** The source sends a field the destination does not read. */
    FIELD_NOT_READ,
    /** The destination reads a field the source does not send. */
    FIELD_NOT_SENT,
    /** The same wire layout under another field name. */
    FIELD_RENAMED,
    /** Element sizes differ. */
    SIZE,
    /** One side has a nested description for a field, the other a plain field. */
    NESTED_DESCRIPTION_MISSING,
    /** Nested descriptions differ in name or version (neither is on the wire). */
    NESTED_DESCRIPTION,
    /** Fields grouped in a nested struct on one side only (no bytes on the wire). */
    STRUCT_WRAPPING,
    /** A subsection the source sends is unknown to the destination. */
    SUBSECTION_MISSING,
    /** A subsection known to the destination that the source never sends. */
    SUBSECTION_NOT_SENT,
    /** Subsection version or gate details. */
    SUBSECTION,
    /** Codecs differ. */
    CODEC,
    /** Wire layouts (array, varray, pointer arrays, struct kinds) differ. */
    ENCODING,
    /** Count fields or count widths differ. */
    COUNT,
    /** field_exists tests. */
    EXISTS_TEST,
    /** *_equal checks. */
    EQUAL_CHECK,
    /** VMSTATE_VALIDATE checks. */
    VALIDATION,
    /** What the input cannot tell (e.g. -dump-vmstate records no codecs). */
    UNKNOWN_DETAIL
  }

  /**
   * One reason.
   *
   * @param direction which way the stream travels
   * @param severity how bad
   * @param cause what kind of difference
   * @param path description/field path, e.g. {@code nvme-lite/sq}
   * @param message what differs and what it does to a load
   */
  public record Finding(
      Direction direction, Severity severity, Cause cause, String path, String message) {
    @Override
    public String toString() {
      return direction.label() + " " + severity + " " + path + ": " + message;
    }
  }

  /** The verdict for {@code d}. */
  public Verdict verdict(Direction d) {
    return d == Direction.OLD_TO_NEW ? oldToNew : newToOld;
  }

  /** Whether both directions are compatible. */
  public boolean compatible() {
    return oldToNew == Verdict.COMPATIBLE && newToOld == Verdict.COMPATIBLE;
  }

  /** The findings of one direction. */
  public List<Finding> findings(Direction d) {
    return findings.stream().filter(f -> f.direction() == d).toList();
  }

  /** The findings of one cause. */
  public List<Finding> findings(Cause c) {
    return findings.stream().filter(f -> f.cause() == c).toList();
  }

  /** Text: the two verdicts, then the findings (errors first, info last). */
  public List<String> lines() {
    List<String> out = new ArrayList<>();
    out.add(name + ": old->new " + oldToNew + ", new->old " + newToOld);
    for (Severity s : new Severity[] {Severity.ERROR, Severity.WARNING, Severity.INFO}) {
      for (Finding f : findings) {
        if (f.severity() == s) {
          out.add("  " + f.direction().label() + "  " + s + "  " + f.path() + ": "
              + f.message());
        }
      }
    }
    return out;
  }

  /** {@link #lines()} joined, final newline included. */
  public String text() {
    return String.join("\n", lines()) + "\n";
  }
}
