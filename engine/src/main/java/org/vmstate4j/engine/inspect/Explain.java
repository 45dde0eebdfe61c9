package org.vmstate4j.engine.inspect;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.VmStateLoadException;
import org.vmstate4j.engine.inspect.Explanation.View;
import org.vmstate4j.engine.stream.Registry;
import org.vmstate4j.engine.wire.StreamWalker;
import org.vmstate4j.engine.wire.VmDescription;
import org.vmstate4j.engine.wire.WireOptions;

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
 * stream is read once through a fixed buffer, RAM pages counted and never held; an item's bytes
 * are read from the file where it needs them (a stream read from an InputStream is kept in a
 * temporary file for as long as its explanation is reachable).
 */
public final class Explain {
  private Explain() {}

  /** The destination's view of a stream file. */
  public static Explanation of(Registry registry, Path file) throws IOException {
    return destination(registry, Source.of(file), false);
  }

  /** The destination's view of a stream read to its end (kept in a temporary file). */
  public static Explanation of(Registry registry, InputStream in) throws IOException {
    Source s = Source.spool(in);
    try {
      return s.keep(destination(registry, s, false));
    } finally {
      s.dropUnkept();
    }
  }

  /** The destination's view of a stream in memory. */
  public static Explanation of(Registry registry, byte[] stream) {
    return destination(registry, Source.of(stream), false);
  }

  /** The source's view of a stream file: read with the JSON description it carries. */
  public static Explanation fromStream(Path file) throws IOException {
    return source(Source.of(file), false);
  }

  /** The source's view of a stream read to its end (kept in a temporary file). */
  public static Explanation fromStream(InputStream in) throws IOException {
    Source s = Source.spool(in);
    try {
      return s.keep(source(s, false));
    } finally {
      s.dropUnkept();
    }
  }

  /** The source's view of a stream in memory. */
  public static Explanation fromStream(byte[] stream) {
    return source(Source.of(stream), false);
  }

  /**
   * Where a stream comes from: a file (perhaps a temporary copy of an InputStream) or an array.
   */
  static final class Source {
    final String name;
    final @Nullable Path file;
    final byte @Nullable [] array;
    final StreamBytes bytes;
    private boolean temporary;

    private Source(String name, @Nullable Path file, byte @Nullable [] array, StreamBytes bytes) {
      this.name = name;
      this.file = file;
      this.array = array;
      this.bytes = bytes;
    }

    static Source of(Path file) throws IOException {
      return new Source(file.toString(), file, null, StreamBytes.of(file));
    }

    static Source of(byte[] stream) {
      return new Source("stream", null, stream, StreamBytes.of(stream));
    }

    static Source spool(InputStream in) throws IOException {
      Path tmp = Files.createTempFile("vmstate4j-explain-", ".mig");
      try {
        Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
        Source s = new Source("stream", tmp, null, StreamBytes.of(tmp));
        s.temporary = true;
        return s;
      } catch (IOException | RuntimeException e) {
        Files.deleteIfExists(tmp);
        throw e;
      }
    }

    /** The temporary copy lives as long as the explanation that reads it. */
    Explanation keep(Explanation x) {
      if (temporary && file != null) {
        StreamBytes.deleteWhenUnreachable(file, x);
        temporary = false;
      }
      return x;
    }

    void dropUnkept() throws IOException {
      if (temporary && file != null) {
        Files.deleteIfExists(file);
      }
    }

    /** The JSON description at the end, or why there is none (null, null when absent). */
    Described describe() throws IOException {
      VmDescription.Found found;
      if (file != null) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
          found = VmDescription.find(ch);
        }
      } else {
        found = VmDescription.find(array);
      }
      if (found == null) {
        return new Described(null, null);
      }
      try {
        return new Described(found.parseText(), null);
      } catch (VmStateLoadException e) {
        String problem = VmDescription.problem(e);
        return new Described(null, "the JSON description "
            + (problem.startsWith("has ") ? problem : "is " + problem));
      }
    }

    void walk(StreamWalk w, int pageSize) throws IOException {
      WireOptions o = WireOptions.DEFAULT.withLocate(false).withSpool(false)
          .withDescriptionLimit(0).withPageSize(pageSize);
      if (file != null) {
        StreamWalker.walk(file, o, w);
      } else {
        StreamWalker.walk(array, o, w);
      }
    }
  }

  record Described(@Nullable VmDescription desc, @Nullable String why) {}

  static Explanation destination(Registry registry, Source s, boolean pages) {
    Objects.requireNonNull(registry, "registry");
    Described d = describe(s);
    SourceBodies json = d.desc() == null ? null : new SourceBodies(d.desc());
    int pageSize = json == null ? 0 : json.pageSize();
    RamImage image = pages ? new RamImage(pageSize) : null;
    StreamWalk w = new StreamWalk(s.bytes, new DestinationBodies(registry), json,
        "not registered here: read with the stream's JSON description", image);
    ExplainFailure f = w.run(v -> s.walk(v, pageSize));
    String title = "explain " + s.name + " (destination view: registry '"
        + registry.machineName() + "', " + registry.size()
        + (registry.size() == 1 ? " device" : " devices") + ")"
        + (d.why() == null ? "" : "; " + d.why());
    return new Explanation(View.DESTINATION, title, s.bytes, w.items, w.notes, f, image);
  }

  static Explanation source(Source s, boolean pages) {
    String title = "explain " + s.name + " (source view: the stream's JSON description)";
    Described d = describe(s);
    if (d.desc() == null) {
      return noDescription(s, title, d.why() != null ? d.why()
          : "the stream carries no JSON description after EOF (0x06, length, JSON at the end)");
    }
    SourceBodies json = new SourceBodies(d.desc());
    RamImage image = pages ? new RamImage(json.pageSize()) : null;
    StreamWalk w = new StreamWalk(s.bytes, json, null, null, image);
    ExplainFailure f = w.run(v -> s.walk(v, json.pageSize()));
    return new Explanation(View.SOURCE, title, s.bytes, w.items, w.notes, f, image);
  }

  private static Described describe(Source s) {
    try {
      return s.describe();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Explanation noDescription(Source s, String title, String why) {
    // the framing can still be shown up to the first device section
    StreamWalk w = new StreamWalk(s.bytes, (x, i, n, v, r) -> false, null, null, null);
    ExplainFailure f = w.run(v -> s.walk(v, 0));
    ExplainFailure g = f == null ? new ExplainFailure(-1, "", why, null, List.of())
        : new ExplainFailure(f.offset(), f.path(), f.message() + "; " + why, f.lastGood(),
            f.context());
    return new Explanation(View.SOURCE, title, s.bytes, w.items, w.notes, g, null);
  }
}
