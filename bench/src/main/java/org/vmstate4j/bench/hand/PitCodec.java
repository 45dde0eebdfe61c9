package org.vmstate4j.bench.hand;

import java.nio.ByteBuffer;
import org.vmstate4j.bench.model.Pit.Chan;
import org.vmstate4j.bench.model.Pit.Dev;

/** The PIT-like device's wire bytes written and read directly with a big-endian ByteBuffer. */
public final class PitCodec {
  private PitCodec() {}

  public static void save(Dev d, ByteBuffer b) {
    int n = d.n;
    b.putInt(n);
    b.asIntBuffer().put(d.words, 0, n);
    b.position(b.position() + 4 * n);
    for (Chan c : d.chans) {
      b.putInt(c.count).putShort(c.latchedCount).put(c.countLatched).put(c.statusLatched)
          .put(c.status).put(c.readState).put(c.writeState).put(c.writeLatch).put(c.rwMode)
          .put(c.mode).put(c.bcd).put(c.gate).putLong(c.countLoadTime)
          .putLong(c.nextTransitionTime);
    }
  }

  /** Loads into {@code d}'s arrays and channel objects in place. */
  public static void load(Dev d, ByteBuffer b) {
    int n = b.getInt();
    if (n < 0 || n > d.words.length) {
      throw new IllegalStateException("count " + n + " exceeds capacity " + d.words.length);
    }
    d.n = n;
    b.asIntBuffer().get(d.words, 0, n);
    b.position(b.position() + 4 * n);
    for (Chan c : d.chans) {
      c.count = b.getInt();
      c.latchedCount = b.getShort();
      c.countLatched = b.get();
      c.statusLatched = b.get();
      c.status = b.get();
      c.readState = b.get();
      c.writeState = b.get();
      c.writeLatch = b.get();
      c.rwMode = b.get();
      c.mode = b.get();
      c.bcd = b.get();
      c.gate = b.get();
      c.countLoadTime = b.getLong();
      c.nextTransitionTime = b.getLong();
    }
  }
}
