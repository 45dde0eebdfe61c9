package org.vmstate4j.engine.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.vmstate4j.engine.testing.Fields.scalar;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vmstate4j.engine.VmStateLoadException;
import org.vmstate4j.engine.codec.Codecs;
import org.vmstate4j.engine.io.VmInput;
import org.vmstate4j.engine.model.VmStateDescription;
import org.vmstate4j.engine.model.VmStateField;
import org.vmstate4j.engine.model.VmsFlags;
import org.vmstate4j.engine.testing.Access;
import org.vmstate4j.engine.testing.Hex;
import org.vmstate4j.engine.testing.LoadHarness;
import org.vmstate4j.engine.testing.LoadHarness.Cut;

/**
 * VMS_ARRAY_OF_POINTER_AUTO_ALLOC: the vectors of the references (autoalloc §1.5, spec §9.1),
 * saved and loaded byte for byte, and every bad input a robust loader must turn into a
 * {@link VmStateLoadException} with a path (where QEMU asserts), leaving the destination as it
 * was.
 */
class AutoAllocTest {
  static final int AUTO = VmsFlags.POINTER | VmsFlags.ARRAY_OF_POINTER | VmsFlags.STRUCT
      | VmsFlags.ARRAY_OF_POINTER_AUTO_ALLOC;

  static final class Triv {
    int i;

    Triv() {}

    Triv(int i) {
      this.i = i;
    }
  }

  static final VmStateDescription TST = VmStateDescription.builder("test/tst")
      .versionId(1).minimumVersionId(1)
      .field(scalar(Triv.class, "i", Codecs.INT32).build())
      .build();

  // ------------------------------------------------------------ counter not on the wire

  /** {u32 ar_items_num; TestStructTriv **ar;} */
  static final class ArpsWithNulls {
    int ar_items_num;
    Triv[] ar;

    static ArpsWithNulls of(Triv... ar) {
      ArpsWithNulls a = new ArpsWithNulls();
      a.ar_items_num = ar.length;
      a.ar = ar;
      return a;
    }

    static ArpsWithNulls empty(int n) {
      return of(new Triv[n]);
    }
  }

  /** VMSTATE_VARRAY_OF_POINTER_TO_STRUCT_UINT32_ALLOC(ar, ar_items_num, 0, vmsd_tst, Triv). */
  static final VmStateDescription ARPS_WITH_NULLS =
      VmStateDescription.builder("test/arps_with_nulls").versionId(1).minimumVersionId(1)
          .field(VmStateField.builder("ar").flags(VmsFlags.VARRAY_UINT32 | AUTO)
              .count(Access.member(ArpsWithNulls.class, "ar_items_num")).vmsd(TST).size(4)
              .factory(owner -> new Triv()).accessor(Access.field(ArpsWithNulls.class, "ar"))
              .build())
          .build();

  static final String WIRE_MIXED = "31 00 00 00 00 | 30 | 31 00 00 00 02 | 31 00 00 00 03";
  static final String WIRE_ALL_NULL = "30 30 30 30";
  static final String WIRE_ALL_POPULATED =
      "31 00000000 | 31 00000001 | 31 00000002 | 31 00000003";

  private static String save(VmStateDescription d, Object o) {
    return Hex.str(VmState.save(d, o));
  }

  @Test
  void mixedSavesAndLoads() {
    ArpsWithNulls src = ArpsWithNulls.of(new Triv(0), null, new Triv(2), new Triv(3));
    assertThat(save(ARPS_WITH_NULLS, src)).isEqualTo(Hex.norm(WIRE_MIXED));

    ArpsWithNulls dst = LoadHarness.loadVector(
        ARPS_WITH_NULLS, () -> ArpsWithNulls.empty(4), 1, Hex.bytes(WIRE_MIXED));
    assertThat(dst.ar[1]).isNull();
    assertThat(dst.ar[0].i).isZero();
    assertThat(dst.ar[2].i).isEqualTo(2);
    assertThat(dst.ar[3].i).isEqualTo(3);
    assertThat(dst).usingRecursiveComparison().isEqualTo(src);
  }

  @Test
  void allNullSavesAndLoads() {
    assertThat(save(ARPS_WITH_NULLS, ArpsWithNulls.empty(4))).isEqualTo(WIRE_ALL_NULL);
    ArpsWithNulls dst = LoadHarness.loadVector(
        ARPS_WITH_NULLS, () -> ArpsWithNulls.empty(4), 1, Hex.bytes(WIRE_ALL_NULL));
    assertThat(dst.ar).containsOnlyNulls().hasSize(4);
  }

