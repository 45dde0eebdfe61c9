package org.vmstate4j.examples.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vmstate4j.engine.VmStateLoadException;
import org.vmstate4j.engine.state.VmState;
import org.vmstate4j.engine.stream.ReadOptions;
import org.vmstate4j.engine.stream.Registry;
import org.vmstate4j.engine.stream.StreamReader;

/**
 * Mutates every vector and sample stream of {@link Corpus} — truncation at every offset (at
 * 2,000 evenly spread offsets for pc-min.mig), bit flips, random counts written over 1-, 2-, 4-
 * and 8-byte windows, pointer/queue/subsection markers swapped, bytes inserted and removed —
 * with seeded randomness, and checks each load with {@link Outcome}: it succeeds, or it throws a
 * {@link VmStateLoadException} with an offset and every destination object is unchanged, by a
 * deep reflective comparison of the object graph before and after ({@link Snapshot}: values and
 * object identities). Whole streams are loaded through {@link StreamReader} into fresh
 * registries; every other whole-stream mutation is a dry run, which must leave the destination
 * unchanged on success too.
 */
class MutationTest {
  private static final long SEED = 0x5afe_10adL;

  enum Kind {
    TRUNCATE, BIT_FLIPS, COUNTS, MARKERS, SPLICE
  }

  static Stream<Arguments> singles() {
    List<Arguments> l = new ArrayList<>();
    for (Corpus.Single s : Corpus.singles()) {
      for (Kind k : Kind.values()) {
        l.add(Arguments.of(s, k));
      }
    }
    return l.stream();
  }

