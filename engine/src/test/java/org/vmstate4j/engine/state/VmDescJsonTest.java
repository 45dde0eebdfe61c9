package org.vmstate4j.engine.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vmstate4j.engine.testing.Fields.array;
import static org.vmstate4j.engine.testing.Fields.scalar;
import static org.vmstate4j.engine.testing.Fields.struct;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vmstate4j.engine.codec.Codecs;
import org.vmstate4j.engine.model.VmStateDescription;
import org.vmstate4j.engine.model.VmStateField;
import org.vmstate4j.engine.model.VmsFlags;
import org.vmstate4j.engine.testing.Access;

/**
 * {@link VmState#describe}: QEMU's JSON description of a save, in QEMU's compact text layout
 * (spec §5). Arrays that cannot be compressed get an "index" entry per element, as QEMU 7.2
 * writes them; AUTO_ALLOC fields get neither "array_len" nor "index".
 */
class VmDescJsonTest {

  static final class Triv {
    int i;

    Triv(int i) {
      this.i = i;
    }
  }

  static final VmStateDescription TST = VmStateDescription.builder("test/tst")
      .versionId(1).minimumVersionId(1)
      .field(scalar(Triv.class, "i", Codecs.INT32).build())
      .build();

  static final String TST_JSON =
      "{\"vmsd_name\": \"test/tst\", \"version\": 1, \"fields\": "
          + "[{\"name\": \"i\", \"type\": \"int32\", \"size\": 4}]}";

  // ------------------------------------------------------------ simple

  static final class Simple {
    long len = 7;
    boolean b = true;
    long x = -1;
    int y = 2;
  }

  @Test
  void simpleDescription() {
    VmStateDescription d = VmStateDescription.builder("simple").versionId(3).minimumVersionId(1)
        .field(scalar(Simple.class, "len", Codecs.UINT32).build())
        .field(scalar(Simple.class, "b", Codecs.BOOL).build())
        .field(scalar(Simple.class, "x", Codecs.INT64).build())
        .field(scalar(Simple.class, "y", Codecs.UINT32_EQUAL).build())
        .build();
    assertThat(VmState.describe(d, new Simple())).isEqualTo(
        "{\"vmsd_name\": \"simple\", \"version\": 3, \"fields\": ["
            + "{\"name\": \"len\", \"type\": \"uint32\", \"size\": 4}, "
            + "{\"name\": \"b\", \"type\": \"bool\", \"size\": 1}, "
            + "{\"name\": \"x\", \"type\": \"int64\", \"size\": 8}, "
            + "{\"name\": \"y\", \"type\": \"uint32 equal\", \"size\": 4}]}");
  }

  @Test
  void repeatedFieldNamesAreNumbered() {
    VmStateField x = scalar(Simple.class, "x", Codecs.INT64).build();
    VmStateDescription d = VmStateDescription.builder("dup").versionId(1)
        .field(x)
        .field(scalar(Simple.class, "len", Codecs.UINT32).build())
        .field(scalar(Simple.class, "x", Codecs.UINT64).build())
        .build();
    assertThat(VmState.describe(d, new Simple())).isEqualTo(
        "{\"vmsd_name\": \"dup\", \"version\": 1, \"fields\": ["
            + "{\"name\": \"x[0]\", \"type\": \"int64\", \"size\": 8}, "
            + "{\"name\": \"len\", \"type\": \"uint32\", \"size\": 4}, "
            + "{\"name\": \"x[1]\", \"type\": \"uint64\", \"size\": 8}]}");
  }

  // ------------------------------------------------------------ arrays

  static final class Arrays3 {
    int[] u16 = {1, 2, 3};
    Triv[] ar = {new Triv(1), new Triv(2), new Triv(3)};
  }

  @Test
  void compressedArrays() {
    VmStateDescription d = VmStateDescription.builder("arrays").versionId(1)
        .field(array(Arrays3.class, "u16", Codecs.UINT16, 3))
        .field(VmStateField.builder("ar").flags(VmsFlags.ARRAY | VmsFlags.STRUCT).num(3)
            .vmsd(TST).accessor(Access.field(Arrays3.class, "ar")).build())
        .build();
    assertThat(VmState.describe(d, new Arrays3())).isEqualTo(
        "{\"vmsd_name\": \"arrays\", \"version\": 1, \"fields\": ["
            + "{\"name\": \"u16\", \"array_len\": 3, \"type\": \"uint16\", \"size\": 2}, "
            + "{\"name\": \"ar\", \"array_len\": 3, \"type\": \"struct\", \"struct\": "
            + TST_JSON + ", \"size\": 4}]}");
  }

