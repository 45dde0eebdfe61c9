package org.vmstate4j.engine.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.vmstate4j.engine.testing.Fields.scalar;
import static org.vmstate4j.engine.testing.Fields.struct;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vmstate4j.engine.VmStateLoadException;
import org.vmstate4j.engine.codec.Codecs;
import org.vmstate4j.engine.inspect.Explain;
import org.vmstate4j.engine.model.VmStateDescription;
import org.vmstate4j.engine.state.LoadOptions;
import org.vmstate4j.engine.state.VmState;

/**
 * post_load hooks run only once the whole input is known good, in QEMU's order; a dry run, an
 * explanation and a failed load leave no hook effects behind (issue: a hook setting an
 * undescribed member stayed set after the load was rolled back).
 */
class PostLoadContractTest {
  static final List<String> EVENTS = new ArrayList<>();

  /** A described count and an undescribed flag derived from it by post_load. */
  static final class Dbbuf {
    long dbs;
    boolean enabled;
  }

  static final VmStateDescription DBBUF = VmStateDescription.builder("dbbuf").versionId(1)
      .field(scalar(Dbbuf.class, "dbs", Codecs.UINT64).build())
      .postLoad((o, v) -> {
        Dbbuf d = (Dbbuf) o;
        d.enabled = d.dbs != 0;
        EVENTS.add("dbbuf");
      })
      .build();

  static final class Inner {
    int x;
  }

  static final class Outer {
    int y;
    Inner inner = new Inner();
    int z;
  }

  static final VmStateDescription INNER = VmStateDescription.builder("inner").versionId(1)
      .field(scalar(Inner.class, "x", Codecs.INT32).build())
      .postLoad((o, v) -> EVENTS.add("inner"))
      .build();

  static final VmStateDescription OUTER = VmStateDescription.builder("outer").versionId(1)
      .field(scalar(Outer.class, "y", Codecs.INT32).build())
      .field(struct(Outer.class, "inner", INNER).build())
      .subsection(VmStateDescription.builder("outer/sub").versionId(1)
          .field(scalar(Outer.class, "z", Codecs.INT32).build())
          .needed(o -> true)
          .postLoad((o, v) -> EVENTS.add("outer/sub"))
          .build())
      .postLoad((o, v) -> EVENTS.add("outer"))
      .build();

  /** Rejects any z other than 0 (as a QEMU post_load returning an error). */
  static final VmStateDescription PICKY = VmStateDescription.builder("picky").versionId(1)
      .field(scalar(Outer.class, "z", Codecs.INT32).build())
      .postLoad((o, v) -> {
        if (((Outer) o).z != 0) {
          throw new VmStateLoadException("z " + ((Outer) o).z + " must be 0", -1);
        }
        EVENTS.add("picky");
      })
      .build();

  static Registry registry(Dbbuf d, Outer o) {
    Registry r = new Registry("pc");
    r.register("outer", 0, OUTER, o);
    r.register("dbbuf", 0, DBBUF, d);
    return r;
  }

  static byte[] stream() {
    Dbbuf d = new Dbbuf();
    d.dbs = 5;
    Outer o = new Outer();
    o.y = 1;
    o.inner.x = 2;
    o.z = 3;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new StreamWriter(registry(d, o), WriteOptions.DEFAULT).write(out);
    return out.toByteArray();
  }

  static void assertUntouched(Dbbuf d, Outer o) {
    assertThat(d.dbs).isZero();
    assertThat(d.enabled).as("undescribed member set by post_load").isFalse();
    assertThat(o.y).isZero();
    assertThat(o.inner.x).isZero();
    assertThat(o.z).isZero();
    assertThat(EVENTS).as("no post_load ran").isEmpty();
  }

  @Test
  void aGoodStreamRunsEveryHookOnceInQemuOrder() {
    EVENTS.clear();
    Dbbuf d = new Dbbuf();
    Outer o = new Outer();
    new StreamReader(registry(d, o)).read(stream());
    assertThat(d.enabled).isTrue();
    assertThat(o.z).isEqualTo(3);
    // nested struct, then subsection, then the parent; devices in stream order
    assertThat(EVENTS).containsExactly("inner", "outer/sub", "outer", "dbbuf");
  }

