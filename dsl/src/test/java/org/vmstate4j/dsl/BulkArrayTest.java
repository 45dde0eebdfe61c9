package org.vmstate4j.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.vmstate4j.dsl.VmsdDsl.field;
import static org.vmstate4j.dsl.VmsdDsl.vmsd;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.vmstate4j.engine.io.VmInput;
import org.vmstate4j.engine.io.VmOutput;
import org.vmstate4j.engine.json.VmDescWriter;
import org.vmstate4j.engine.model.VmStateDescription;
import org.vmstate4j.engine.state.LoadObserver;
import org.vmstate4j.engine.state.LoadOptions;
import org.vmstate4j.engine.state.VmState;

/** Primitive arrays moved in bulk against the element walk (forced by JSON or an observer). */
class BulkArrayTest {
  static class Arrays5 {
    int[] ints = new int[300];
    long[] longs = new long[70];
    short[] shorts = new short[90];
    char[] chars = new char[50];
    byte[] bytes = new byte[333];
  }

  static final VmStateDescription D = vmsd("arrays", Arrays5.class)
      .fields(
          field("ints").array(300).uint32(),
          field("longs").array(70).int64(),
          field("shorts").array(90).int16(),
          field("chars").array(50).uint16(),
          field("bytes").array(333).uint8())
      .build();

  private static Arrays5 random(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    Arrays5 a = new Arrays5();
    for (int i = 0; i < a.ints.length; i++) {
      a.ints[i] = r.nextInt();
    }
    for (int i = 0; i < a.longs.length; i++) {
      a.longs[i] = r.nextLong();
    }
    for (int i = 0; i < a.shorts.length; i++) {
      a.shorts[i] = (short) r.nextInt();
    }
    for (int i = 0; i < a.chars.length; i++) {
      a.chars[i] = (char) r.nextInt();
    }
    r.nextBytes(a.bytes);
    return a;
  }

  private static String state(Arrays5 a) {
    return Arrays.toString(a.ints) + Arrays.toString(a.longs) + Arrays.toString(a.shorts)
        + Arrays.toString(a.chars) + Arrays.toString(a.bytes);
  }

  /** A stream that hands out at most 7 bytes per read. */
  private static InputStream trickle(byte[] b) {
    return new ByteArrayInputStream(b) {
      @Override
      public synchronized int read(byte[] dst, int off, int len) {
        return super.read(dst, off, Math.min(len, 7));
      }
    };
  }

  @Test
  void saveMatchesTheWalk() {
    Arrays5 a = random(1);
    VmOutput walk = VmOutput.inMemory();
    VmDescWriter json = VmDescWriter.inMemory();
    json.beginObject();
    VmState.save(D, a, walk, json);
    assertThat(VmState.save(D, a)).isEqualTo(walk.toByteArray());
    // a small caller buffer drains many times
    java.io.ByteArrayOutputStream sink = new java.io.ByteArrayOutputStream();
    VmOutput out = VmOutput.to(sink, new byte[16]);
    VmState.save(D, a, out);
    out.flush();
    assertThat(sink.toByteArray()).isEqualTo(walk.toByteArray());
  }

  @Test
  void truncatedLoadsFailAndStopAsTheWalkDoes() {
    byte[] bytes = VmState.save(D, random(2));
    LoadOptions nonTx = LoadOptions.DEFAULT.withTransactional(false);
    for (int cut : new int[] {0, 3, 4, 601, 1200, 1203, 1763, 1800, 1999, bytes.length - 1}) {
      byte[] part = Arrays.copyOf(bytes, cut);
      for (boolean stream : new boolean[] {false, true}) {
        Arrays5 fast = new Arrays5();
        Arrays5 walk = new Arrays5();
        Throwable f = catchThrowable(() -> VmState.load(D, fast,
            stream ? VmInput.of(trickle(part)) : VmInput.of(part), 1, nonTx));
        Throwable w = catchThrowable(() -> VmState.load(D, walk,
            stream ? VmInput.of(trickle(part)) : VmInput.of(part), 1, nonTx,
            new LoadObserver() {}));
        assertThat(f).as("cut %d", cut).isNotNull();
        assertThat(f.getMessage()).isEqualTo(w.getMessage());
        assertThat(state(fast)).isEqualTo(state(walk));
      }
    }
  }

  @Test
  void transactionalLoadsRollBack() {
    Arrays5 src = random(3);
    byte[] bytes = VmState.save(D, src);
    Arrays5 dst = random(4);
    String before = state(dst);
    assertThat(catchThrowable(() -> VmState.load(D, dst, Arrays.copyOf(bytes, 1500))))
        .isNotNull();
    assertThat(state(dst)).isEqualTo(before);
    VmState.load(D, dst, bytes);
    assertThat(state(dst)).isEqualTo(state(src));
    Arrays5 viaStream = new Arrays5();
    VmState.load(D, viaStream, VmInput.of(trickle(bytes)), 1);
    assertThat(state(viaStream)).isEqualTo(state(src));
  }
}
