package org.vmstate4j.engine.live;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.vmstate4j.engine.edit.Assignment;
import org.vmstate4j.engine.stream.Registry;

/**
 * The settings {@link MigrationSender.Builder} and {@link MigrationProxy.Builder} share: the edits
 * applied on the way, the connect timeout, the close wait and the progress listener.
 *
 * @param <B> the concrete builder, returned by every setter
 */
public abstract class LiveBuilder<B extends LiveBuilder<B>> {
  Edits edits = Edits.NONE;
  Duration connectTimeout = Duration.ofSeconds(10);
  Duration closeWait = Duration.ofSeconds(30);
  ProgressListener progress = ProgressListener.none();

  LiveBuilder() {}

  abstract B self();

  /** A generic edit of a device section, e.g. {@code serial/state/scr=0x5a}. */
  public B set(Assignment edit) {
    edits = edits.with(edit);
    return self();
  }

  /** Generic edits in {@code PATH=VALUE} syntax (checked here for syntax only). */
  public B set(List<String> assignments) {
    for (String a : assignments) {
      edits = edits.with(Assignment.parse(a));
    }
    return self();
  }

  /** A typed edit: the devices {@code registry} knows are loaded, changed and re-encoded. */
  public B edit(Registry registry, Consumer<Registry> change) {
    edits = edits.withTyped(registry, change);
    return self();
  }

  public B connectTimeout(Duration timeout) {
    this.connectTimeout = Objects.requireNonNull(timeout, "timeout");
    return self();
  }

  /** How long to wait for the destination to close the connection after the last byte. */
  public B closeWait(Duration wait) {
    this.closeWait = Objects.requireNonNull(wait, "wait");
    return self();
  }

  public B progress(ProgressListener listener) {
    this.progress = Objects.requireNonNull(listener, "listener");
    return self();
  }
}
