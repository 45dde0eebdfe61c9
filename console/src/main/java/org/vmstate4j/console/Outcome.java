package org.vmstate4j.console;

/** What a command or input did: succeeded, failed, or asked to leave with an exit code. */
record Outcome(Kind kind, int exitCode) {
  enum Kind { OK, FAILED, EXIT }

  static final Outcome OK = new Outcome(Kind.OK, 0);
  static final Outcome FAILED = new Outcome(Kind.FAILED, 1);

  static Outcome exit(int code) {
    return new Outcome(Kind.EXIT, code);
  }

  static Outcome of(boolean ok) {
    return ok ? OK : FAILED;
  }
}
