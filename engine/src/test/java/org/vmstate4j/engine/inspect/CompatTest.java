package org.vmstate4j.engine.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vmstate4j.engine.testing.Fields.scalar;
import static org.vmstate4j.engine.testing.Fields.struct;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vmstate4j.engine.codec.Codec;
import org.vmstate4j.engine.codec.Codecs;
import org.vmstate4j.engine.inspect.CompatReport.Cause;
import org.vmstate4j.engine.inspect.CompatReport.Direction;
import org.vmstate4j.engine.inspect.CompatReport.Finding;
import org.vmstate4j.engine.inspect.CompatReport.Severity;
import org.vmstate4j.engine.inspect.CompatReport.Verdict;
import org.vmstate4j.engine.model.VmStateDescription;
import org.vmstate4j.engine.model.VmStateField;
import org.vmstate4j.engine.model.VmsFlags;
import org.vmstate4j.engine.testing.Access;
import org.vmstate4j.engine.testing.NvmeLiteModel;

/** compat verdicts per direction for the changes QEMU developers make to descriptions. */
class CompatTest {
  static final class Elem {
    int x;
  }

  static final class Dev {
    int a;
    int b;
    int c;
    int n;
    boolean extra;
    int[] vals = new int[8];
    Elem[] q = new Elem[4];
  }

  static final VmStateDescription ELEM = VmStateDescription.builder("dev-elem").versionId(1)
      .minimumVersionId(1).field(scalar(Elem.class, "x", Codecs.UINT32).build()).build();

  static VmStateDescription.Builder dev(int version, int min) {
    return VmStateDescription.builder("dev").versionId(version).minimumVersionId(min)
        .field(scalar(Dev.class, "a", Codecs.UINT32).build())
        .field(scalar(Dev.class, "b", Codecs.UINT32).build());
  }

  private static void print(CompatReport r) {
    System.out.println(r.text());
  }

  private static Finding only(CompatReport r, Direction d, Severity s) {
    return r.findings(d).stream().filter(f -> f.severity() == s).findFirst()
        .orElseThrow(() -> new AssertionError(r.text()));
  }

  @Test
  void addedFieldWithAFieldVersion() {
    VmStateDescription v1 = dev(1, 1).build();
    VmStateDescription v2 = dev(2, 1).field(scalar(Dev.class, "c", Codecs.UINT32)
        .versionId(2).build()).build();
    CompatReport r = Compat.check(v1, v2);
    print(r);
    assertThat(r.oldToNew()).isEqualTo(Verdict.COMPATIBLE);
    assertThat(r.newToOld()).isEqualTo(Verdict.INCOMPATIBLE);
    Finding f = only(r, Direction.NEW_TO_OLD, Severity.ERROR);
    assertThat(f.path()).isEqualTo("dev");
    assertThat(f.message()).isEqualTo(
        "incoming version 2 is too new for the destination's version 1");

    // the same field without a field version: the new destination reads bytes v1 never sent
    VmStateDescription bad = dev(2, 1).field(scalar(Dev.class, "c", Codecs.UINT32).build())
        .build();
    CompatReport s = Compat.check(v1, bad);
    assertThat(s.oldToNew()).isEqualTo(Verdict.INCOMPATIBLE);
    assertThat(only(s, Direction.OLD_TO_NEW, Severity.ERROR).path()).isEqualTo("dev/c");

    // and with the minimum raised, old streams are refused up front
    CompatReport t = Compat.check(v1, dev(2, 2).field(scalar(Dev.class, "c", Codecs.UINT32)
        .versionId(2).build()).build());
    assertThat(only(t, Direction.OLD_TO_NEW, Severity.ERROR).message())
        .isEqualTo("incoming version 1 is too old for the destination's minimum version 2");
  }

  @Test
  void newSubsection() {
    VmStateDescription old = dev(1, 1).build();
    VmStateDescription gated = dev(1, 1).subsection(VmStateDescription.builder("dev/extra")
        .versionId(1).minimumVersionId(1).needed(o -> ((Dev) o).extra)
        .field(scalar(Dev.class, "c", Codecs.UINT32).build()).build()).build();
    CompatReport r = Compat.check(old, gated);
    print(r);
    assertThat(r.oldToNew()).isEqualTo(Verdict.COMPATIBLE);
    assertThat(r.newToOld()).isEqualTo(Verdict.CONDITIONAL);
    Finding w = only(r, Direction.NEW_TO_OLD, Severity.WARNING);
    assertThat(w.path()).isEqualTo("dev/extra");
    assertThat(w.message()).contains("only while the source's needed() is false")
        .contains("VM subsection 'dev/extra' in 'dev' does not exist");
    assertThat(only(r, Direction.OLD_TO_NEW, Severity.INFO).message())
        .contains("never sends");

    VmStateDescription always = dev(1, 1).subsection(VmStateDescription.builder("dev/extra")
        .versionId(1).minimumVersionId(1)
        .field(scalar(Dev.class, "c", Codecs.UINT32).build()).build()).build();
    CompatReport s = Compat.check(old, always);
    assertThat(s.newToOld()).isEqualTo(Verdict.INCOMPATIBLE);
    assertThat(only(s, Direction.NEW_TO_OLD, Severity.ERROR).message()).contains("always sent");
  }

