package org.vmstate4j.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.vmstate4j.dsl.VmsdDsl.field;
import static org.vmstate4j.dsl.VmsdDsl.unused;
import static org.vmstate4j.dsl.VmsdDsl.vmsd;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.vmstate4j.engine.DescriptionException;
import org.vmstate4j.engine.codec.Codecs;
import org.vmstate4j.engine.model.VmStateDescription;
import org.vmstate4j.engine.state.VmState;

/**
 * Specs and builders are values: a call returns a new one and never changes the one it was made
 * from; contradictory declarations fail at build(); a description knows its class and factory.
 */
class BuilderValueTest {
  static final HexFormat HEX = HexFormat.of();

  static final class Dev {
    int a = 0x01020304;
    int b = 0x05060708;
    byte[] buf = {9, 8, 7, 6};
  }

  static final class Other {
    int a;

    static final VmStateDescription VMSD =
        vmsd("other", Other.class).fields(field("a").uint32()).build();
  }

  @Test
  void aFieldSpecIsNotChangedByTheCallsMadeOnIt() {
    FieldSpec a = field("a");
    FieldSpec wide = a.uint32();
    FieldSpec narrow = a.uint8();
    FieldSpec later = wide.since(2);
    VmStateDescription d = vmsd("d", Dev.class).version(2).fields(wide, later.member("b")).build();
    VmStateDescription n = vmsd("n", Dev.class).fields(narrow).build();

    assertThat(HEX.formatHex(VmState.save(d, new Dev()))).isEqualTo("01020304" + "05060708");
    Dev small = new Dev();
    small.a = 4;
    assertThat(HEX.formatHex(VmState.save(n, small))).isEqualTo("04");
    assertThat(d.fields().get(0).versionId()).isZero();
    assertThat(d.fields().get(1).versionId()).isEqualTo(2);
    // the spec with no wire type still has none
    assertThatThrownBy(() -> vmsd("e", Dev.class).fields(a).build())
        .hasMessageContaining("field 'a': no wire type");
  }

  @Test
  void aBuilderIsATemplateItsCallsDoNotChange() {
    VmsdBuilder<Dev> template = vmsd("dev", Dev.class).version(3);
    VmStateDescription one = template.fields(field("a").uint32()).build();
    VmStateDescription two = template.fields(field("b").uint32(), field("a").uint16()).build();
    VmStateDescription none = template.build();

    assertThat(one.fields()).extracting(f -> f.name()).containsExactly("a");
    assertThat(two.fields()).extracting(f -> f.name()).containsExactly("b", "a");
    assertThat(none.fields()).isEmpty();
    assertThat(none.versionId()).isEqualTo(3);
    assertThat(template.version(4).build().versionId()).isEqualTo(4);
    assertThat(template.build().versionId()).isEqualTo(3);
  }

  @Test
  void aSecondWireTypeFailsAtBuild() {
    assertThatThrownBy(() -> vmsd("dev", Dev.class).fields(field("a").uint32().bool()).build())
        .isInstanceOf(DescriptionException.class)
        .hasMessage("description 'dev', field 'a': two wire types, uint32() then bool():"
            + " a field has one");
    assertThatThrownBy(() -> vmsd("dev", Dev.class)
            .fields(field("a").struct(Other.VMSD).uint32()).build())
        .isInstanceOf(DescriptionException.class)
        .hasMessageContaining("field 'a': two wire types, struct(other) then uint32()");
    assertThatThrownBy(() -> vmsd("dev", Dev.class)
            .fields(field("buf").buffer(4).uint8()).build())
        .hasMessageContaining("field 'buf': two wire types, buffer(4) then uint8()");
    assertThatThrownBy(() -> vmsd("dev", Dev.class)
            .fields(field("a").uint32().codec(Codecs.INT32)).build())
        .hasMessageContaining("field 'a': two wire types, uint32() then codec(int32)");
    assertThatThrownBy(() -> vmsd("dev", Dev.class).fields(unused(4).uint32()).build())
        .hasMessageContaining("field 'unused': two wire types, unused(4) then uint32()");
  }

  @Test
  void aSecondLayoutFailsAtBuild() {
    assertThatThrownBy(() -> vmsd("dev", Dev.class)
            .fields(field("buf").array(2).varrayUint32("a").uint8()).build())
        .isInstanceOf(DescriptionException.class)
        .hasMessage("description 'dev', field 'buf': two layouts, array(2) then"
            + " varrayUint32(\"a\"): a field has one");
  }

  @Test
  void aBufferTakesACustomCodecWithoutAConflict() {
    VmStateDescription d = vmsd("dev", Dev.class)
        .fields(field("buf").buffer(4).codec(Codecs.BUFFER)).build();
    assertThat(HEX.formatHex(VmState.save(d, new Dev()))).isEqualTo("09080706");
  }

  @Test
  void theDescriptionKnowsItsClassAndFactory() {
    VmStateDescription d = vmsd("dev", Dev.class).fields(field("a").uint32()).build();
    assertThat(d.type()).isEqualTo(Dev.class);
    assertThat(d.factory()).isNotNull();
    assertThat(d.factory().get()).isInstanceOf(Dev.class);

    Other made = new Other();
    VmStateDescription o = vmsd("other", Other.class).factory(() -> made)
        .fields(field("a").uint32()).build();
    assertThat(o.type()).isEqualTo(Other.class);
    assertThat(o.factory().get()).isSameAs(made);

    VmStateDescription engineOnly = VmStateDescription.builder("raw").versionId(1).build();
    assertThat(engineOnly.type()).isEqualTo(Object.class);
    assertThat(engineOnly.factory()).isNull();
  }
}
