package org.vmstate4j.engine.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vmstate4j.engine.VmStateLoadException;
import org.vmstate4j.engine.state.LoadOptions;
import org.vmstate4j.engine.stream.LoadResult;
import org.vmstate4j.engine.stream.ReadOptions;
import org.vmstate4j.engine.stream.Registry;
import org.vmstate4j.engine.stream.StreamReader;

/**
 * Stream-level framing from an untrusted source: lengths and counts of the header,
 * configuration, commands, sections and the JSON description after EOF, and QEMU's sample
 * streams read as an InputStream of unknown length (where only the allocation limit bounds a
 * size) with seeded mutations. Each read ends in a result or a {@link VmStateLoadException}
 * with an offset; nothing else escapes, and time stays bounded.
 */
class StreamHostileInputTest {
  private static final String MACHINE = "pc-i440fx-7.2";

  private static byte[] header(String machine) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {'Q', 'E', 'V', 'M', 0, 0, 0, 3, 7});
    byte[] name = machine.getBytes(StandardCharsets.UTF_8);
    out.writeBytes(ByteBuffer.allocate(4).putInt(name.length).array());
    out.writeBytes(name);
    return out.toByteArray();
  }

  private static byte[] cat(byte[] a, String hex) {
    byte[] b = java.util.HexFormat.of().parseHex(hex.replace(" ", ""));
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /** Reads {@code stream}; returns the load error or null, failing on anything else. */
  static VmStateLoadException read(ReadOptions o, byte[] stream, boolean asInputStream) {
    Registry r = new Registry(MACHINE);
    try {
      if (asInputStream) {
        new StreamReader(r, o).read(new ByteArrayInputStream(stream));
      } else {
        new StreamReader(r, o).read(stream);
      }
      return null;
    } catch (VmStateLoadException e) {
      assertThat(e.offset()).as(e.getMessage()).isBetween(0L, (long) stream.length);
      return e;
    } catch (Throwable t) {
      throw new AssertionError("escaped: " + t, t);
    }
  }

  @Test
  void emptyStreamIsALoadError() {
    assertThat(read(ReadOptions.DEFAULT, new byte[0], false)).isNotNull();
  }

  @ParameterizedTest
  @ValueSource(ints = {0xffffffff, 0x7fffffff, 0x10000000})
  void hugeMachineNameLength(int len) {
    byte[] s = cat(new byte[] {'Q', 'E', 'V', 'M', 0, 0, 0, 3, 7},
        String.format("%08x 70 63", len));
    for (boolean asStream : new boolean[] {false, true}) {
      VmStateLoadException e = read(ReadOptions.DEFAULT, s, asStream);
      assertThat(e).isNotNull();
      assertThat(e.getMessage()).contains("configuration");
    }
  }

  @Test
  void hugeCapabilityCountEndsAtTheEndOfTheStream() {
    String sub = "configuration/capabilities";
    byte[] s = cat(header(MACHINE), String.format("05 %02x", sub.length())
        + java.util.HexFormat.of().formatHex(sub.getBytes(StandardCharsets.US_ASCII))
        + " 00000001 ffffffff 03 616263");
    long t0 = System.nanoTime();
    assertThat(read(ReadOptions.DEFAULT, s, true)).isNotNull();
    assertThat(System.nanoTime() - t0).isLessThan(2_000_000_000L);
  }

  @Test
  void unknownSectionOfAnUnknownDeviceCannotBeSkippedWithoutADescription() {
    byte[] s = cat(header(MACHINE), "04 00000000 03 616263 00000000 00000001 7e 00000000 00");
    VmStateLoadException e = read(ReadOptions.DEFAULT.withSkipUnknown(true), s, true);
    assertThat(e.getMessage()).contains("Unknown section or instance 'abc'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"06 ffffffff 7b", "06 7fffffff", "06 00000002 7b", "06", "07",
      "06 00000002 7b7d 00"})
  void descriptionAfterEofIsOnlyWarnedAbout(String tail) {
    byte[] s = cat(header(MACHINE), "00 " + tail);
    for (boolean asStream : new boolean[] {false, true}) {
      assertThat(read(ReadOptions.DEFAULT, s, asStream)).isNull();
    }
    Registry r = new Registry(MACHINE);
    LoadResult res = new StreamReader(r).read(s);
    assertThat(res.warnings()).isNotEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"08 0002 ffff", "08 0001 0004 00000000", "08 ffff 0000", "08",
      "02 00000009", "03 00000000", "01 ffffffff ff", "09", "7e 00000000"})
  void commandsAndSectionFraming(String body) {
    assertThat(read(ReadOptions.DEFAULT, cat(header(MACHINE), body), false)).isNotNull();
  }

  static byte[] sample(String name) {
    try (InputStream in = StreamHostileInputTest.class
        .getResourceAsStream("/qemu-samples/" + name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"none.mig", "pc-min.mig"})
  void samplesMutatedAsStreamsOfUnknownLength(String name) {
    byte[] s = sample(name);
    SplittableRandom rnd = new SplittableRandom(name.hashCode());
    ReadOptions o = ReadOptions.DEFAULT.withMachineCheck(false).withSkipUnknown(true)
        .withLoadOptions(LoadOptions.DEFAULT.withMaxAllocationBytes(1 << 16));
    int rounds = s.length > 10_000 ? 150 : 600;
    for (int i = 0; i < rounds; i++) {
      byte[] m = s.clone();
      switch (i % 3) {
        case 0:
          m = Arrays.copyOf(s, rnd.nextInt(s.length + 1));
          break;
        case 1:
          m[rnd.nextInt(m.length)] ^= (byte) (1 << rnd.nextInt(8));
          break;
        default:
          int at = rnd.nextInt(m.length - 3);
          ByteBuffer.wrap(m).putInt(at, rnd.nextBoolean() ? -1 : rnd.nextInt());
          break;
      }
      read(o, m, true);
      read(o, m, false);
    }
  }
}
