package org.vmstate4j.engine.state;

import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.io.VmInput;

/** State of one load: the input, the options and the undo journal. */
final class LoadContext {
  final VmInput in;
  final LoadOptions options;
  final @Nullable Journal journal;
  /**
   * False while loading into objects this load created: they need no undo records. Changed
   * through {@link #pauseJournal}, {@link #stopJournal} and {@link #journalScope}.
   */
  private boolean journaling;
  /** The one scope that turns recording back on. */
  private final JournalScope resume = new JournalScope(this);
  /** Watches the load item by item; null for ordinary loads. */
  @Nullable LoadObserver observer;
  /**
   * Where the walk's post_load hooks go, in the order QEMU would run them; null when no hook
   * runs at all (a dry run).
   */
  @Nullable List<PostLoads.Pending> postLoads;

  // the walk's position below the top description, kept only to name a deferred hook's path:
  // field and subsection names, each with the element index inside it or -1
  private String[] names = new String[8];
  private int[] indexes = new int[8];
  private int depth;

  LoadContext(VmInput in, LoadOptions options) {
    this(in, options, options.transactional() ? Journal.acquire() : null);
  }

  /** A load that records into {@code journal} (shared by the loads of a transaction). */
  LoadContext(VmInput in, LoadOptions options, @Nullable Journal journal) {
    this.in = in;
    this.options = options;
    this.journal = journal;
    this.journaling = journal != null;
  }

  @Nullable Journal journal() {
    return journaling ? journal : null;
  }

  /**
   * Stops recording until the returned scope is closed (try-with-resources): loads into objects
   * this load created need no undo records.
   */
  JournalScope pauseJournal() {
    JournalScope s = journalScope();
    journaling = false;
    return s;
  }

  /**
   * Stops recording until the enclosing {@link #journalScope} closes: the rest of a field whose
   * whole container was recorded (or made) needs no more undo records.
   */
  void stopJournal() {
    journaling = false;
  }

  /**
   * A scope whose closing puts recording back as it is now, for a walk that may pause it for
   * the rest of its field (see {@link #pauseJournal}).
   */
  JournalScope journalScope() {
    return journaling ? resume : JournalScope.NONE;
  }

  /**
   * Resumes recording when closed. One per load, not one per pause: recording is either on
   * (closing turns it back on) or already off (closing does nothing), so nesting needs no stack.
   */
  static final class JournalScope implements AutoCloseable {
    static final JournalScope NONE = new JournalScope(null);

    private final @Nullable LoadContext ctx;

    private JournalScope(@Nullable LoadContext ctx) {
      this.ctx = ctx;
    }

    @Override
    public void close() {
      if (ctx != null) {
        ctx.journaling = true;
      }
    }
  }

  void enter(String name) {
    if (depth == names.length) {
      names = Arrays.copyOf(names, depth * 2);
      indexes = Arrays.copyOf(indexes, depth * 2);
    }
    names[depth] = name;
    indexes[depth++] = -1;
  }

  /** Sets the element index inside the innermost field. */
  void index(int i) {
    if (depth > 0) {
      indexes[depth - 1] = i;
    }
  }

  void leave() {
    depth--;
  }

  /** The walk's current path below the top description, e.g. {@code sq[2]}. */
  String path() {
    StringBuilder sb = new StringBuilder();
    for (int k = 0; k < depth; k++) {
      sb.append(k == 0 ? "" : "/").append(names[k]);
      if (indexes[k] >= 0) {
        sb.append('[').append(indexes[k]).append(']');
      }
    }
    return sb.toString();
  }
}
