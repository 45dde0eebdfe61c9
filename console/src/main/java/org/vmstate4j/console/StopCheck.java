package org.vmstate4j.console;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The check that {@link SnippetExecution} weaves into snippet code: it ends the snippet's thread
 * once the console has been asked to stop it. Public only because snippet classes, defined by
 * JShell's class loader, call it; not for other use.
 */
public final class StopCheck {
  /** Snippet thread groups asked to stop; one console's Ctrl-C leaves other consoles running. */
  private static final Set<ThreadGroup> STOPPING = ConcurrentHashMap.newKeySet();

  private StopCheck() {}

  /** Throws {@link Stopped} when the calling snippet thread has been asked to stop. */
  public static void check() {
    if (!STOPPING.isEmpty() && STOPPING.contains(Thread.currentThread().getThreadGroup())) {
      throw new Stopped();
    }
  }

  static void stop(ThreadGroup group) {
    STOPPING.add(group);
  }

  static void forget(ThreadGroup group) {
    STOPPING.remove(group);
  }

  /** Unwinds a stopped snippet; an Error so that a snippet's {@code catch (Exception e)} lets it pass. */
  static final class Stopped extends Error {
    private static final long serialVersionUID = 1L;

    Stopped() {
      super("stopped", null, false, false);
    }
  }
}