  @Test
  void allPopulatedSavesAndLoads() {
    ArpsWithNulls src = ArpsWithNulls.of(new Triv(0), new Triv(1), new Triv(2), new Triv(3));
    assertThat(save(ARPS_WITH_NULLS, src)).isEqualTo(Hex.norm(WIRE_ALL_POPULATED));
    ArpsWithNulls dst = LoadHarness.loadVector(
        ARPS_WITH_NULLS, () -> ArpsWithNulls.empty(4), 1, Hex.bytes(WIRE_ALL_POPULATED));
    assertThat(dst.ar).extracting(t -> t.i).containsExactly(0, 1, 2, 3);
  }

  @Test
  void zeroElementsLoadFromAnEmptyInput() {
    ArpsWithNulls dst = ArpsWithNulls.empty(0);
    VmInput in = VmInput.of(new byte[0]);
    VmState.load(ARPS_WITH_NULLS, dst, in, 1);
    assertThat(in.position()).isZero();
    assertThat(dst.ar).isEmpty();
  }

  @Test
  void zeroElementsWriteNothing() {
    ArpsWithNulls src = ArpsWithNulls.empty(0);
    assertThat(VmState.save(ARPS_WITH_NULLS, src)).isEmpty();
    // the count comes from the destination, so its array may be larger than what is used
    ArpsWithNulls dst = LoadHarness.loadVector(ARPS_WITH_NULLS, () -> {
      ArpsWithNulls a = ArpsWithNulls.empty(4);
      a.ar_items_num = 0;
      return a;
    }, 1, new byte[0]);
    assertThat(dst.ar).containsOnlyNulls();
  }

  @Test
  void listBackedArrayLoadsAndRollsBack() {
    final class ListHolder {
      int n = 4;
      List<Triv> ar = new ArrayList<>();
    }
    VmStateDescription d = VmStateDescription.builder("test/arps_list").versionId(1)
        .field(VmStateField.builder("ar").flags(VmsFlags.VARRAY_UINT32 | AUTO)
            .count(Access.member(ListHolder.class, "n")).vmsd(TST).size(4)
            .factory(owner -> new Triv()).elementType(Triv.class)
            .accessor(Access.field(ListHolder.class, "ar")).build())
        .build();
    ListHolder dst = LoadHarness.loadVector(d, ListHolder::new, 1, Hex.bytes(WIRE_MIXED));
    assertThat(dst.ar).hasSize(4);
    assertThat(dst.ar.get(1)).isNull();
    assertThat(Arrays.asList(dst.ar.get(0).i, dst.ar.get(2).i, dst.ar.get(3).i))
        .containsExactly(0, 2, 3);
    assertThat(save(d, dst)).isEqualTo(Hex.norm(WIRE_MIXED));

    ListHolder failing = new ListHolder();
    LoadHarness.loadFails(d, failing, 1, Hex.bytes("31 00000000 | 30 | 32"));
    assertThat(failing.ar).as("the list the load grew is put back").isEmpty();
  }

  // ------------------------------------------------------------ counter on the wire

  /** {u8 n; TestStructTriv **ar;} with room for 4 elements. */
  static final class AutoN {
    int n;
    Triv[] ar = new Triv[4];

    static AutoN of(Triv... ar) {
      AutoN a = new AutoN();
      a.n = ar.length;
      a.ar = Arrays.copyOf(ar, 4);
      return a;
    }
  }

  /** "test/autoalloc": UINT8 n; VARRAY_OF_POINTER_TO_STRUCT_UINT8_ALLOC(ar, n, 0, test/tst). */
  static final VmStateDescription AUTOALLOC =
      VmStateDescription.builder("test/autoalloc").versionId(1).minimumVersionId(1)
          .field(scalar(AutoN.class, "n", Codecs.UINT8).build())
          .field(VmStateField.builder("ar").flags(VmsFlags.VARRAY_UINT8 | AUTO)
              .count(Access.member(AutoN.class, "n")).vmsd(TST).size(4)
              .factory(owner -> new Triv()).accessor(Access.field(AutoN.class, "ar")).build())
          .build();

