package org.vmstate4j.engine.wire;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.io.VmInput;

/**
 * A channel as the walker's InputStream during a live walk, handing each byte to a
 * {@link WireTap} once the walk has consumed it. The walker reads ahead through its buffer, so
 * the bytes read but not yet consumed (at most about one buffer) are held here until it has.
 */
final class LiveInput extends InputStream {
  /** An IOException of the channel, carried through VmInput (which would reword it). */
  static final class Failure extends UncheckedIOException {
    private static final long serialVersionUID = 1L;

    Failure(IOException cause) {
      super(cause);
    }
  }

  private final ReadableByteChannel channel;
  private @Nullable WireTap tap;
  private @Nullable VmInput consumer;
  /** Bytes read from the channel that the tap has not had, the first at {@link #pendingAt}. */
  private byte[] pending = new byte[1 << 16];
  private int pendingLength;
  private long pendingAt;

  LiveInput(ReadableByteChannel channel, WireTap tap) {
    this.channel = channel;
    this.tap = tap;
  }

  /** The reader whose position says how far the walk has consumed. */
  void consumer(VmInput in) {
    this.consumer = in;
  }

  /** Gives the tap the bytes consumed before stream offset {@code upTo}. */
  void flush(long upTo) {
    WireTap t = tap;
    int n = (int) Math.min(pendingLength, upTo - pendingAt);
    if (t == null || n <= 0) {
      return;
    }
    t.bytes(ByteBuffer.wrap(pending, 0, n).asReadOnlyBuffer(), pendingAt);
    System.arraycopy(pending, n, pending, 0, pendingLength - n);
    pendingLength -= n;
    pendingAt += n;
  }

  /** Ends the tap: bytes read from now on are the tail's. */
  void untap() {
    tap = null;
    pending = new byte[0];
    pendingLength = 0;
  }

  @Override
  public int read() {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) {
    if (len == 0) {
      return 0;
    }
    VmInput c = consumer;
    if (c != null) {
      flush(c.position());
    }
    int r;
    try {
      do {
        r = channel.read(ByteBuffer.wrap(b, off, len));
      } while (r == 0);
    } catch (IOException e) {
      throw new Failure(e);
    }
    if (r > 0 && tap != null) {
      if (pendingLength + r > pending.length) {
        byte[] grown = new byte[Math.max(pending.length * 2, pendingLength + r)];
        System.arraycopy(pending, 0, grown, 0, pendingLength);
        pending = grown;
      }
      System.arraycopy(b, off, pending, pendingLength, r);
      pendingLength += r;
    }
    return r;
  }
}
