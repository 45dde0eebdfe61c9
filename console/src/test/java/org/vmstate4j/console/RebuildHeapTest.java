package org.vmstate4j.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A console session that redefines its class and rebuilds, saves and loads its description
 * 10,000 times ends with the heap where it started: nothing keeps the old descriptions, their
 * compiled plans or generated classes alive. Snippets run in this JVM (the console's local
 * execution engine), so this JVM's heap is the session's.
 *
 * <p>JShell itself keeps every class it defined and its record of every snippet (about 0.25 MB
 * per redefinition of the two classes here), so the same evaluations are first run without a
 * rebuild: the rebuilds may add no more than {@link #BOUND} to what those cost (taken as zero
 * when the heap shrank meanwhile, as it does when earlier tests' garbage goes).
 */
class RebuildHeapTest {
  static final int REDEFINITIONS = 40;
  static final int ROUNDS = 250;
  /** Keeping the 10,000 descriptions, or classes generated for each, costs many times this. */
  static final long BOUND = 3L << 20;

  static final String CLASSES = """
      class Q { int head; long addr; }
      class Dev { int n = 2; Q[] qs = { new Q(), null }; int[] regs = new int[8]; boolean on; }
      """;

  static final String REBUILD = """
      for (int i = 0; i < rebuilds; i++) {
        VmStateDescription q = vmsd("q", Q.class)
            .fields(field("head").uint32(), field("addr").uint64()).build();
        VmStateDescription d = vmsd("dev", Dev.class).version(2)
            .fields(field("n").uint32(),
                field("qs").varrayUint32("n").ofPointers().autoAlloc(q),
                field("regs").array(8).uint32(),
                field("on").bool())
            .build();
        Dev src = new Dev();
        src.qs[0].addr = i;
        src.on = true;
        Dev back = new Dev();
        back.qs = new Q[2];
        VmState.load(d, back, VmState.save(d, src));
        if (back.qs[0].addr != i || !back.on) throw new AssertionError("round " + i);
        rounds++;
      }
      """;

  @Test
  void rebuildingADescriptionTenThousandTimesLeavesTheHeapWhereItWas() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    long start;
    long mid;
    long end;
    try (ShellSession session = new ShellSession(
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        ShellSession.Feedback.SILENT, false)) {
      session.start();
      // warm up: javac, JShell and the engine load what they load once
      eval(session, err, "int rounds = 0;");
      eval(session, err, "int rebuilds = " + ROUNDS + ";");
      for (int k = 0; k < 3; k++) {
        eval(session, err, CLASSES);
        eval(session, err, REBUILD);
      }
      eval(session, err, "rebuilds = 0;");
      start = usedAfterGc();
      redefineAndRebuild(session, err);
      mid = usedAfterGc();
      eval(session, err, "rebuilds = " + ROUNDS + ";");
      redefineAndRebuild(session, err);
      eval(session, err, "System.out.println(\"rounds=\" + rounds);");
      end = usedAfterGc();
    }
    long jshell = mid - start;
    long rebuilt = end - mid;
    System.out.printf("console rebuild heap: start %,d bytes; after %d redefinitions without"
        + " rebuilds %,d (JShell's own %,d); after %d more with %,d rebuilds %,d (growth %,d)%n",
        start, REDEFINITIONS, mid, jshell, REDEFINITIONS, REDEFINITIONS * ROUNDS, end, rebuilt);
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("rounds=" + (3 + REDEFINITIONS) * ROUNDS);
    assertThat(rebuilt)
        .as("heap growth over %d rebuilds (start %,d, mid %,d, end %,d)",
            REDEFINITIONS * ROUNDS, start, mid, end)
        .isLessThan(Math.max(jshell, 0) + BOUND);
  }

  private static void redefineAndRebuild(ShellSession session, ByteArrayOutputStream err) {
    for (int k = 0; k < REDEFINITIONS; k++) {
      eval(session, err, CLASSES);
      eval(session, err, REBUILD);
    }
  }

  private static void eval(ShellSession session, ByteArrayOutputStream err, String source) {
    assertThat(session.eval(source, SourcePosition.INTERACTIVE))
        .as("%s%n%s", source, err.toString(StandardCharsets.UTF_8))
        .isTrue();
  }

  /** Used heap once full collections stop freeing anything. */
  private static long usedAfterGc() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long last = Long.MAX_VALUE;
    for (int i = 0; i < 30; i++) {
      memory.gc();
      long used = memory.getHeapMemoryUsage().getUsed();
      if (Math.abs(last - used) < 64 * 1024) {
        return Math.min(last, used);
      }
      last = used;
    }
    return last;
  }
}
