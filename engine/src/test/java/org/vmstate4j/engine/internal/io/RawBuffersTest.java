package org.vmstate4j.engine.internal.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Method;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.vmstate4j.engine.io.VmInput;
import org.vmstate4j.engine.io.VmOutput;

class RawBuffersTest {
  @Test
  void theBufferMethodsAreNotPublicOnTheReaderAndWriter() {
    for (Class<?> c : new Class<?>[] {VmInput.class, VmOutput.class}) {
      assertThat(Arrays.stream(c.getMethods()).map(Method::getName))
          .as(c.getName()).doesNotContain("claim", "take", "buffer");
    }
  }

  @Test
  void claimedBytesAreWrittenWhereTheStreamWritesThem() {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    VmOutput out = VmOutput.to(sink, new byte[16]);
    out.writeLong(1).writeInt(2);
    // 12 of 16 bytes used: the claim drains first, and the bytes follow in order
    int at = RawBuffers.claim(out, 8);
    VmOutput.putLong(RawBuffers.buffer(out), at, 0x0102030405060708L);
    out.writeByte(9);
    out.flush();
    VmOutput expected = VmOutput.inMemory();
    expected.writeLong(1).writeInt(2).writeLong(0x0102030405060708L).writeByte(9);
    assertThat(sink.toByteArray()).isEqualTo(expected.toByteArray());

    VmOutput mem = VmOutput.inMemory(new byte[4]);
    int i = RawBuffers.claim(mem, 6); // grows the array
    VmOutput.putShort(RawBuffers.buffer(mem), i + 4, 0xabcd);
    assertThat(mem.toByteArray()).containsExactly(0, 0, 0, 0, 0xab, 0xcd);
  }

  @Test
  void takenBytesAreConsumedInPlace() {
    byte[] bytes = new byte[40];
    for (int k = 0; k < bytes.length; k++) {
      bytes[k] = (byte) k;
    }
    VmInput in = VmInput.of(new ByteArrayInputStream(bytes), 0, -1, 16);
    in.skip(10);
    int at = RawBuffers.take(in, 8); // refills: 6 buffered, 8 wanted
    assertThat(VmInput.getLong(RawBuffers.buffer(in), at)).isEqualTo(0x0a0b0c0d0e0f1011L);
    assertThat(in.position()).isEqualTo(18);
    assertThat(in.readU8()).isEqualTo(18);
  }
}
