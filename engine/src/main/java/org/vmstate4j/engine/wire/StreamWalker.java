package org.vmstate4j.engine.wire;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.VmStateLoadException;
import org.vmstate4j.engine.io.VmInput;

/**
 * Walks a QEMU migration stream and reports its parts with their byte spans, in stream order:
 * the engine's one reader of the stream's framing (header, configuration, section headers and
 * footers, commands, EOF, the JSON description) and of RAM records. The loader, {@code analyze},
 * {@code explain}, {@code diff} and the rewriter are built on it.
 *
 * <p>Device section bodies have no length on the wire. A {@link WireVisitor} may read them
 * itself ({@link WireVisitor#body}); else the walker delimits them with the stream's JSON
 * description (fields' sizes, structs, subsections as their 0x05 headers say), or, for sections
 * the description does not cover (slirp, ...), by their footer. From a file the description is
 * located at the end first and the walk stops at it. From an InputStream it comes last: RAM
 * sections are walked as they arrive; at the first body that needs the description the rest of
 * the input is spooled to a temporary file (never the heap), which is walked once the
 * description is there. RAM pages are never held: the walker reads through a fixed buffer.
 *
 * <p>Errors are {@link VmStateLoadException}s with the stream offset and QEMU's wording.
 *
 * <pre>{@code
 * StreamWalker.walk(Path.of("vm.mig"), part -> System.out.println(part));
 * }</pre>
 */
public final class StreamWalker {
  /** Read buffer of an InputStream: the look-ahead for footers the description does not give. */
  static final int BUFFER = WireSource.LOOKAHEAD;
  static final String TRUNCATED = "unexpected end of stream";

  final WireOptions options;
  final WireVisitor out;
  WireSource src;
  @Nullable VmDescription desc;
  /** The description the walk stops at (located at the end of a file or spool), or null. */
  @Nullable VmDescription located;
  /** A non-seekable input that was not spooled yet. */
  private @Nullable InputStream raw;
  private @Nullable Path spoolFile;
  private @Nullable FileChannel spoolChannel;
  /** During a live walk: the tapped channel until the tail starts, and the tail's file. */
  @Nullable LiveInput live;
  @Nullable Path tailFile;
  private long tailAt = -1;
  private long spooledEnd = -1;
  long eofEnd = -1;

  // The walk's jobs, one class each; they share this walk's source, description and visitor.
  final SectionWalk sections = new SectionWalk(this);
  final ConfigurationWalk config = new ConfigurationWalk(this);
  final FieldWalk fields = new FieldWalk(this);
  final RamWalk ram = new RamWalk(this);
  final TrailerWalk trailer = new TrailerWalk(this);

  private StreamWalker(WireOptions options, WireVisitor out, WireSource src) {
    this.options = options;
    this.out = out;
    this.src = src;
    this.desc = options.description();
  }

  /** Walks a stream file with the default options; returns its JSON description (or null). */
  public static @Nullable VmDescription walk(Path file, WireVisitor visitor) throws IOException {
    return walk(file, WireOptions.DEFAULT, visitor);
  }

  /** Walks a stream file; returns its JSON description (null when it has none). */
  public static @Nullable VmDescription walk(Path file, WireOptions options, WireVisitor visitor)
      throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      VmDescription at = options.locate() ? located(options.description(), size) : null;
      VmDescription.Found found = null;
      if (at == null && options.locate() && options.description() == null) {
        found = VmDescription.find(ch);
      }
      long end = at != null ? at.markerOffset() : found != null ? found.markerOffset() : size;
      StreamWalker w = new StreamWalker(options, visitor, new FileSource(ch, 0, end, 0));
      w.stopAt(at, found);
      return w.run();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** Walks a stream read from {@code in} to its end, with the default options. */
  public static @Nullable VmDescription walk(InputStream input, WireVisitor visitor)
      throws IOException {
    return walk(input, -1, WireOptions.DEFAULT, visitor);
  }

  /**
   * Walks a stream read from {@code input} to its end.
   *
   * @param length the stream's length when known (early checks of counts), else -1
   */
  public static @Nullable VmDescription walk(InputStream input, long length, WireOptions options,
      WireVisitor visitor) throws IOException {
    StreamWalker w = new StreamWalker(options, visitor,
        new VmSource(VmInput.of(input, 0, length, BUFFER)));
    w.raw = input;
    try {
      return w.run();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    } finally {
      w.closeSpool();
    }
  }