  @Test
  void counterOnWireMixed() {
    String wire = "04 · 31 00 00 00 00 · 30 · 31 00 00 00 02 · 31 00 00 00 03";
    AutoN src = AutoN.of(new Triv(0), null, new Triv(2), new Triv(3));
    assertThat(save(AUTOALLOC, src)).isEqualTo(Hex.norm(wire));
    // the second half (00 00 02 31 00 00 00 03) starts with n = 0: a complete, empty state
    AutoN dst = LoadHarness.loadVector(
        AUTOALLOC, AutoN::new, 1, Hex.bytes(wire), EnumSet.of(Cut.SECOND_HALF));
    assertThat(dst).usingRecursiveComparison().isEqualTo(src);
  }

  @Test
  void counterOnWireAllNull() {
    AutoN src = AutoN.of(null, null);
    assertThat(save(AUTOALLOC, src)).isEqualTo("02 30 30");
    AutoN dst = LoadHarness.loadVector(AUTOALLOC, AutoN::new, 1, Hex.bytes("02 · 30 · 30"));
    assertThat(dst.n).isEqualTo(2);
    assertThat(dst.ar).containsOnlyNulls();
  }

  @Test
  void counterOnWireZero() {
    assertThat(save(AUTOALLOC, AutoN.of())).isEqualTo("00");
    AutoN dst = LoadHarness.loadVector(AUTOALLOC, AutoN::new, 1, Hex.bytes("00"));
    assertThat(dst.n).isZero();
    assertThat(dst.ar).containsOnlyNulls();
  }

  @Test
  void counterOnWireOneMaxInt() {
    AutoN src = AutoN.of(new Triv(0x7fffffff));
    assertThat(save(AUTOALLOC, src)).isEqualTo("01 31 7f ff ff ff");
    AutoN dst = LoadHarness.loadVector(AUTOALLOC, AutoN::new, 1, Hex.bytes("01 · 31 7f ff ff ff"));
    assertThat(dst.n).isEqualTo(1);
    assertThat(dst.ar[0].i).isEqualTo(Integer.MAX_VALUE);
    assertThat(Arrays.copyOfRange(dst.ar, 1, 4)).containsOnlyNulls();
  }

  @Test
  void counterOnWireLargerThanTheDestinationFails() {
    AutoN dst = new AutoN();
    VmStateLoadException e = LoadHarness.loadFails(
        AUTOALLOC, dst, 1, Hex.bytes("05 30 30 30 30 30"));
    assertThat(e.path()).isEqualTo("test/autoalloc/ar");
    assertThat(dst.n).as("count put back").isZero();
  }

  // ------------------------------------------------------------ bad inputs

  @Test
  void badMarkerNamesFieldAndIndex() {
    ArpsWithNulls dst = ArpsWithNulls.empty(4);
    VmStateLoadException e = LoadHarness.loadFails(
        ARPS_WITH_NULLS, dst, 1, Hex.bytes("32 00 00 00 00 | 30 30 30"));
    assertThat(e.getMessage()).contains("Unexpected ptr marker: 50");
    assertThat(e.reason()).isEqualTo("Unexpected ptr marker: 50");
    assertThat(e.path()).isEqualTo("test/arps_with_nulls/ar[0]");
    assertThat(e.offset()).isZero();
    assertThat(dst.ar).containsOnlyNulls();
  }

  @Test
  void badMarkerAfterLoadedElementsRollsBack() {
    ArpsWithNulls dst = ArpsWithNulls.empty(4);
    VmStateLoadException e = LoadHarness.loadFails(
        ARPS_WITH_NULLS, dst, 1, Hex.bytes("31 00000007 | 31 00000008 | 30 | 32"));
    assertThat(e.reason()).isEqualTo("Unexpected ptr marker: 50");
    assertThat(e.path()).isEqualTo("test/arps_with_nulls/ar[3]");
    assertThat(e.offset()).isEqualTo(11);
    assertThat(dst.ar).as("elements allocated by the failed load are gone").containsOnlyNulls();
    assertThat(dst.ar_items_num).isEqualTo(4);
  }

  @Test
  void counterOnWireFailureRestoresCounterAndSlots() {
    AutoN dst = new AutoN();
    dst.n = 9;
    VmStateLoadException e = LoadHarness.loadFails(
        AUTOALLOC, dst, 1, Hex.bytes("03 · 31 00000001 · 31 00000002 · 33"));
    assertThat(e.getMessage()).contains("Unexpected ptr marker: 51");
    assertThat(e.path()).isEqualTo("test/autoalloc/ar[2]");
    assertThat(dst.n).isEqualTo(9);
    assertThat(dst.ar).containsOnlyNulls();
  }