  static final class Elem {
    int i;
    int extra;

    Elem(int i, int extra) {
      this.i = i;
      this.extra = extra;
    }
  }

  static final class Holder {
    Elem[] ar = {new Elem(1, 0), new Elem(2, 9)};
    int[] u16 = {5, 6};
    boolean on = true;
  }

  @Test
  void structElementsWithSubsectionsAreIndexed() {
    VmStateDescription extra = VmStateDescription.builder("elem/extra").versionId(1)
        .needed(o -> ((Elem) o).extra != 0)
        .field(scalar(Elem.class, "extra", Codecs.UINT8).build())
        .build();
    VmStateDescription elem = VmStateDescription.builder("elem").versionId(1)
        .field(scalar(Elem.class, "i", Codecs.INT32).build())
        .subsection(extra)
        .build();
    VmStateDescription d = VmStateDescription.builder("holder").versionId(1)
        .field(VmStateField.builder("ar").flags(VmsFlags.ARRAY | VmsFlags.STRUCT).num(2)
            .vmsd(elem).accessor(Access.field(Holder.class, "ar")).build())
        .build();
    String elemFields = "\"fields\": [{\"name\": \"i\", \"type\": \"int32\", \"size\": 4}]";
    assertThat(VmState.describe(d, new Holder())).isEqualTo(
        "{\"vmsd_name\": \"holder\", \"version\": 1, \"fields\": ["
            + "{\"name\": \"ar\", \"index\": 0, \"type\": \"struct\", \"struct\": "
            + "{\"vmsd_name\": \"elem\", \"version\": 1, " + elemFields + "}, \"size\": 4}, "
            + "{\"name\": \"ar\", \"index\": 1, \"type\": \"struct\", \"struct\": "
            + "{\"vmsd_name\": \"elem\", \"version\": 1, " + elemFields + ", \"subsections\": ["
            + "{\"vmsd_name\": \"elem/extra\", \"version\": 1, \"fields\": "
            + "[{\"name\": \"extra\", \"type\": \"uint8\", \"size\": 1}]}]}, \"size\": 21}]}");
  }

  @Test
  void existsPredicatesStopCompression() {
    VmStateDescription elem = VmStateDescription.builder("elem").versionId(1)
        .field(scalar(Elem.class, "i", Codecs.INT32).exists((o, v) -> true).build())
        .build();
    VmStateDescription d = VmStateDescription.builder("holder").versionId(1)
        .field(VmStateField.builder("ar").flags(VmsFlags.ARRAY | VmsFlags.STRUCT).num(2)
            .vmsd(elem).accessor(Access.field(Holder.class, "ar")).build())
        .field(VmStateField.builder("u16").flags(VmsFlags.ARRAY).num(2).codec(Codecs.UINT16)
            .exists((o, v) -> ((Holder) o).on).accessor(Access.field(Holder.class, "u16"))
            .build())
        .build();
    String elemJson = "{\"vmsd_name\": \"elem\", \"version\": 1, \"fields\": "
        + "[{\"name\": \"i\", \"type\": \"int32\", \"size\": 4}]}";
    assertThat(VmState.describe(d, new Holder())).isEqualTo(
        "{\"vmsd_name\": \"holder\", \"version\": 1, \"fields\": ["
            + "{\"name\": \"ar\", \"index\": 0, \"type\": \"struct\", \"struct\": " + elemJson
            + ", \"size\": 4}, "
            + "{\"name\": \"ar\", \"index\": 1, \"type\": \"struct\", \"struct\": " + elemJson
            + ", \"size\": 4}, "
            + "{\"name\": \"u16\", \"index\": 0, \"type\": \"uint16\", \"size\": 2}, "
            + "{\"name\": \"u16\", \"index\": 1, \"type\": \"uint16\", \"size\": 2}]}");
  }

