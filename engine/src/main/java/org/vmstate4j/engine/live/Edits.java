package org.vmstate4j.engine.live;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.edit.Assignment;
import org.vmstate4j.engine.edit.StreamEdit;
import org.vmstate4j.engine.stream.Registry;

/**
 * What a sender or a proxy changes on the way: generic {@code PATH=VALUE} edits and at most one
 * typed edit, applied in {@link StreamEdit}'s order (typed first). Immutable.
 */
final class Edits {
  static final Edits NONE = new Edits(List.of(), null, null);

  private final List<Assignment> generic;
  private final @Nullable Registry registry;
  private final @Nullable Consumer<Registry> change;

  private Edits(List<Assignment> generic, @Nullable Registry registry,
      @Nullable Consumer<Registry> change) {
    this.generic = List.copyOf(generic);
    this.registry = registry;
    this.change = change;
  }

  Edits with(Assignment edit) {
    List<Assignment> more = new ArrayList<>(generic);
    more.add(Objects.requireNonNull(edit, "edit"));
    return new Edits(more, registry, change);
  }

  Edits withTyped(Registry registry, Consumer<Registry> change) {
    return new Edits(generic, Objects.requireNonNull(registry, "registry"),
        Objects.requireNonNull(change, "change"));
  }

  boolean isEmpty() {
    return generic.isEmpty() && registry == null;
  }

  /** Adds these edits to {@code edit} and returns it; closes it when an edit fails. */
  StreamEdit applyTo(StreamEdit edit) throws IOException {
    try {
      if (registry != null && change != null) {
        edit.edit(registry, change);
      }
      for (Assignment a : generic) {
        edit.set(a);
      }
      return edit;
    } catch (IOException | RuntimeException e) {
      try {
        edit.close();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }
}