  @Test
  void aFooterCutTwoBytesInRunsNoHook() {
    EVENTS.clear();
    Dbbuf d = new Dbbuf();
    Outer o = new Outer();
    Registry r = registry(d, o);
    byte[] full = stream();
    LoadResult ok = new StreamReader(registry(new Dbbuf(), new Outer())).read(full);
    SectionInfo last = ok.loaded().get(ok.loaded().size() - 1);
    EVENTS.clear();
    byte[] cut = Arrays.copyOf(full, (int) last.dataEnd() + 2);
    VmStateLoadException e = catchThrowableOfType(
        () -> new StreamReader(r).read(cut), VmStateLoadException.class);
    assertThat(e).hasMessageContaining("Read section footer failed for 'dbbuf'");
    assertUntouched(d, o);
  }

  @Test
  void aTrailingByteRunsNoHook() {
    EVENTS.clear();
    Dbbuf d = new Dbbuf();
    byte[] b = Arrays.copyOf(new byte[] {0, 0, 0, 0, 0, 0, 0, 7}, 9);
    VmStateLoadException e = catchThrowableOfType(
        () -> VmState.load(DBBUF, d, b), VmStateLoadException.class);
    assertThat(e.reason()).isEqualTo("trailing bytes after the state");
    assertUntouched(d, new Outer());
    VmState.load(DBBUF, d, Arrays.copyOf(b, 8));
    assertThat(d.enabled).isTrue();
  }

  @Test
  void aDryRunRunsNoHook() {
    EVENTS.clear();
    Dbbuf d = new Dbbuf();
    Outer o = new Outer();
    LoadResult r = new StreamReader(registry(d, o), ReadOptions.DEFAULT.withDryRun(true))
        .read(stream());
    assertThat(r.loaded()).hasSize(2);
    assertUntouched(d, o);
    VmState.load(DBBUF, d, org.vmstate4j.engine.io.VmInput.of(new byte[] {0, 0, 0, 0, 0, 0, 0,
        7}), 1, LoadOptions.DEFAULT.withDryRun(true));
    assertUntouched(d, o);
  }

  @Test
  void explainRunsNoHook() {
    EVENTS.clear();
    Dbbuf d = new Dbbuf();
    Outer o = new Outer();
    Explain.of(registry(d, o), stream());
    assertUntouched(d, o);
  }

  @Test
  void aRejectingHookFailsTheLoadWithPathAndOffsetAndRestoresEveryDevice() {
    EVENTS.clear();
    Outer src = new Outer();
    src.z = 9;
    Dbbuf d0 = new Dbbuf();
    d0.dbs = 5;
    Registry w = new Registry("pc");
    w.register("picky", 0, PICKY, src);
    w.register("dbbuf", 0, DBBUF, d0);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new StreamWriter(w, WriteOptions.DEFAULT).write(out);
    byte[] bytes = out.toByteArray();

    Outer o = new Outer();
    Dbbuf d = new Dbbuf();
    Registry r = new Registry("pc");
    r.register("picky", 0, PICKY, o);
    r.register("dbbuf", 0, DBBUF, d);
    LoadResult dry = new StreamReader(r, ReadOptions.DEFAULT.withDryRun(true)).read(bytes);
    SectionInfo picky = dry.loaded().get(0);
    VmStateLoadException e = catchThrowableOfType(
        () -> new StreamReader(r).read(bytes), VmStateLoadException.class);
    assertThat(e).hasMessage("@" + picky.dataEnd() + " (0x" + Long.toHexString(picky.dataEnd())
        + "): error while loading state for instance 0x0 of device 'picky': z 9 must be 0");
    // the rejection came first in QEMU's order: the later device's hook never ran
    assertUntouched(d, o);
  }
}
