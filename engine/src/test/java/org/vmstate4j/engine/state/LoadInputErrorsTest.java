package org.vmstate4j.engine.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vmstate4j.engine.testing.Fields.scalar;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vmstate4j.engine.VmStateLoadException;
import org.vmstate4j.engine.codec.Codecs;
import org.vmstate4j.engine.model.VmStateDescription;
import org.vmstate4j.engine.model.VmStateField;
import org.vmstate4j.engine.model.VmsFlags;
import org.vmstate4j.engine.state.AutoAllocTest.AutoN;
import org.vmstate4j.engine.state.AutoAllocTest.Triv;
import org.vmstate4j.engine.testing.Access;
import org.vmstate4j.engine.testing.Hex;
import org.vmstate4j.engine.testing.LoadHarness;

/**
 * Bad input and unusable destinations: each is a {@link VmStateLoadException} with a path and
 * an offset, reported where it really is, and the destination is left as it was.
 */
class LoadInputErrorsTest {
  static final int AUTO = AutoAllocTest.AUTO;

  static final class ListHolder {
    int n = 3;
    List<Triv> ar;

    ListHolder(List<Triv> ar) {
      this.ar = ar;
    }
  }

  static final VmStateDescription LIST = VmStateDescription.builder("test/list").versionId(1)
      .field(VmStateField.builder("ar").flags(VmsFlags.VARRAY_UINT32 | AUTO)
          .count(Access.member(ListHolder.class, "n")).vmsd(AutoAllocTest.TST).size(4)
          .factory(owner -> new Triv()).elementType(Triv.class)
          .accessor(Access.field(ListHolder.class, "ar")).build())
      .build();

  @Test
  void anUnmodifiableListThatMustGrowIsALoadErrorWithPathAndOffset() {
    List<Triv> empty = List.of();
    ListHolder h = new ListHolder(empty);
    VmStateLoadException e = LoadHarness.loadFails(LIST, h, 1, Hex.bytes("30 30 30"));
    assertThat(e.path()).isEqualTo("test/list/ar");
    assertThat(e.offset()).isZero();
    assertThat(e.reason()).contains("destination list cannot grow");
    assertThat(h.ar).isSameAs(empty).isEmpty();
  }

  @Test
  void aFixedSizeListThatMustGrowIsALoadErrorWithPathAndOffset() {
    List<Triv> fixed = Arrays.asList((Triv) null);
    ListHolder h = new ListHolder(fixed);
    VmStateLoadException e = LoadHarness.loadFails(LIST, h, 1, Hex.bytes("30 30 30"));
    assertThat(e.path()).isEqualTo("test/list/ar");
    assertThat(e.offset()).isZero();
    assertThat(e.found()).contains("of 1 elements");
    assertThat(h.ar).isSameAs(fixed).containsExactly((Triv) null);
  }

  @Test
  void aFixedSizeListLargeEnoughLoadsAndIsPutBackOnFailure() {
    List<Triv> fixed = Arrays.asList(null, null, null);
    ListHolder h = new ListHolder(fixed);
    VmStateLoadException e =
        LoadHarness.loadFails(LIST, h, 1, Hex.bytes("31 00000007 | 30 | 32"));
    assertThat(e.path()).isEqualTo("test/list/ar[2]");
    assertThat(e.offset()).isEqualTo(6);
    assertThat(h.ar).containsExactly(null, null, null);
    ListHolder ok = new ListHolder(Arrays.asList(null, null, null));
    VmState.load(LIST, ok, Hex.bytes("31 00000007 | 30 | 30"));
    assertThat(ok.ar.get(0).i).isEqualTo(7);
  }

  @Test
  void aNullListWithACountIsALoadError() {
    ListHolder h = new ListHolder(null);
    VmStateLoadException e = LoadHarness.loadFails(LIST, h, 1, Hex.bytes("30 30 30"));
    assertThat(e.path()).isEqualTo("test/list/ar");
    assertThat(e.offset()).isZero();
    assertThat(h.ar).isNull();
  }

  // ------------------------------------------------------------ counts

  static final class Wide {
    long n;
    byte[] ar = new byte[4];
  }

  static final VmStateDescription WIDE = VmStateDescription.builder("test/wide").versionId(1)
      .field(scalar(Wide.class, "n", Codecs.UINT32).build())
      .field(VmStateField.builder("ar").flags(VmsFlags.VARRAY_UINT32).codec(Codecs.UINT8)
          .count(Access.member(Wide.class, "n")).size(1)
          .accessor(Access.field(Wide.class, "ar")).build())
      .build();

  @Test
  void aUint32CountAbove2pow31IsAnErrorAtTheCountPrintedUnsigned() {
    Wide w = new Wide();
    VmStateLoadException e =
        LoadHarness.loadFails(WIDE, w, 1, Hex.bytes("ffffffff 30 30 30 30"));
    assertThat(e.path()).isEqualTo("test/wide/ar");
    assertThat(e.offset()).isEqualTo(4);
    assertThat(e.reason()).isEqualTo("count 'n' = 4294967295 does not fit the destination");
    assertThat(e.found()).isEqualTo("4294967295");
    assertThat(w.n).as("count put back").isZero();
    // 2^31 exactly is the first value that does not fit
    e = LoadHarness.loadFails(WIDE, new Wide(), 1, Hex.bytes("80000000 30"));
    assertThat(e.found()).isEqualTo("2147483648");
  }

  @Test
  void aBadMarkerBeforeTheEndIsReportedNotTheShortStream() {
    AutoN dst = new AutoN();
    VmStateLoadException e =
        LoadHarness.loadFails(AutoAllocTest.AUTOALLOC, dst, 1, Hex.bytes("03 30 32"));
    assertThat(e.getMessage())
        .isEqualTo("test/autoalloc/ar[1] @2 (0x2): Unexpected ptr marker: 50"
            + " (expected 0x30 or 0x31, found 0x32)");
    assertThat(dst.n).isZero();
    assertThat(dst.ar).containsOnlyNulls();
  }
}
