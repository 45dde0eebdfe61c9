package org.vmstate4j.engine.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.vmstate4j.engine.testing.Fields.array;
import static org.vmstate4j.engine.testing.Fields.scalar;

import org.junit.jupiter.api.Test;
import org.vmstate4j.engine.VmStateSaveException;
import org.vmstate4j.engine.codec.Codec;
import org.vmstate4j.engine.codec.Codecs;
import org.vmstate4j.engine.io.VmInput;
import org.vmstate4j.engine.model.VmStateDescription;
import org.vmstate4j.engine.testing.Hex;

/**
 * Java members wider than, or as wide as, the wire type: same width keeps the bit pattern,
 * wider storage holds the value and must fit the wire type when saved.
 */
class StorageWidthsTest {

  static final class W {
    byte b;
    short s;
    char c;
    int i;
    long l;
    Integer boxed;
    byte[] bytes = new byte[2];
    short[] shorts = new short[2];
  }

  private static VmStateDescription d(String member, Codec codec) {
    return VmStateDescription.builder("w").versionId(1)
        .field(scalar(W.class, member, codec).build())
        .build();
  }

  private static W load(String member, Codec codec, String hex) {
    W w = new W();
    VmInput in = VmInput.of(Hex.bytes(hex));
    VmState.load(d(member, codec), w, in, 1);
    assertThat(in.atEnd()).isTrue();
    return w;
  }

  private static String save(String member, Codec codec, W w) {
    return Hex.str(VmState.save(d(member, codec), w));
  }

  private static VmStateSaveException saveFails(String member, Codec codec, W w) {
    Throwable t = catchThrowable(() -> VmState.save(d(member, codec), w));
    assertThat(t).isExactlyInstanceOf(VmStateSaveException.class);
    return (VmStateSaveException) t;
  }

  @Test
  void uint8InByteShortIntLong() {
    W w = load("b", Codecs.UINT8, "ff");
    assertThat(w.b).as("bit pattern").isEqualTo((byte) -1);
    assertThat(save("b", Codecs.UINT8, w)).isEqualTo("ff");
    w = load("s", Codecs.UINT8, "ff");
    assertThat(w.s).isEqualTo((short) 255);
    assertThat(save("s", Codecs.UINT8, w)).isEqualTo("ff");
    w = load("i", Codecs.UINT8, "ff");
    assertThat(w.i).isEqualTo(255);
    assertThat(save("i", Codecs.UINT8, w)).isEqualTo("ff");
    w = load("l", Codecs.UINT8, "80");
    assertThat(w.l).isEqualTo(128L);
    assertThat(save("l", Codecs.UINT8, w)).isEqualTo("80");
  }

  @Test
  void uint32InIntIsTheBitPatternAndInLongTheValue() {
    W w = load("i", Codecs.UINT32, "ffffffff");
    assertThat(w.i).isEqualTo(-1);
    assertThat(save("i", Codecs.UINT32, w)).isEqualTo("ff ff ff ff");
    w.i = Integer.MIN_VALUE;
    assertThat(save("i", Codecs.UINT32, w)).isEqualTo("80 00 00 00");
    w = load("l", Codecs.UINT32, "ffffffff");
    assertThat(w.l).isEqualTo(4294967295L);
    assertThat(save("l", Codecs.UINT32, w)).isEqualTo("ff ff ff ff");
    w.l = 1L << 32;
    VmStateSaveException e = saveFails("l", Codecs.UINT32, w);
    assertThat(e.path()).isEqualTo("w/l");
    assertThat(e.found()).isEqualTo("4294967296");
  }

  @Test
  void saving300FromALongAsUint8Fails() {
    W w = new W();
    w.l = 300;
    VmStateSaveException e = saveFails("l", Codecs.UINT8, w);
    assertThat(e.path()).isEqualTo("w/l");
    assertThat(e.reason()).isEqualTo("value does not fit uint8");
    assertThat(e.expected()).isEqualTo("0..255");
    assertThat(e.found()).isEqualTo("300");
    assertThat(e.offset()).isZero();
    w.l = -1;
    assertThat(saveFails("l", Codecs.UINT8, w).found()).isEqualTo("-1");
  }

