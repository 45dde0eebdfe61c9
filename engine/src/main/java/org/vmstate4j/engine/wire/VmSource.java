package org.vmstate4j.engine.wire;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.internal.io.RawBuffers;
import org.vmstate4j.engine.io.VmInput;

/** The walker's reads over a {@link VmInput}: an InputStream or an array. */
final class VmSource extends WireSource {
  final VmInput in;
  private @Nullable ByteBuffer view;

  VmSource(VmInput in) {
    this.in = in;
  }

  @Override
  long position() {
    return in.position();
  }

  @Override
  long remaining() {
    return in.remaining();
  }

  @Override
  long knownEnd() {
    long r = in.remaining();
    return r >= 0 ? in.position() + r : in.position() + in.bufferedBytes();
  }

  @Override
  boolean atEnd() {
    return in.atEnd();
  }

  @Override
  int peek(int ahead) {
    return in.peek(ahead);
  }

  @Override
  byte @Nullable [] peekBytes(int ahead, int n) {
    byte[] b = in.peekBytes(ahead, n);
    return b.length == n ? b : null;
  }

  @Override
  int u8() {
    return in.readU8();
  }

  @Override
  int u16() {
    return in.readU16();
  }

  @Override
  int s32() {
    return in.readInt();
  }

  @Override
  long u64() {
    return in.readLong();
  }

  @Override
  String countedString() {
    return in.readCountedString();
  }

  @Override
  byte[] bytes(int n) {
    return in.readBytes(n);
  }

  @Override
  void skip(long n) {
    in.skip(n);
  }

  @Override
  ByteBuffer take(int n) {
    int i = RawBuffers.take(in, n);
    byte[] b = RawBuffers.buffer(in);
    ByteBuffer v = view;
    if (v == null || v.array() != b) {
      v = ByteBuffer.wrap(b);
      view = v;
    }
    v.limit(i + n).position(i);
    return v;
  }

  @Override
  int findFooter(long sectionId) {
    in.peek(LOOKAHEAD - 1);
    int avail = in.bufferedBytes();
    int from = RawBuffers.take(in, 0);
    byte[] b = RawBuffers.buffer(in);
    for (int i = from; i + 5 <= from + avail; i++) {
      if (b[i] != WireFormat.SECTION_FOOTER) {
        continue;
      }
      long id = ((b[i + 1] & 0xffL) << 24) | ((b[i + 2] & 0xff) << 16)
          | ((b[i + 3] & 0xff) << 8) | (b[i + 4] & 0xff);
      int next = i + 5 < from + avail ? b[i + 5] & 0xff : -1;
      if (footerAt(id, sectionId, next)) {
        return i - from;
      }
    }
    return -1;
  }

  @Override
  long drain() {
    long n = 0;
    while (!in.atEnd()) {
      int k = in.bufferedBytes();
      in.skip(k);
      n += k;
    }
    return n;
  }

  @Override
  byte @Nullable [] readAvailable(long n) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    while (n > 0 && !in.atEnd()) {
      int k = (int) Math.min(n, in.bufferedBytes());
      int i = RawBuffers.take(in, k);
      b.write(RawBuffers.buffer(in), i, k);
      n -= k;
    }
    return n == 0 ? b.toByteArray() : null;
  }

  @Override
  VmInput body() {
    return in;
  }

  @Override
  void bodyDone(VmInput read) {
    // the visitor read from this very input
  }

  /** The bytes buffered and not read yet (for spooling), consumed. */
  ByteBuffer buffered() {
    int n = in.bufferedBytes();
    int i = RawBuffers.take(in, n);
    return ByteBuffer.wrap(RawBuffers.buffer(in), i, n);
  }
}
