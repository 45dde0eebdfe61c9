package org.vmstate4j.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

class SnippetExecutionTest {

  /**
   * A method whose branches meet with two different snippet classes: JShell's own local engine on
   * JDK 24+ cannot load it ("Could not resolve class $JShell$..$Sq"); CI runs this on JDK 25.
   */
  @Test
  void snippetCodeThatMergesTwoSnippetTypesLoadsAndRuns() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try (ShellSession session = new ShellSession(
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        ShellSession.Feedback.SILENT, false)) {
      boolean ok = session.eval("""
          class Sq { int head = 1; }
          class Cq { int head = 3; }
          Object pick(boolean sq) { Object queue = sq ? new Sq() : new Cq(); return queue; }
          int sum() {
            int total = 0;
            for (int i = 0; i < 4; i++) {
              Object q = pick(i % 2 == 0);
              total += q instanceof Sq s ? s.head : ((Cq) q).head;
            }
            return total;
          }
          System.out.println("sum=" + sum());
          """, SourcePosition.INTERACTIVE);
      assertThat(ok).as(err.toString(StandardCharsets.UTF_8)).isTrue();
    }
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("sum=8");
  }

  @Test
  void weavingAddsAStopCheckAtMethodStartAndBeforeEveryBackwardBranch() throws IOException {
    byte[] original;
    try (InputStream in = Looping.class.getResourceAsStream("SnippetExecutionTest$Looping.class")) {
      original = in.readAllBytes();
    }
    List<String> checks = new ArrayList<>();
    new ClassReader(SnippetExecution.weave(original)).accept(new ClassVisitor(Opcodes.ASM9) {
      @Override
      public MethodVisitor visitMethod(int access, String name, String descriptor,
          String signature, String[] exceptions) {
        return new MethodVisitor(Opcodes.ASM9) {
          @Override
          public void visitMethodInsn(int opcode, String owner, String method, String desc,
              boolean itf) {
            if (owner.equals("org/vmstate4j/console/StopCheck")) {
              checks.add(name);
            }
          }
        };
      }
    }, 0);
    // <init>: start only; spin: start + the loop's back edge
    assertThat(checks).containsExactlyInAnyOrder("<init>", "spin", "spin");
  }

  static final class Looping {
    int spin(int n) {
      int i = 0;
      while (i < n) {
        i++;
      }
      return i;
    }
  }
}
