package org.vmstate4j.engine.inspect;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.inspect.Explanation.View;
import org.vmstate4j.engine.stream.Registry;

/**
 * Annotated dumps of migration streams: for every item its byte offset, path, codec, bytes and
 * value; section headers and footers, subsection headers and pointer markers (NULL/VALID) too.
 *
 * <pre>{@code
 * Explanation x = Explain.of(registry, Path.of("vm.mig"));   // what the destination reads
 * Explanation y = Explain.fromStream(Path.of("vm.mig"));     // what the source described
 * x.lines().forEach(System.out::println);
 * }</pre>
 *
 * <p>The destination view loads each section as a dry run into the registry's objects, with
 * their descriptions: the objects are left as they were, and they must be in the state a
 * destination starts from (AUTO_ALLOC slots empty, {@code *_equal} members holding the local
 * configuration). Sections the registry does not know are read with the stream's JSON
 * description, when it has one. The source view reads every section with that JSON description,
 * as QEMU's analyze-migration.py does.
 *
 * <p>When reading fails, the {@link Explanation} keeps the items read so far and an
 * {@link ExplainFailure} with the last good item and the bytes around the failing offset. The
 * whole stream is held in memory.
 */
public final class Explain {
  private Explain() {}

  /** The destination's view of a stream file. */
  public static Explanation of(Registry registry, Path file) throws IOException {
    return of(registry, Files.readAllBytes(file), file.toString());
  }

  /** The destination's view of a stream read to its end. */
  public static Explanation of(Registry registry, InputStream in) throws IOException {
    return of(registry, in.readAllBytes(), "stream");
  }

  /** The destination's view of a stream in memory. */
  public static Explanation of(Registry registry, byte[] stream) {
    return of(registry, stream, "stream");
  }

  private static Explanation of(Registry registry, byte[] stream, String name) {
    Objects.requireNonNull(registry, "registry");
    SourceBodies json = null;
    String why = null;
    try {
      json = SourceBodies.locate(stream);
    } catch (IllegalArgumentException e) {
      why = e.getMessage();
    }
    StreamWalk w = new StreamWalk(stream, new DestinationBodies(registry), json,
        "not registered here: read with the stream's JSON description",
        json == null ? 0 : json.pageSize());
    ExplainFailure f = w.run();
    String title = "explain " + name + " (destination view: registry '" + registry.machineName()
        + "', " + registry.size() + (registry.size() == 1 ? " device" : " devices") + ")"
        + (why == null ? "" : "; " + why);
    return new Explanation(View.DESTINATION, title, stream, w.items, w.notes, f);
  }

  /** The source's view of a stream file: read with the JSON description it carries. */
  public static Explanation fromStream(Path file) throws IOException {
    return fromStream(Files.readAllBytes(file), file.toString());
  }

  /** The source's view of a stream read to its end. */
  public static Explanation fromStream(InputStream in) throws IOException {
    return fromStream(in.readAllBytes(), "stream");
  }

  /** The source's view of a stream in memory. */
  public static Explanation fromStream(byte[] stream) {
    return fromStream(stream, "stream");
  }

  private static Explanation fromStream(byte[] stream, String name) {
    String title = "explain " + name + " (source view: the stream's JSON description)";
    SourceBodies json;
    try {
      json = SourceBodies.locate(stream);
    } catch (IllegalArgumentException e) {
      return noDescription(stream, title, e.getMessage());
    }
    if (json == null) {
      return noDescription(stream, title,
          "the stream carries no JSON description after EOF (0x06, length, JSON at the end)");
    }
    StreamWalk w = new StreamWalk(stream, json, null, null, json.pageSize());
    return new Explanation(View.SOURCE, title, stream, w.items, w.notes, w.run());
  }

  private static Explanation noDescription(byte[] stream, String title, @Nullable String why) {
    // the framing can still be shown up to the first device section
    StreamWalk w = new StreamWalk(stream, (x, i, n, v, r) -> false, null, null, 0);
    ExplainFailure f = w.run();
    String msg = String.valueOf(why);
    ExplainFailure g = f == null ? new ExplainFailure(-1, "", msg, null, List.of())
        : new ExplainFailure(f.offset(), f.path(), f.message() + "; " + msg, f.lastGood(),
            f.context());
    return new Explanation(View.SOURCE, title, stream, w.items, w.notes, g);
  }
}
