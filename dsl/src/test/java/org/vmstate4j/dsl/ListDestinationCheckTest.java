package org.vmstate4j.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.vmstate4j.dsl.VmsdDsl.field;
import static org.vmstate4j.dsl.VmsdDsl.vmsd;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.vmstate4j.engine.DescriptionException;
import org.vmstate4j.engine.VmStateLoadException;
import org.vmstate4j.engine.model.VmStateDescription;
import org.vmstate4j.engine.state.VmState;

/**
 * List destinations build() can tell will not take a load: members declared as a collection that
 * is not a List, and final list classes whose add() (and set()) are AbstractList's, which throw.
 * A List declared as List may be List.of at run time: that is a load error (see the engine's
 * load tests), not a build() one.
 */
class ListDestinationCheckTest {
  static final class El {
    int v;
    static final VmStateDescription VMSD =
        vmsd("el", El.class).version(1).fields(field("v").uint32()).build();
  }

  /** Fixed size: set() works, add() is AbstractList's. */
  static final class Slots3 extends AbstractList<El> {
    private final El[] a = new El[3];

    @Override
    public El get(int i) {
      return a[i];
    }

    @Override
    public El set(int i, El e) {
      El old = a[i];
      a[i] = e;
      return old;
    }

    @Override
    public int size() {
      return a.length;
    }
  }

  /** Read-only: neither set() nor add(). */
  static final class Frozen extends AbstractList<Integer> {
    @Override
    public Integer get(int i) {
      return 0;
    }

    @Override
    public int size() {
      return 2;
    }
  }

  static final class H {
    int n = 3;
    Collection<El> coll = new ArrayList<>();
    Set<El> set = new java.util.HashSet<>();
    Slots3 slots = new Slots3();
    Frozen frozen = new Frozen();
    List<El> list = new ArrayList<>();
  }

  @Test
  void aCollectionThatIsNotAListIsRejectedForElements() {
    assertThatThrownBy(() -> vmsd("h", H.class).fields(field("n").uint32(),
            field("coll").varrayUint32("n").ofPointers().autoAlloc(El.VMSD)).build())
        .isInstanceOf(DescriptionException.class)
        .hasMessage("description 'h', field 'coll': elements of 'el' need an array or List"
            + " member, not java.util.Collection");
    assertThatThrownBy(() -> vmsd("h", H.class).fields(field("set").qtailq(El.VMSD).since(1))
            .build())
        .isInstanceOf(DescriptionException.class)
        .hasMessageContaining("need an array or List member, not java.util.Set");
  }

  @Test
  void aFinalListThatCannotAddIsRejectedForAQueue() {
    assertThatThrownBy(() -> vmsd("h", H.class).fields(field("slots").qtailq(El.VMSD).since(1))
            .build())
        .isInstanceOf(DescriptionException.class)
        .hasMessageContaining("field 'slots'")
        .hasMessageContaining(Slots3.class.getName())
        .hasMessageContaining("a load clears and refills the qtailq");
  }

  @Test
  void aFinalListThatCannotChangeIsRejectedForAnArray() {
    assertThatThrownBy(() -> vmsd("h", H.class).fields(field("frozen").array(2).uint32())
            .build())
        .isInstanceOf(DescriptionException.class)
        .hasMessageContaining("field 'frozen'")
        .hasMessageContaining("no load can change it");
  }

  @Test
  void aFixedSizeListOfTheRightSizeStillServesAPointerArray() {
    // set() is enough when the count fits: not rejected
    VmStateDescription d = vmsd("h", H.class).fields(field("n").uint32(),
        field("slots").varrayUint32("n").ofPointers().autoAlloc(El.VMSD)).build();
    H src = new H();
    El e = new El();
    e.v = 9;
    src.slots.set(1, e);
    H dst = new H();
    VmState.load(d, dst, VmState.save(d, src));
    assertThat(dst.slots.get(1).v).isEqualTo(9);
    assertThat(dst.slots.get(0)).isNull();
    // and a count it cannot grow to is a load error with path and offset
    H big = new H();
    big.n = 4;
    assertThatThrownBy(() -> VmState.load(d, big, new byte[] {0, 0, 0, 4, 0x30, 0x30, 0x30,
        0x30}))
        .isInstanceOf(VmStateLoadException.class)
        .hasMessageContaining("h/slots")
        .hasMessageContaining("cannot grow");
  }
}