  static VmStateField queue(boolean autoAlloc) {
    int flags = VmsFlags.ARRAY | VmsFlags.ARRAY_OF_POINTER | VmsFlags.STRUCT
        | (autoAlloc ? VmsFlags.ARRAY_OF_POINTER_AUTO_ALLOC : 0);
    VmStateField.Builder b = VmStateField.builder("q").flags(flags).num(4).vmsd(ELEM)
        .accessor(Access.field(Dev.class, "q"));
    return autoAlloc ? b.size(4).factory(o -> new Elem()).build() : b.build();
  }

  @Test
  void legacyToAutoAlloc() {
    VmStateDescription legacy = dev(1, 1).field(queue(false)).build();
    VmStateDescription auto = dev(1, 1).field(queue(true)).build();
    CompatReport r = Compat.check(legacy, auto);
    print(r);
    assertThat(r.oldToNew()).isEqualTo(Verdict.INCOMPATIBLE);
    assertThat(r.newToOld()).isEqualTo(Verdict.INCOMPATIBLE);
    Finding f = only(r, Direction.OLD_TO_NEW, Severity.ERROR);
    assertThat(f.path()).isEqualTo("dev/q");
    assertThat(f.message()).startsWith("pointer-array of 4 vs pointer-array-auto-alloc of 4:"
        + " the destination reads a marker before every element");
    assertThat(only(r, Direction.NEW_TO_OLD, Severity.ERROR).message())
        .contains("0x31 marker before every populated element");

    // what vmstate-static-checker.py sees: the same -dump-vmstate entries, so no difference
    Map<String, CompatDescription> a = DumpVmstate.read(
        DumpVmstate.export("m", Map.of("dev", legacy)));
    Map<String, CompatDescription> b = DumpVmstate.read(
        DumpVmstate.export("m", Map.of("dev", auto)));
    assertThat(Compat.check(a.get("dev"), b.get("dev")).compatible()).isTrue();
  }

  static VmStateDescription varray(Codec count, int width) {
    return dev(1, 1).field(scalar(Dev.class, "n", count).build())
        .field(VmStateField.builder("vals").flags(width).count(Access.member(Dev.class, "n"))
            .codec(Codecs.UINT32).accessor(Access.field(Dev.class, "vals")).build())
        .build();
  }

  @Test
  void varrayCountWidthChange() {
    // the count member and the VARRAY flag change together: the count's own bytes differ
    CompatReport r = Compat.check(varray(Codecs.UINT8, VmsFlags.VARRAY_UINT8),
        varray(Codecs.UINT32, VmsFlags.VARRAY_UINT32));
    print(r);
    assertThat(r.oldToNew()).isEqualTo(Verdict.INCOMPATIBLE);
    assertThat(r.newToOld()).isEqualTo(Verdict.INCOMPATIBLE);
    Finding f = only(r, Direction.OLD_TO_NEW, Severity.ERROR);
    assertThat(f.path()).isEqualTo("dev/n");
    assertThat(f.message()).isEqualTo("codec 'uint8' vs 'uint32': 1 vs 4 bytes on the wire");

    // only the flag changes: same bytes unless the count needs more than 8 bits
    CompatReport s = Compat.check(varray(Codecs.UINT32, VmsFlags.VARRAY_UINT8),
        varray(Codecs.UINT32, VmsFlags.VARRAY_UINT32));
    print(s);
    assertThat(s.oldToNew()).isEqualTo(Verdict.CONDITIONAL);
    Finding w = only(s, Direction.OLD_TO_NEW, Severity.WARNING);
    assertThat(w.path()).isEqualTo("dev/vals");
    assertThat(w.message()).startsWith("count read as UINT8 vs UINT32");
  }

  static VmStateDescription withN(Codec c) {
    return dev(1, 1).field(scalar(Dev.class, "n", c).build()).build();
  }