  /**
   * Walks a stream as it arrives on {@code input}, for a program between a migration source and
   * its destination. The header, the configuration and the RAM sections are walked as they come,
   * and their bytes go to {@code through} as they are consumed. The first part that can only be
   * delimited with the JSON description (a device section, or EOF) starts the tail: from there
   * on the input is copied to {@code tail} (created or replaced, left for the caller; never the
   * heap) until its end, then the tail's parts are reported too, delimited with the description
   * found at its end. The tail's bytes do not go to {@code through}.
   *
   * <p>Errors name the stream offset and the part being read, e.g. when the input ends early.
   */
  public static LiveWalk walkLive(ReadableByteChannel input, WireVisitor visitor,
      WireTap through, Path tail) throws IOException {
    LiveInput li = new LiveInput(input, through);
    VmInput in = VmInput.of(li, 0, -1, BUFFER);
    li.consumer(in);
    StreamWalker w = new StreamWalker(WireOptions.DEFAULT.withLocate(false), visitor,
        new VmSource(in));
    w.live = li;
    w.tailFile = tail;
    try {
      try {
        w.run();
      } catch (VmStateLoadException e) {
        if (!e.reason().contains(TRUNCATED) || w.sections.inVisitor) {
          throw e;
        }
        // a live input that ends early: the error names where it ended
        long end = w.spooledEnd >= 0 ? w.spooledEnd : w.src.knownEnd();
        throw new VmStateLoadException(e.reason(), Math.max(end, e.offset()), e.expected(),
            e.found(), e);
      }
      if (w.desc == null && w.eofEnd >= 0 && w.spooledEnd > w.eofEnd) {
        // bytes after EOF but no description: QEMU's description was cut short
        throw new VmStateLoadException(TRUNCATED + " in the JSON description after EOF",
            w.spooledEnd, "the whole JSON description", (w.spooledEnd - w.eofEnd) + " bytes");
      }
      if (w.tailAt < 0) {
        // the input ended (after EOF) without a tail: an empty one says so
        li.flush(in.position());
        w.tailAt = in.position();
        w.spooledEnd = in.position();
        Files.deleteIfExists(tail);
        Files.createFile(tail);
      }
      return new LiveWalk(w.tailAt, w.spooledEnd, w.desc);
    } catch (LiveInput.Failure e) {
      throw e.getCause();
    } finally {
      w.closeSpool();
    }
  }

  /** Walks a stream held in memory. */
  public static @Nullable VmDescription walk(byte[] stream, WireOptions options,
      WireVisitor visitor) {
    VmDescription at = options.locate() ? located(options.description(), stream.length) : null;
    VmDescription.Found found = null;
    if (at == null && options.locate() && options.description() == null) {
      found = VmDescription.find(stream);
    }
    long end = at != null ? at.markerOffset() : found != null ? found.markerOffset() : stream.length;
    VmInput in = end == stream.length ? VmInput.of(stream)
        : VmInput.of(new ByteArrayInputStream(stream, 0, (int) end), 0, end,
            (int) Math.max(16, Math.min(BUFFER, end)));
    StreamWalker w = new StreamWalker(options, visitor, new VmSource(in));
    w.stopAt(at, found);
    return w.run();
  }

  /** A given description that sits at the end of this stream, to stop at. */
  private static @Nullable VmDescription located(@Nullable VmDescription d, long size) {
    return d != null && d.markerOffset() >= 0 && d.markerOffset() + 5 + d.jsonLength() <= size
        ? d : null;
  }

  private void stopAt(@Nullable VmDescription at, VmDescription.@Nullable Found found) {
    if (at != null) {
      located = at;
    } else if (found != null) {
      try {
        located = found.parse();
        desc = located;
      } catch (VmStateLoadException e) {
        // unusable: the walk still stops there, and bodies are delimited by their footers
        located = null;
        unusable = found;
      }
    }
  }

  /** A description found at the end whose JSON could not be used. */
  VmDescription.@Nullable Found unusable;

  private @Nullable VmDescription run() {
    return sections.run();
  }

  void report(WirePart p) {
    out.part(p);
  }

  /** The description, spooling an InputStream to find it when it comes at the end. */
  @Nullable VmDescription description() {
    if (desc == null && raw != null && options.spool()) {
      try {
        spool();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return desc;
  }


  // ------------------------------------------------------------------ spooling

  /**
   * Copies the rest of the InputStream to a temporary file, finds the description at its end,
   * and goes on reading from the file, which ends at the description.
   */
  private void spool() throws IOException {
    spoolTo(null);
  }

  /**
   * Spools to {@code target} (a live walk's tail, created or replaced and kept) or, when null,
   * to a temporary file removed at the end of the walk.
   */
  void spoolTo(@Nullable Path target) throws IOException {
    InputStream source = raw;
    raw = null;
    long start = src.position();
    LiveInput li = live;
    if (li != null) {
      // the bytes before the tail go to the tap; the tail's do not
      li.flush(start);
      li.untap();
      live = null;
      source = li;
      tailAt = start;
    }
    if (source == null) {
      throw new IllegalStateException("nothing to spool");
    }
    Path file;
    FileChannel ch;
    if (target == null) {
      file = Files.createTempFile("vmstate4j-wire-", ".mig");
      spoolFile = file;
      ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
    } else {
      file = target;
      ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
          StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
    }
    spoolChannel = ch;
    ByteBuffer head = ((VmSource) src).buffered();
    while (head.hasRemaining()) {
      ch.write(head);
    }
    byte[] buf = new byte[1 << 16];
    ByteBuffer bb = ByteBuffer.wrap(buf);
    int r;
    while ((r = source.read(buf)) >= 0) {
      bb.clear().limit(r);
      while (bb.hasRemaining()) {
        ch.write(bb);
      }
    }
    VmDescription.Found f = VmDescription.find(ch);
    long end = start + ch.size();
    spooledEnd = end;
    if (f != null) {
      VmDescription.Found at = new VmDescription.Found(f.markerOffset() + start, f.json());
      end = at.markerOffset();
      stopAt(null, at);
    }
    src = new FileSource(ch, start, end, start);
  }

  private void closeSpool() throws IOException {
    try {
      if (spoolChannel != null) {
        spoolChannel.close();
      }
    } finally {
      if (spoolFile != null) {
        Files.deleteIfExists(spoolFile);
      }
    }
  }
}