  static Stream<Arguments> wholes() {
    List<Arguments> l = new ArrayList<>();
    for (Corpus.Whole w : Corpus.wholes()) {
      for (Kind k : Kind.values()) {
        l.add(Arguments.of(w, k));
      }
    }
    return l.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("singles")
  void singleDescription(Corpus.Single v, Kind kind) {
    Object ok = v.fresh().get();
    assertThat(Outcome.load(v.vmsd(), ok, v.wire())).as("the unmutated vector loads").isNull();
    int[] counts = new int[2];
    for (byte[] m : mutants(v.wire(), kind, 300, v.name().hashCode())) {
      Object dest = v.fresh().get();
      VmStateLoadException e = Outcome.check(v.name() + " " + kind + " " + Outcome.hex(m),
          () -> VmState.load(v.vmsd(), dest, m), dest);
      counts[e == null ? 0 : 1]++;
    }
    if (kind == Kind.TRUNCATE) {
      assertThat(counts[1]).as("truncations that failed (of %d)", counts[0] + counts[1])
          .isPositive();
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("wholes")
  void wholeStream(Corpus.Whole w, Kind kind) {
    Registry ok = w.registry().get();
    assertThat(Outcome.check(w.name(), () -> new StreamReader(ok, w.options()).read(w.stream()),
        roots(ok))).as("the unmutated stream loads").isNull();
    int n = w.stream().length > 100_000 ? 60 : 300;
    int k = 0;
    int failed = 0;
    for (byte[] m : mutants(w.stream(), kind, n, w.name().hashCode())) {
      Registry dest = w.registry().get();
      boolean dry = (k++ & 1) == 1;
      ReadOptions o = w.options().withDryRun(dry);
      Snapshot before = dry ? Snapshot.of(roots(dest)) : null;
      VmStateLoadException e = Outcome.check(w.name() + " " + kind + " " + Outcome.hex(m),
          () -> new StreamReader(dest, o).read(m), roots(dest));
      if (e != null) {
        failed++;
      } else if (dry) {
        assertThat(before.difference(Snapshot.of(roots(dest)))).as("dry run").isNull();
      }
    }
    if (kind == Kind.TRUNCATE) {
      assertThat(failed).isPositive();
    }
  }

  private static Object[] roots(Registry r) {
    return r.entries().stream().map(Registry.Entry::object).toArray();
  }

  // ------------------------------------------------------------ mutators

  static List<byte[]> mutants(byte[] s, Kind kind, int n, long salt) {
    SplittableRandom rnd = new SplittableRandom(SEED ^ salt ^ kind.ordinal());
    List<byte[]> out = new ArrayList<>();
    switch (kind) {
      case TRUNCATE:
        if (s.length <= 20_000) {
          for (int cut = 0; cut < s.length; cut++) {
            out.add(Arrays.copyOf(s, cut));
          }
        } else {
          for (int i = 0; i < 2000; i++) {
            out.add(Arrays.copyOf(s, (int) ((long) s.length * i / 2000)));
          }
        }
        break;
      case BIT_FLIPS:
        for (int i = 0; i < n; i++) {
          byte[] m = s.clone();
          int flips = 1 + rnd.nextInt(3);
          for (int f = 0; f < flips && m.length > 0; f++) {
            int at = rnd.nextInt(m.length);
            m[at] ^= (byte) (1 << rnd.nextInt(8));
          }
          out.add(m);
        }
        break;
      case COUNTS:
        for (int i = 0; i < n; i++) {
          out.add(count(s, rnd));
        }
        break;
      case MARKERS:
        for (int i = 0; i < n; i++) {
          out.add(marker(s, rnd));
        }
        break;
      default:
        for (int i = 0; i < n; i++) {
          out.add(splice(s, rnd));
        }
        break;
    }
    return out;
  }

  private static final long[] INTERESTING = {
    0, 1, 2, 3, 4, 5, 8, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xffff, 0x10000,
    0x7fffffffL, 0x80000000L, 0x81000000L, 0xffffffffL, 0x100000000L, -1L, Long.MIN_VALUE,
    Long.MAX_VALUE, 1 << 20, 1 << 30
  };

  /** A count-like value written big-endian over a 1-, 2-, 4- or 8-byte window. */
  static byte[] count(byte[] s, SplittableRandom rnd) {
    byte[] m = s.clone();
    int width = 1 << rnd.nextInt(4);
    if (m.length < width) {
      return m;
    }
    long v = rnd.nextInt(4) == 0 ? rnd.nextLong() : INTERESTING[rnd.nextInt(INTERESTING.length)];
    int at = rnd.nextInt(m.length - width + 1);
    ByteBuffer b = ByteBuffer.wrap(m);
    switch (width) {
      case 1:
        b.put(at, (byte) v);
        break;
      case 2:
        b.putShort(at, (short) v);
        break;
      case 4:
        b.putInt(at, (int) v);
        break;
      default:
        b.putLong(at, v);
        break;
    }
    return m;
  }

  private static final byte[] MARKERS = {0x00, 0x01, 0x02, 0x04, 0x05, 0x06, 0x07, 0x08, 0x30,
    0x31, 0x32, 0x7e, (byte) 0xff};

  /** A marker-like byte (pointer, queue, subsection, section, footer) put where one was. */
  static byte[] marker(byte[] s, SplittableRandom rnd) {
    byte[] m = s.clone();
    if (m.length == 0) {
      return m;
    }
    int at = rnd.nextInt(m.length);
    for (int tries = 0; tries < 64; tries++) {
      int p = rnd.nextInt(m.length);
      byte b = m[p];
      if (b == 0x30 || b == 0x31 || b == 0x00 || b == 0x01 || b == 0x05 || b == 0x7e
          || (b >= 0x02 && b <= 0x04)) {
        at = p;
        break;
      }
    }
    m[at] = MARKERS[rnd.nextInt(MARKERS.length)];
    return m;
  }

  /** A run of bytes removed, or random or repeated bytes inserted. */
  static byte[] splice(byte[] s, SplittableRandom rnd) {
    int at = s.length == 0 ? 0 : rnd.nextInt(s.length + 1);
    if (rnd.nextBoolean() && s.length > 0) {
      int len = 1 + rnd.nextInt(Math.min(16, s.length - Math.min(at, s.length - 1)));
      int from = Math.min(at, s.length - 1);
      int to = Math.min(s.length, from + len);
      byte[] m = new byte[s.length - (to - from)];
      System.arraycopy(s, 0, m, 0, from);
      System.arraycopy(s, to, m, from, s.length - to);
      return m;
    }
    int len = 1 + rnd.nextInt(16);
    byte[] ins = new byte[len];
    if (rnd.nextBoolean() && s.length > 0) {
      int src = rnd.nextInt(s.length);
      for (int i = 0; i < len; i++) {
        ins[i] = s[Math.min(s.length - 1, src + i)];
      }
    } else {
      for (int i = 0; i < len; i++) {
        ins[i] = (byte) rnd.nextInt(256);
      }
    }
    byte[] m = new byte[s.length + len];
    System.arraycopy(s, 0, m, 0, at);
    System.arraycopy(ins, 0, m, at, len);
    System.arraycopy(s, at, m, at + len, s.length - at);
    return m;
  }
}
