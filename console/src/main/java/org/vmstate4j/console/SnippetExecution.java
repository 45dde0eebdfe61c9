package org.vmstate4j.console;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import jdk.jshell.execution.DirectExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;
import org.jspecify.annotations.Nullable;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Runs snippets in this JVM, so the objects they create are the objects the engine sees, on a
 * thread of their own that {@link #stop()} can end.
 *
 * <p>JShell's own local engine does the same, but from JDK 24 on it weaves its stop checks with
 * the class-file API, which recomputes stack maps by resolving the snippet's classes through the
 * system class loader, where they are not: a snippet whose code merges two snippet types fails
 * with "Could not resolve class $JShell$13$Sq" (JDK-8366926). Here the checks are woven with ASM,
 * which keeps javac's stack maps as they are, so nothing needs resolving and every JDK behaves
 * the same.
 */
final class SnippetExecution extends DirectExecutionControl {
  /** The name the console's JShell is built with. */
  static final String NAME = "vmstate4j-local";

  private final Object stopLock = new Object();
  private @Nullable ThreadGroup running;

  /** Makes a fresh engine per JShell. */
  static ExecutionControlProvider provider() {
    return new ExecutionControlProvider() {
      @Override
      public String name() {
        return NAME;
      }

      @Override
      public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
        return new SnippetExecution();
      }
    };
  }

  @Override
  public void load(ClassBytecodes[] classes)
      throws ClassInstallException, NotImplementedException, EngineTerminationException {
    ClassBytecodes[] woven = new ClassBytecodes[classes.length];
    for (int i = 0; i < classes.length; i++) {
      woven[i] = new ClassBytecodes(classes[i].name(), weave(classes[i].bytecodes()));
    }
    super.load(woven);
  }

  /**
   * Adds a stop check at the start of every method and before every backward branch, so that a
   * loop that never blocks can still be stopped.
   */
  static byte[] weave(byte[] classFile) {
    ClassReader reader;
    try {
      reader = new ClassReader(classFile);
    } catch (IllegalArgumentException newerThanAsm) {
      // A class-file version this ASM does not know yet: run it unwoven; only stop is lost.
      return classFile;
    }
    // No COMPUTE_FRAMES: a call with no arguments and no result leaves javac's frames valid.
    ClassWriter writer = new ClassWriter(reader, 0);
    reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
      @Override
      public MethodVisitor visitMethod(int access, String name, String descriptor,
          @Nullable String signature, String @Nullable [] exceptions) {
        MethodVisitor method = super.visitMethod(access, name, descriptor, signature, exceptions);
        return new StopCheckWeaver(method);
      }
    }, 0);
    return writer.toByteArray();
  }

  /** Inserts the checks into one method's code. */
  private static final class StopCheckWeaver extends MethodVisitor {
    private static final String OWNER = StopCheck.class.getName().replace('.', '/');
    private final Set<Label> seen = new HashSet<>();

    StopCheckWeaver(MethodVisitor next) {
      super(Opcodes.ASM9, next);
    }

    @Override
    public void visitCode() {
      super.visitCode();
      check();
    }

    @Override
    public void visitLabel(Label label) {
      seen.add(label);
      super.visitLabel(label);
    }

    @Override
    public void visitJumpInsn(int opcode, Label target) {
      if (seen.contains(target)) {
        check();
      }
      super.visitJumpInsn(opcode, target);
    }

    private void check() {
      super.visitMethodInsn(Opcodes.INVOKESTATIC, OWNER, "check", "()V", false);
    }
  }

  @Override
  protected String invoke(Method doit) throws Exception {
    AtomicReference<@Nullable Object> result = new AtomicReference<>();
    AtomicReference<@Nullable Throwable> failure = new AtomicReference<>();
    ThreadGroup group = new ThreadGroup("vmstate4j snippet");
    Thread thread = new Thread(group, () -> {
      try {
        result.set(doit.invoke(null));
      } catch (InvocationTargetException | IllegalAccessException | RuntimeException | Error e) {
        failure.set(e);
      }
    }, "vmstate4j-snippet");
    synchronized (stopLock) {
      running = group;
    }
    try {
      thread.start();
      thread.join();
    } finally {
      synchronized (stopLock) {
        running = null;
      }
      StopCheck.forget(group);
    }
    Throwable thrown = failure.get();
    if (thrown == null) {
      return valueString(result.get());
    }
    Throwable cause = thrown instanceof InvocationTargetException ? thrown.getCause() : thrown;
    if (cause instanceof StopCheck.Stopped) {
      throw new StoppedException();
    }
    if (thrown instanceof Exception) {
      throw (Exception) thrown;
    }
    throw (Error) thrown;
  }

  @Override
  public void stop() {
    synchronized (stopLock) {
      ThreadGroup group = running;
      if (group == null) {
        return;
      }
      StopCheck.stop(group);
      // Wakes a snippet that sleeps or waits; a busy one meets its next check.
      Thread[] threads = new Thread[group.activeCount() + 8];
      int count = group.enumerate(threads);
      for (int i = 0; i < count; i++) {
        threads[i].interrupt();
      }
    }
  }
}
