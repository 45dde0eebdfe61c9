package org.vmstate4j.console;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.inspect.Diff;
import org.vmstate4j.engine.inspect.DiffResult;
import org.vmstate4j.engine.inspect.ExplainItem;
import org.vmstate4j.engine.stream.Registry;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * {@code vmstate diff A B}: where two streams differ, as paths with the offset in each stream
 * and both values, and how many items differ.
 */
final class DiffSubcommand extends Subcommand {
  Path a;
  Path b;
  final StreamView view;

  /** Differing bytes listed per item; the count of the rest follows. */
  private static final int BYTES_SHOWN = 8;
  private static final int CHUNK = 1 << 16;

  DiffSubcommand(CliContext context) {
    super(context, "diff", "where two streams differ, as paths",
        "The first differing item with its offset in each stream and both values, then how"
            + " many items differ, and the others.");
    exitCodes("0:the streams hold the same items with the same bytes",
        "1:they differ, one stops early (truncated or damaged), or one is not a migration"
            + " stream or cannot be read (one line on stderr)",
        "2:usage error");
    spec.addPositional(Specs.bind(PositionalParamSpec.builder().type(Path.class),
            () -> a, v -> a = v)
        .index("0").required(true).paramLabel("A").description("the first stream").build());
    spec.addPositional(Specs.bind(PositionalParamSpec.builder().type(Path.class),
            () -> b, v -> b = v)
        .index("1").required(true).paramLabel("B").description("the second stream").build());
    view = new StreamView(spec);
  }

  @Override
  public Integer call() {
    @Nullable Registry registry = view.registry(context);
    DiffResult d;
    try {
      String notA = StreamFiles.notAStream(a);
      String notB = StreamFiles.notAStream(b);
      if (notA != null || notB != null) {
        return fail(notStreams(notA, notB));
      }
      // RAM compared page by page (ram/BLOCK @ ADDRESS), neither stream held in memory
      d = registry == null ? Diff.files(a, b) : Diff.files(registry, a, b);
    } catch (IOException | RuntimeException e) {
      return fail(e);
    }
    d.lines().forEach(context.out()::println);
    try {
      printBytes(d);
    } catch (IOException e) {
      return fail(UserMessage.of(e));
    }
    context.out().flush();
    return d.same() ? Cli.OK : Cli.FAILED;
  }

  /**
   * Items whose values print alike though their bytes differ (a buffer shows only its length):
   * the bytes that differ, as {@code path[index]}, the form {@code edit --set} takes.
   */
  private void printBytes(DiffResult d) throws IOException {
    boolean heading = false;
    try (FileChannel ca = FileChannel.open(a); FileChannel cb = FileChannel.open(b)) {
      for (DiffResult.Difference x : d.differences()) {
        ExplainItem ia = x.a();
        ExplainItem ib = x.b();
        if (ia == null || ib == null || ia.length() != ib.length()
            || !ia.value().equals(ib.value())) {
          continue;
        }
        int shown = 0;
        long differing = 0;
        // a chunk at a time: an item can be as large as a guest's buffer
        ByteBuffer ba = ByteBuffer.allocate(CHUNK);
        ByteBuffer bb = ByteBuffer.allocate(CHUNK);
        for (long at = 0; at < ia.length(); at += CHUNK) {
          int n = (int) Math.min(CHUNK, ia.length() - at);
          if (!read(ca, ba, ia.offset() + at, n) || !read(cb, bb, ib.offset() + at, n)) {
            break;
          }
          for (int i = 0; i < n; i++) {
            if (ba.get(i) == bb.get(i)) {
              continue;
            }
            differing++;
            if (shown == BYTES_SHOWN) {
              continue;
            }
            if (!heading) {
              context.out().println("bytes that differ:");
              heading = true;
            }
            shown++;
            context.out().printf("  %s[%d]: A @0x%x %02x | B @0x%x %02x%n", x.path(), at + i,
                ia.offset() + at + i, ba.get(i) & 0xff, ib.offset() + at + i, bb.get(i) & 0xff);
          }
        }
        if (differing > shown) {
          context.out().println("  ... " + (differing - shown) + " more in " + x.path());
        }
      }
    }
  }

  /** Reads {@code n} bytes at {@code at} into {@code b}; false when the file ends first. */
  private static boolean read(FileChannel ch, ByteBuffer b, long at, int n) throws IOException {
    b.clear().limit(n);
    while (b.hasRemaining()) {
      if (ch.read(b, at + b.position()) < 0) {
        return false;
      }
    }
    return true;
  }

  private String notStreams(@Nullable String notA, @Nullable String notB) {
    if (notA != null && notB != null && !a.equals(b)) {
      return "neither " + a + " nor " + b + " is a migration stream: " + a + " " + notA
          + " and " + b + " " + notB + ", not " + StreamFiles.MAGIC;
    }
    return notA != null
        ? StreamFiles.notAStreamMessage(a, notA)
        : StreamFiles.notAStreamMessage(b, java.util.Objects.requireNonNull(notB));
  }
}
