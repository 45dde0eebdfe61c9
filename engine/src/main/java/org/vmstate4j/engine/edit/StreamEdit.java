package org.vmstate4j.engine.edit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Arrays;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.VmStateException;
import org.vmstate4j.engine.analyze.StreamAnalyzer;
import org.vmstate4j.engine.io.VmInput;
import org.vmstate4j.engine.io.VmOutput;
import org.vmstate4j.engine.json.VmDescWriter;
import org.vmstate4j.engine.state.VmState;
import org.vmstate4j.engine.stream.Registry;
import org.vmstate4j.engine.wire.PartKind;
import org.vmstate4j.engine.wire.StreamWalker;
import org.vmstate4j.engine.wire.VmDescription;
import org.vmstate4j.engine.wire.WireFormat;
import org.vmstate4j.engine.wire.WirePart;

/**
 * Rewrites a QEMU migration stream with generic edits: every byte not edited passes through
 * unchanged (RAM, sections of any kind, commands, footers, EOF, the JSON description), so with no
 * edit the output equals the input. An edit overwrites a field's bytes in place, found with the
 * stream's own JSON description by the path {@code analyze} shows:
 *
 * <pre>{@code
 * StreamEdit.of(in).set("mc146818rtc/cmos_data[14]", 0xa5).writeTo(out);
 * }</pre>
 *
 * <p>Edits are resolved and checked when added ({@link StreamEditException} names the path and
 * what exists there). RAM is copied through a fixed buffer, never held.
 */
public final class StreamEdit implements AutoCloseable {
  private static final int COPY_BUFFER = 1 << 20;

  private final Path file;
  private final boolean spooled;
  private @Nullable FieldResolver resolver;
  private final List<FieldEdit> edits = new ArrayList<>();
  /** Section bodies re-encoded by typed edits, and the JSON description when it changed. */
  private final List<Splice> splices = new ArrayList<>();

  private record Splice(long offset, long length, byte[] bytes) {}

  private StreamEdit(Path file, boolean spooled) {
    this.file = file;
    this.spooled = spooled;
  }

  /** Edits a stream file. */
  public static StreamEdit of(Path file) {
    return new StreamEdit(Objects.requireNonNull(file, "file"), false);
  }

  /**
   * Edits a stream read to its end from {@code in}: the bytes go to a temporary file (the JSON
   * description comes last), deleted by {@link #close()}.
   */
  public static StreamEdit of(InputStream in) throws IOException {
    Path spool = Files.createTempFile("vmstate4j-edit-", ".mig");
    try {
      Files.copy(in, spool, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      Files.deleteIfExists(spool);
      throw e;
    }
    return new StreamEdit(spool, true);
  }

  /** Sets the field at {@code path} to {@code value}. */
  public StreamEdit set(String path, long value) {
    return set(new Assignment(path, BigInteger.valueOf(value)));
  }

  /** Sets the field at {@code path} to {@code value}. */
  public StreamEdit set(String path, BigInteger value) {
    return set(new Assignment(path, value));
  }

  /** Applies one edit, e.g. {@code Assignment.parse("serial/state/scr=0x5a")}. */
  public StreamEdit set(Assignment assignment) {
    FieldEdit edit = resolver().resolve(assignment);
    edits.removeIf(e -> e.offset() == edit.offset());
    edits.add(edit);
    return this;
  }

  /**
   * Typed edit: every section of the stream that {@code registry} knows (same idstr and
   * instance) is loaded into its registered object, {@code change} runs, and each device is
   * saved again. A section whose bytes changed replaces the original, its length may differ (a
   * subsection appears or disappears), and its entry in the JSON description is rewritten as
   * QEMU writes it; the rest of the stream passes unchanged. Apply generic edits to other
   * sections only.
   */
  public StreamEdit edit(Registry registry, Consumer<Registry> change) throws IOException {
    List<WirePart> parts = new ArrayList<>();
    VmDescription desc = StreamWalker.walk(file, p -> {
      if (p.kind() == PartKind.SECTION_FULL || p.kind() == PartKind.FOOTER
          || p.kind() == PartKind.VMDESC) {
        parts.add(p);
      }
    });
    record Loaded(Registry.Entry entry, long body, long length, byte[] before) {}
    List<Loaded> loaded = new ArrayList<>();
    WirePart vmdesc = null;
    try (FileChannel source = FileChannel.open(file, StandardOpenOption.READ)) {
      for (int i = 0; i < parts.size(); i++) {
        WirePart h = parts.get(i);
        if (h.kind() == PartKind.VMDESC) {
          vmdesc = h;
        }
        if (h.kind() != PartKind.SECTION_FULL) {
          continue;
        }
        Registry.Entry e = registry.find(h.name(), (int) h.instanceId());
        if (e == null) {
          continue;
        }
        long end = i + 1 < parts.size() && parts.get(i + 1).kind() == PartKind.FOOTER
            ? parts.get(i + 1).offset() : -1;
        if (end < 0) {
          throw new StreamEditException(h.name(), "section without a footer: cannot re-encode");
        }
        byte[] body = read(source, h.end(), (int) (end - h.end()));
        VmState.load(e.description(), e.object(), VmInput.of(body), (int) h.versionId());
        loaded.add(new Loaded(e, h.end(), body.length, body));
      }
      change.accept(registry);
      List<String> changed = new ArrayList<>();
      java.util.Map<String, byte[]> entries = new java.util.HashMap<>();
      for (Loaded l : loaded) {
        VmOutput out = VmOutput.inMemory();
        VmDescWriter json = VmDescWriter.inMemory();
        json.beginObject();
        json.string("name", l.entry().idstr());
        json.number("instance_id", Integer.toUnsignedLong(l.entry().instanceId()));
        VmState.save(l.entry().description(), l.entry().object(), out, json);
        json.endObject();
        byte[] after = out.toByteArray();
        if (!Arrays.equals(after, l.before())) {
          splices.add(new Splice(l.body(), l.length(), after));
          entries.put(l.entry().idstr() + "\u0000"
              + Integer.toUnsignedLong(l.entry().instanceId()), json.toBytes());
          changed.add(l.entry().idstr());
        }
      }
      if (!entries.isEmpty()) {
        if (vmdesc == null || desc == null) {
          throw new StreamEditException(String.join(", ", changed),
              "the stream has no JSON description to update");
        }
        byte[] json = desc.replaceDevices((name, instance) -> entries.get(name + "\u0000"
            + instance));
        byte[] framed = new byte[json.length + 5];
        framed[0] = (byte) WireFormat.VMDESCRIPTION;
        for (int k = 0; k < 4; k++) {
          framed[1 + k] = (byte) (json.length >>> (24 - 8 * k));
        }
        System.arraycopy(json, 0, framed, 5, json.length);
        splices.add(new Splice(vmdesc.offset(), vmdesc.length(), framed));
      }
    }
    return this;
  }

  private static byte[] read(FileChannel source, long at, int n) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(n);
    while (b.hasRemaining()) {
      if (source.read(b, at + b.position()) < 0) {
        throw new IOException("stream shorter than its parts");
      }
    }
    return b.array();
  }

