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

  /**
   * One reason.
   *
   * @param direction which way the stream travels
   * @param severity how bad
   * @param path description/field path, e.g. {@code nvme-lite/sq}
   * @param message what differs and what it does to a load
   */
  public record Finding(Direction direction, Severity severity, String path, String message) {
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

  /** Text: the two verdicts, then the findings (info last). */
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