  // ------------------------------------------------------------ struct, subsections

  static final class Outer {
    Triv s = new Triv(5);
    int a = 1;
    int b = 2;
    boolean needB = true;
    boolean needC;
  }

  @Test
  void structFieldAndSubsections() {
    VmStateDescription subB = VmStateDescription.builder("outer/b").versionId(2)
        .minimumVersionId(1).needed(o -> ((Outer) o).needB)
        .field(scalar(Outer.class, "b", Codecs.UINT16).build())
        .build();
    VmStateDescription subC = VmStateDescription.builder("outer/c").versionId(1)
        .needed(o -> ((Outer) o).needC)
        .field(scalar(Outer.class, "b", Codecs.UINT32).build())
        .build();
    VmStateDescription d = VmStateDescription.builder("outer").versionId(1)
        .field(struct(Outer.class, "s", TST).build())
        .field(scalar(Outer.class, "a", Codecs.UINT8).build())
        .subsection(subB)
        .subsection(subC)
        .build();
    String head = "{\"vmsd_name\": \"outer\", \"version\": 1, \"fields\": ["
        + "{\"name\": \"s\", \"type\": \"struct\", \"struct\": " + TST_JSON + ", \"size\": 4}, "
        + "{\"name\": \"a\", \"type\": \"uint8\", \"size\": 1}]";
    Outer o = new Outer();
    assertThat(VmState.describe(d, o)).isEqualTo(head + ", \"subsections\": ["
        + "{\"vmsd_name\": \"outer/b\", \"version\": 2, \"fields\": "
        + "[{\"name\": \"b\", \"type\": \"uint16\", \"size\": 2}]}]}");
    o.needC = true;
    assertThat(VmState.describe(d, o)).isEqualTo(head + ", \"subsections\": ["
        + "{\"vmsd_name\": \"outer/b\", \"version\": 2, \"fields\": "
        + "[{\"name\": \"b\", \"type\": \"uint16\", \"size\": 2}]}, "
        + "{\"vmsd_name\": \"outer/c\", \"version\": 1, \"fields\": "
        + "[{\"name\": \"b\", \"type\": \"uint32\", \"size\": 4}]}]}");
    o.needB = false;
    o.needC = false;
    assertThat(VmState.describe(d, o)).as("no subsection sent: no key").isEqualTo(head + "}");
  }

  // ------------------------------------------------------------ pointer arrays

  static final class Ptrs {
    Triv[] ar = {new Triv(0), null, null, new Triv(3), new Triv(4)};
  }

  @Test
  void legacyPointerArrayIsDescribedInRuns() {
    VmStateDescription d = VmStateDescription.builder("test/arps").versionId(1)
        .field(VmStateField.builder("ar")
            .flags(VmsFlags.ARRAY | VmsFlags.STRUCT | VmsFlags.ARRAY_OF_POINTER).num(5)
            .vmsd(TST).accessor(Access.field(Ptrs.class, "ar")).build())
        .build();
    // QEMU measures runs only after the first change of null-ness, so the leading populated
    // run claims the whole array (array_len 5); then a NULL run of 2 and a populated run of 2
    assertThat(VmState.describe(d, new Ptrs())).isEqualTo(
        "{\"vmsd_name\": \"test/arps\", \"version\": 1, \"fields\": ["
            + "{\"name\": \"ar\", \"array_len\": 5, \"type\": \"struct\", \"struct\": "
            + TST_JSON + ", \"size\": 4}, "
            + "{\"name\": \"ar\", \"array_len\": 2, \"type\": \"ptr-marker\", \"size\": 1}, "
            + "{\"name\": \"ar\", \"array_len\": 2, \"type\": \"struct\", \"struct\": "
            + TST_JSON + ", \"size\": 4}]}");
  }

  static final class AutoN {
    int n = 3;
    Triv[] ar = {new Triv(1), null, new Triv(2)};
  }