  /** The edits resolved so far, in the order they were added. */
  public List<FieldEdit> edits() {
    return List.copyOf(edits);
  }

  /** Writes the edited stream to {@code out} (created or replaced); returns the bytes written. */
  public long writeTo(Path out) throws IOException {
    try (FileChannel target = FileChannel.open(out, StandardOpenOption.CREATE,
        StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      return copy(target);
    }
  }

  /** Writes the edited stream to {@code out} (not closed); returns the bytes written. */
  public long writeTo(OutputStream out) throws IOException {
    long n = copy(Channels.newChannel(out));
    out.flush();
    return n;
  }

  private long copy(WritableByteChannel target) throws IOException {
    List<Splice> all = new ArrayList<>(splices);
    for (FieldEdit e : edits) {
      all.add(new Splice(e.offset(), e.after().length, e.after()));
    }
    all.sort(Comparator.comparingLong(Splice::offset));
    for (int i = 1; i < all.size(); i++) {
      if (all.get(i).offset() < all.get(i - 1).offset() + all.get(i - 1).length()) {
        throw new VmStateException("edits overlap at stream offset " + all.get(i).offset()
            + ": a generic edit inside a section that a typed edit re-encodes");
      }
    }
    ByteBuffer buf = ByteBuffer.allocateDirect(COPY_BUFFER);
    long written = 0;
    long pos = 0;
    try (FileChannel source = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = source.size();
      for (Splice sp : all) {
        written += pass(source, pos, sp.offset(), buf, target);
        ByteBuffer b = ByteBuffer.wrap(sp.bytes());
        while (b.hasRemaining()) {
          target.write(b);
        }
        written += sp.bytes().length;
        pos = sp.offset() + sp.length();
      }
      written += pass(source, pos, size, buf, target);
    }
    return written;
  }

  /** Copies source bytes [from, to) through {@code buf}. */
  private static long pass(FileChannel source, long from, long to, ByteBuffer buf,
      WritableByteChannel target) throws IOException {
    long pos = from;
    while (pos < to) {
      buf.clear();
      buf.limit((int) Math.min(buf.capacity(), to - pos));
      int n = source.read(buf, pos);
      if (n < 0) {
        throw new IOException("stream file shrank while copying");
      }
      buf.flip();
      while (buf.hasRemaining()) {
        target.write(buf);
      }
      pos += n;
    }
    return to - from;
  }

  private FieldResolver resolver() {
    if (resolver == null) {
      try {
        resolver = new FieldResolver(StreamAnalyzer.open(file).state());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return resolver;
  }

  /** Deletes the temporary copy of a stream read from an InputStream. */
  @Override
  public void close() throws IOException {
    if (spooled) {
      Files.deleteIfExists(file);
    }
  }
}
