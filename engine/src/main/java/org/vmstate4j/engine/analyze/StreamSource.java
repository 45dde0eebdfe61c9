package org.vmstate4j.engine.analyze;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.vmstate4j.engine.VmStateLoadException;
import org.vmstate4j.engine.io.VmInput;

/**
 * Big-endian reads of section bodies with the script's checks, over the input the stream walker
 * hands to a body reader: a fixed buffer, so skipped data is never held in memory.
 *
 * <p>Reading past the end of the device state (the JSON description is not part of it) is an
 * error that names the offset.
 */
final class StreamSource {
  /** Largest single field the analyzer materialises; bigger ones are malformed for our purpose. */
  static final int MAX_FIELD_BYTES = 64 * 1024 * 1024;

  private VmInput in;

  StreamSource(VmInput in) {
    this.in = in;
  }

  /** Reads from {@code next} from now on (the walker's input). */
  void use(VmInput next) {
    in = next;
  }

  long offset() {
    return in.position();
  }

  /** Bytes left before the end of the device state. */
  long remaining() {
    long r = in.remaining();
    return r < 0 ? Long.MAX_VALUE : r;
  }

  /** Next byte without consuming it, or -1 at the end of the stream. */
  int peek() {
    return in.peek(0);
  }

  /** The byte {@code ahead} positions on without consuming anything, or -1 past the end. */
  int peek(int ahead) {
    return in.peek(ahead);
  }

  int u8() {
    require(1);
    return in.readU8();
  }

  int u16() {
    require(2);
    return in.readU16();
  }

  long u32() {
    require(4);
    return in.readU32();
  }

  /** A be64 value; callers treat it as unsigned where QEMU does. */
  long u64() {
    require(8);
    return in.readLong();
  }

  byte[] bytes(long count) {
    if (count < 0 || count > MAX_FIELD_BYTES) {
      throw new VmStateLoadException(
          "field length out of range", offset(), "0.." + MAX_FIELD_BYTES, Long.toString(count));
    }
    require(count);
    return in.readBytes((int) count);
  }

  void skip(long count) {
    if (count < 0) {
      throw new VmStateLoadException("negative length", offset(), ">= 0", Long.toString(count));
    }
    require(count);
    in.skip(count);
  }

  /** A QEMU counted string: u8 length, then that many bytes of UTF-8. */
  String countedString() {
    long at = offset();
    int len = u8();
    return utf8(bytes(len), at);
  }

  static String utf8(byte[] bytes, long at) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new VmStateLoadException("string is not valid UTF-8", at, e);
    }
  }

  /** Fails unless {@code count} more bytes exist before the end of the device state. */
  void require(long count) {
    long left = remaining();
    if (count > left) {
      throw new VmStateLoadException(
          "unexpected end of stream", offset(), count + " more bytes", left + " bytes left");
    }
  }
}