  @Test
  void truncatedElementFailsWithPathAndFreesTheSlot() {
    ArpsWithNulls dst = ArpsWithNulls.empty(4);
    VmStateLoadException e =
        LoadHarness.loadFails(ARPS_WITH_NULLS, dst, 1, Hex.bytes("30 30 30 | 31 00 00"));
    assertThat(e.path()).isEqualTo("test/arps_with_nulls/ar[3]/i");
    assertThat(e.reason()).isEqualTo("unexpected end of stream");
    assertThat(e.offset()).isEqualTo(4);
    assertThat(dst.ar).containsOnlyNulls();
  }

  @Test
  void fewerBytesThanMarkersFailAtTheFirstElementThatIsCut() {
    // the count comes from the destination: the walk, not a count check, finds the short input
    ArpsWithNulls dst = ArpsWithNulls.empty(4);
    VmStateLoadException e =
        LoadHarness.loadFails(ARPS_WITH_NULLS, dst, 1, Hex.bytes("31 00 00"));
    assertThat(e.path()).isEqualTo("test/arps_with_nulls/ar[0]/i");
    assertThat(e.reason()).isEqualTo("unexpected end of stream");
    assertThat(e.offset()).isEqualTo(1);
    assertThat(dst.ar).containsOnlyNulls();
  }

  @Test
  void truncatedElementWithoutJournalStillFreesTheSlot() {
    ArpsWithNulls dst = ArpsWithNulls.empty(4);
    Throwable t = catchThrowable(() -> VmState.load(ARPS_WITH_NULLS, dst,
        VmInput.of(Hex.bytes("30 | 31 00 00")), 1, LoadOptions.DEFAULT.withTransactional(false)));
    assertThat(t).isExactlyInstanceOf(VmStateLoadException.class);
    assertThat(((VmStateLoadException) t).path()).isEqualTo("test/arps_with_nulls/ar[1]/i");
    assertThat(dst.ar).containsOnlyNulls();
  }

  @Test
  void prePopulatedDestinationSlotFails() {
    Triv existing = new Triv(77);
    ArpsWithNulls dst = ArpsWithNulls.of(null, existing, null, null);
    VmStateLoadException e =
        LoadHarness.loadFails(ARPS_WITH_NULLS, dst, 1, Hex.bytes(WIRE_MIXED));
    assertThat(e.path()).isEqualTo("test/arps_with_nulls/ar[1]");
    assertThat(e.reason()).contains("AUTO_ALLOC");
    assertThat(dst.ar).containsExactly(null, existing, null, null);
    assertThat(existing.i).isEqualTo(77);
  }

  @Test
  void validMarkerIntoLegacyFieldFails() {
    final class Legacy {
      Triv[] ar = new Triv[4];
    }
    VmStateDescription legacy = VmStateDescription.builder("test/arps").versionId(1)
        .field(VmStateField.builder("ar")
            .flags(VmsFlags.ARRAY | VmsFlags.STRUCT | VmsFlags.ARRAY_OF_POINTER).num(4)
            .vmsd(TST).accessor(Access.field(Legacy.class, "ar")).build())
        .build();
    Legacy dst = new Legacy();
    VmStateLoadException e = LoadHarness.loadFails(legacy, dst, 1, Hex.bytes(WIRE_MIXED));
    assertThat(e.path()).isEqualTo("test/arps/ar[0]");
    assertThat(e.offset()).isZero();
    assertThat(e.found()).isEqualTo("0x31");
    assertThat(dst.ar).containsOnlyNulls();
  }

  @Test
  void sameDataWithoutAutoAllocHasNoValidMarkers() {
    // test 11 of QEMU: the legacy encoding of [{0}, NULL, {2}, {3}]
    final class Legacy {
      Triv[] ar = {new Triv(0), null, new Triv(2), new Triv(3)};
    }
    VmStateDescription legacy = VmStateDescription.builder("test/arps").versionId(1)
        .field(VmStateField.builder("ar")
            .flags(VmsFlags.ARRAY | VmsFlags.STRUCT | VmsFlags.ARRAY_OF_POINTER).num(4)
            .vmsd(TST).accessor(Access.field(Legacy.class, "ar")).build())
        .build();
    assertThat(save(legacy, new Legacy())).isEqualTo(Hex.norm("00000000 30 00000002 00000003"));
  }
}