  @Test
  void autoAllocEntriesHaveNeitherArrayLenNorIndex() {
    VmStateDescription d = VmStateDescription.builder("test/autoalloc").versionId(1)
        .field(scalar(AutoN.class, "n", Codecs.UINT8).build())
        .field(VmStateField.builder("ar")
            .flags(VmsFlags.VARRAY_UINT8 | VmsFlags.POINTER | VmsFlags.ARRAY_OF_POINTER
                | VmsFlags.STRUCT | VmsFlags.ARRAY_OF_POINTER_AUTO_ALLOC)
            .count(Access.member(AutoN.class, "n")).vmsd(TST).size(4)
            .factory(o -> new Triv(0)).accessor(Access.field(AutoN.class, "ar")).build())
        .build();
    String marker = "{\"name\": \"ar\", \"type\": \"ptr-marker\", \"size\": 1}";
    String elem = "{\"name\": \"ar\", \"type\": \"struct\", \"struct\": " + TST_JSON
        + ", \"size\": 4}";
    assertThat(VmState.describe(d, new AutoN())).isEqualTo(
        "{\"vmsd_name\": \"test/autoalloc\", \"version\": 1, \"fields\": ["
            + "{\"name\": \"n\", \"type\": \"uint8\", \"size\": 1}, "
            + marker + ", " + elem + ", " + marker + ", " + marker + ", " + elem + "]}");
  }

  // ------------------------------------------------------------ nested descriptions in codecs

  static final class QElem {
    boolean b;
    int u8;

    QElem(boolean b, int u8) {
      this.b = b;
      this.u8 = u8;
    }
  }

  static final class Queue {
    List<QElem> q = new ArrayList<>(List.of(new QElem(true, 130), new QElem(false, 65)));
  }

  @Test
  void queueElementsWriteTheirKeysIntoTheFieldEntry() {
    VmStateDescription elem = VmStateDescription.builder("test/queue-element").versionId(1)
        .field(scalar(QElem.class, "b", Codecs.BOOL).build())
        .field(scalar(QElem.class, "u8", Codecs.UINT8).build())
        .build();
    VmStateDescription d = VmStateDescription.builder("test/queue").versionId(1)
        .field(VmStateField.builder("q").codec(Codecs.QTAILQ).vmsd(elem).versionId(1)
            .factory(o -> new QElem(false, 0)).accessor(Access.field(Queue.class, "q")).build())
        .build();
    String keys = "\"vmsd_name\": \"test/queue-element\", \"version\": 1, \"fields\": ["
        + "{\"name\": \"b\", \"type\": \"bool\", \"size\": 1}, "
        + "{\"name\": \"u8\", \"type\": \"uint8\", \"size\": 1}]";
    assertThat(VmState.describe(d, new Queue())).isEqualTo(
        "{\"vmsd_name\": \"test/queue\", \"version\": 1, \"fields\": ["
            + "{\"name\": \"q\", \"type\": \"qtailq\", " + keys + ", " + keys
            + ", \"size\": 7}]}");
  }

  @Test
  void describingDoesNotChangeTheBytes() {
    Ptrs p = new Ptrs();
    VmStateDescription d = VmStateDescription.builder("test/arps").versionId(1)
        .field(VmStateField.builder("ar")
            .flags(VmsFlags.ARRAY | VmsFlags.STRUCT | VmsFlags.ARRAY_OF_POINTER).num(5)
            .vmsd(TST).accessor(Access.field(Ptrs.class, "ar")).build())
        .build();
    byte[] before = VmState.save(d, p);
    VmState.describe(d, p);
    assertThat(VmState.save(d, p)).isEqualTo(before).hasSize(4 + 1 + 1 + 4 + 4);
  }

  @Test
  void stringsAreEscapedAsQemusJsonWriterDoes() {
    // QEMU: \" \\ \b \f \n \r \t, other code points below 0x20 or from 0x7F on as
    // upper-case \\uXXXX, above U+FFFF as a surrogate pair; '/' is not escaped
    String name = "a\"b\\c/d\n\t\u0001\u007f\u00e9\ud83d\ude00";
    VmStateDescription d = VmStateDescription.builder(name).versionId(1).build();
    assertThat(VmState.describe(d, new Simple())).isEqualTo(
        "{\"vmsd_name\": \"a\\\"b\\\\c/d\\n\\t\\u0001\\u007F\\u00E9\\uD83D\\uDE00\", "
            + "\"version\": 1, \"fields\": []}");
  }
}
