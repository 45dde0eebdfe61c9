package org.vmstate4j.engine.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.vmstate4j.engine.testing.Fields.scalar;

import java.lang.invoke.MethodHandles;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vmstate4j.engine.VmStateLoadException;
import org.vmstate4j.engine.codec.Codecs;
import org.vmstate4j.engine.internal.codegen.DirectCodecs;
import org.vmstate4j.engine.io.VmInput;
import org.vmstate4j.engine.model.DirectCodec;
import org.vmstate4j.engine.model.VmStateDescription;
import org.vmstate4j.engine.model.VmStateField;
import org.vmstate4j.engine.model.VmsFlags;
import org.vmstate4j.engine.testing.Access;
import org.vmstate4j.engine.testing.Hex;

/**
 * AUTO_ALLOC pointers to a flat struct with a generated codec: the loop that reads new elements
 * with the codec, and a failure after an element's codec read (a subsection the element does
 * not have) leaving no half-loaded element behind.
 */
class DirectPointerArrayTest {
  static final class Triv {
    int i;
  }

  static final class Arps {
    int n;
    Triv[] ar;
  }

  private static final VmStateDescription TST =
      tst().directCodec(codec(tst().build())).build();

  private static final VmStateDescription ARPS = VmStateDescription.builder("test/arps")
      .versionId(1).minimumVersionId(1)
      .field(VmStateField.builder("ar").flags(VmsFlags.VARRAY_UINT32 | AutoAllocTest.AUTO)
          .count(Access.member(Arps.class, "n")).vmsd(TST).size(4)
          .factory(owner -> new Triv()).accessor(Access.field(Arps.class, "ar"))
          .build())
      .build();

  private static VmStateDescription.Builder tst() {
    return VmStateDescription.builder("test/tst").versionId(1).minimumVersionId(1)
        .field(scalar(Triv.class, "i", Codecs.INT32).build());
  }

  private static DirectCodec codec(VmStateDescription d) {
    try {
      DirectCodec c = DirectCodecs.generate(d, Triv.class,
          List.of(Triv.class.getDeclaredField("i")), MethodHandles.lookup());
      if (c == null) {
        throw new AssertionError("no codec for the flat element description");
      }
      return c;
    } catch (NoSuchFieldException e) {
      throw new AssertionError(e);
    }
  }

  private static Arps empty(int n) {
    Arps a = new Arps();
    a.n = n;
    a.ar = new Triv[n];
    return a;
  }

  /** Element 1's bytes, then a subsection header no element description has. */
  private static final String WIRE_BAD_SUBSECTION = "31 00000005 | 31 00000007"
      + " | 05 0a 74 65 73 74 2f 74 73 74 2f 78 00000001";

  @Test
  void newElementsLoadWithTheCodecAndNullsStayNull() {
    Arps dst = empty(4);
    VmState.load(ARPS, dst, VmInput.of(Hex.bytes("31 00000005 | 30 | 31 00000007 | 30")), 1);
    assertThat(dst.ar[0].i).isEqualTo(5);
    assertThat(dst.ar[1]).isNull();
    assertThat(dst.ar[2].i).isEqualTo(7);
    assertThat(dst.ar[3]).isNull();
  }

  @Test
  void failureAfterTheCodecReadRollsBackEveryNewElement() {
    Arps dst = empty(3);
    Throwable t = catchThrowable(
        () -> VmState.load(ARPS, dst, VmInput.of(Hex.bytes(WIRE_BAD_SUBSECTION)), 1));
    assertThat(t).isExactlyInstanceOf(VmStateLoadException.class);
    VmStateLoadException e = (VmStateLoadException) t;
    assertThat(e.reason()).contains("'test/tst/x'").contains("does not exist");
    assertThat(e.path()).isEqualTo("test/arps/ar[1]");
    assertThat(dst.ar).containsOnlyNulls();
  }

  @Test
  void failureAfterTheCodecReadWithoutJournalFreesTheSlot() {
    Arps dst = empty(3);
    Throwable t = catchThrowable(() -> VmState.load(ARPS, dst,
        VmInput.of(Hex.bytes(WIRE_BAD_SUBSECTION)), 1,
        LoadOptions.DEFAULT.withTransactional(false)));
    assertThat(t).isExactlyInstanceOf(VmStateLoadException.class);
    assertThat(((VmStateLoadException) t).path()).isEqualTo("test/arps/ar[1]");
    assertThat(dst.ar[0].i).as("loaded before the failure, no journal").isEqualTo(5);
    assertThat(dst.ar[1]).as("never left half-loaded").isNull();
    assertThat(dst.ar[2]).isNull();
  }
}