  @Test
  void equalChecks() {
    CompatReport r = Compat.check(withN(Codecs.UINT32), withN(Codecs.UINT32_EQUAL));
    print(r);
    assertThat(r.oldToNew()).isEqualTo(Verdict.CONDITIONAL);
    assertThat(only(r, Direction.OLD_TO_NEW, Severity.WARNING).message())
        .contains("the destination checks equality with its own value");
    assertThat(r.newToOld()).isEqualTo(Verdict.COMPATIBLE);

    CompatReport s = Compat.check(withN(Codecs.UINT32_EQUAL), withN(Codecs.UINT16_EQUAL));
    print(s);
    assertThat(s.oldToNew()).isEqualTo(Verdict.INCOMPATIBLE);
    assertThat(only(s, Direction.OLD_TO_NEW, Severity.ERROR).message())
        .isEqualTo("codec 'uint32 equal' vs 'uint16 equal': 4 vs 2 bytes on the wire");

    CompatReport t = Compat.check(withN(Codecs.UINT32_EQUAL), withN(Codecs.UINT32_EQUAL));
    assertThat(t.compatible()).isTrue();
    assertThat(only(t, Direction.OLD_TO_NEW, Severity.INFO).message())
        .contains("configuration must match");
  }

  @Test
  void renamesAndSelf() {
    assertThat(Compat.check(NvmeLiteModel.NVME_LITE, NvmeLiteModel.NVME_LITE).compatible())
        .isTrue();
    VmStateDescription renamed = VmStateDescription.builder("dev").versionId(1)
        .minimumVersionId(1).field(scalar(Dev.class, "a", Codecs.UINT32).build())
        .field(scalar(Dev.class, "c", Codecs.UINT32).build()).build();
    CompatReport r = Compat.check(dev(1, 1).build(), renamed);
    assertThat(r.oldToNew()).isEqualTo(Verdict.CONDITIONAL);
    assertThat(only(r, Direction.OLD_TO_NEW, Severity.WARNING).message())
        .contains("names are not on the wire");
  }

  static final class Inner {
    int b;
    short c;
  }

  static final class Wrapped {
    int a;
    Inner inner = new Inner();
  }

  static VmStateDescription wrapped(Codec c) {
    VmStateDescription inner = VmStateDescription.builder("dev-inner").versionId(1)
        .minimumVersionId(1).field(scalar(Inner.class, "b", Codecs.UINT32).build())
        .field(scalar(Inner.class, "c", c).build()).build();
    return VmStateDescription.builder("dev").versionId(1).minimumVersionId(1)
        .field(scalar(Wrapped.class, "a", Codecs.UINT32).build())
        .field(struct(Wrapped.class, "inner", inner).build()).build();
  }

  @Test
  void fieldsMovedIntoANewStructAreComparedOnTheWire() {
    VmStateDescription flat = dev(1, 1).field(scalar(Dev.class, "c", Codecs.UINT16).build())
        .build();
    CompatReport r = Compat.check(flat, wrapped(Codecs.UINT16));
    print(r);
    assertThat(r.compatible()).isTrue();
    assertThat(r.findings(Cause.STRUCT_WRAPPING)).extracting(Finding::path)
        .containsExactly("dev/inner", "dev/inner");

    CompatReport s = Compat.check(flat, wrapped(Codecs.UINT8));
    print(s);
    Finding f = only(s, Direction.OLD_TO_NEW, Severity.ERROR);
    assertThat(f.cause()).isEqualTo(Cause.CODEC);
    assertThat(f.path()).isEqualTo("dev/inner/c");
    assertThat(f.message()).isEqualTo("codec 'uint16' vs 'uint8': 2 vs 1 bytes on the wire");
  }

  @Test
  void aRenamedDescriptionIsAnotherSection() {
    VmStateDescription renamed = VmStateDescription.builder("dev2").versionId(1)
        .minimumVersionId(1).field(scalar(Dev.class, "a", Codecs.UINT32).build())
        .field(scalar(Dev.class, "b", Codecs.UINT32).build()).build();
    CompatReport r = Compat.check(dev(1, 1).build(), renamed);
    assertThat(r.oldToNew()).isEqualTo(Verdict.INCOMPATIBLE);
    assertThat(r.newToOld()).isEqualTo(Verdict.INCOMPATIBLE);
    Finding f = only(r, Direction.OLD_TO_NEW, Severity.ERROR);
    assertThat(f.cause()).isEqualTo(Cause.DESCRIPTION_RENAMED);
    assertThat(f.message()).contains("id string").contains("'dev'").contains("'dev2'");
  }

  @Test
  void everyProblemIsListedAfterAVersionError() {
    // v2 adds field c and an always-sent subsection; a v1 destination knows neither
    VmStateDescription v2 = dev(2, 1).field(scalar(Dev.class, "c", Codecs.UINT32)
        .versionId(2).build()).subsection(VmStateDescription.builder("dev/extra").versionId(1)
        .minimumVersionId(1).field(scalar(Dev.class, "n", Codecs.UINT32).build()).build())
        .build();
    CompatReport r = Compat.check(dev(1, 1).build(), v2);
    assertThat(r.findings(Direction.NEW_TO_OLD)).extracting(Finding::cause)
        .containsExactly(Cause.VERSION_TOO_NEW, Cause.FIELD_NOT_READ, Cause.SUBSECTION_MISSING);
    assertThat(r.lines().get(1)).contains("ERROR  dev: incoming version 2 is too new");
  }
}