  @Test
  void failingFieldIsNamedAfterEarlierFields() {
    W w = new W();
    w.i = 7;
    w.l = 300;
    VmStateDescription two = VmStateDescription.builder("w").versionId(1)
        .field(scalar(W.class, "i", Codecs.UINT32).build())
        .field(scalar(W.class, "l", Codecs.UINT8).build())
        .build();
    Throwable t = catchThrowable(() -> VmState.save(two, w));
    assertThat(t).isExactlyInstanceOf(VmStateSaveException.class);
    VmStateSaveException e = (VmStateSaveException) t;
    assertThat(e.path()).isEqualTo("w/l");
    assertThat(e.offset()).isEqualTo(4);
    assertThat(e.getMessage()).isEqualTo(
        "w/l @4 (0x4): value does not fit uint8 (expected 0..255, found 300)");
  }

  @Test
  void uint64InLong() {
    W w = load("l", Codecs.UINT64, "ffffffff ffffffff");
    assertThat(w.l).isEqualTo(-1L);
    assertThat(save("l", Codecs.UINT64, w)).isEqualTo("ff ff ff ff ff ff ff ff");
    w = load("l", Codecs.UINT64, "80000000 00000000");
    assertThat(w.l).isEqualTo(Long.MIN_VALUE);
    assertThat(save("l", Codecs.UINT64, w)).isEqualTo("80 00 00 00 00 00 00 00");
  }

  @Test
  void signedTypesSignExtendAndCheckTheirRange() {
    W w = load("l", Codecs.INT16, "8000");
    assertThat(w.l).isEqualTo(-32768L);
    assertThat(save("l", Codecs.INT16, w)).isEqualTo("80 00");
    w = load("i", Codecs.INT8, "ff");
    assertThat(w.i).isEqualTo(-1);
    w.i = 128;
    assertThat(saveFails("i", Codecs.INT8, w).expected()).isEqualTo("-128..127");
    w.i = -129;
    assertThat(saveFails("i", Codecs.INT8, w).found()).isEqualTo("-129");
  }

  @Test
  void uint16InCharAndInABox() {
    W w = load("c", Codecs.UINT16, "ffff");
    assertThat(w.c).isEqualTo('\uffff');
    assertThat(save("c", Codecs.UINT16, w)).isEqualTo("ff ff");
    w = load("boxed", Codecs.UINT16, "abcd");
    assertThat(w.boxed).isEqualTo(0xabcd);
    assertThat(save("boxed", Codecs.UINT16, w)).isEqualTo("ab cd");
  }

  @Test
  void nullBoxIsLoadedAndPutBackOnFailure() {
    VmStateDescription two = VmStateDescription.builder("w").versionId(1)
        .field(scalar(W.class, "boxed", Codecs.UINT32).build())
        .field(scalar(W.class, "l", Codecs.UINT64).build())
        .build();
    W w = new W();
    VmInput in = VmInput.of(Hex.bytes("00000005 00000000 00000006"));
    VmState.load(two, w, in, 1);
    assertThat(w.boxed).isEqualTo(5);
    assertThat(w.l).isEqualTo(6);

    W fresh = new W();
    Throwable t = catchThrowable(
        () -> VmState.load(two, fresh, VmInput.of(Hex.bytes("00000005 0000")), 1));
    assertThat(t).isExactlyInstanceOf(org.vmstate4j.engine.VmStateLoadException.class);
    assertThat(fresh.boxed).isNull();
  }

  @Test
  void uint8ArraysInBytesAndShorts() {
    VmStateDescription bytes = VmStateDescription.builder("w").versionId(1)
        .field(array(W.class, "bytes", Codecs.UINT8, 2)).build();
    VmStateDescription shorts = VmStateDescription.builder("w").versionId(1)
        .field(array(W.class, "shorts", Codecs.UINT8, 2)).build();
    W w = new W();
    VmState.load(bytes, w, VmInput.of(Hex.bytes("80 ff")), 1);
    VmState.load(shorts, w, VmInput.of(Hex.bytes("80 ff")), 1);
    assertThat(w.bytes).containsExactly(-128, -1);
    assertThat(w.shorts).containsExactly((short) 128, (short) 255);
    assertThat(Hex.str(VmState.save(bytes, w))).isEqualTo("80 ff");
    assertThat(Hex.str(VmState.save(shorts, w))).isEqualTo("80 ff");
    w.shorts[1] = 256;
    Throwable t = catchThrowable(() -> VmState.save(shorts, w));
    assertThat(t).isExactlyInstanceOf(VmStateSaveException.class);
    assertThat(((VmStateSaveException) t).path()).isEqualTo("w/shorts[1]");
  }
}
