package org.vmstate4j.bench.hand;

import java.nio.ByteBuffer;
import org.vmstate4j.bench.model.Pit.Dev;
import org.vmstate4j.dsl.qemu.PitChannel;

/** The PIT-like device's wire bytes written and read directly with a big-endian ByteBuffer. */
public final class PitCodec {
  private PitCodec() {}

  public static void save(Dev d, ByteBuffer b) {
    int n = d.n;
    b.putInt(n);
    b.asIntBuffer().put(d.words, 0, n);
    b.position(b.position() + 4 * n);
    for (PitChannel c : d.chans) {
      b.putInt(c.count).putShort((short) c.latchedCount).put((byte) c.countLatched)
          .put((byte) c.statusLatched).put((byte) c.status).put((byte) c.readState)
          .put((byte) c.writeState).put((byte) c.writeLatch).put((byte) c.rwMode)
          .put((byte) c.mode).put((byte) c.bcd).put((byte) c.gate).putLong(c.countLoadTime)
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
    for (PitChannel c : d.chans) {
      c.count = b.getInt();
      c.latchedCount = b.getShort() & 0xffff;
      c.countLatched = b.get() & 0xff;
      c.statusLatched = b.get() & 0xff;
      c.status = b.get() & 0xff;
      c.readState = b.get() & 0xff;
      c.writeState = b.get() & 0xff;
      c.writeLatch = b.get() & 0xff;
      c.rwMode = b.get() & 0xff;
      c.mode = b.get() & 0xff;
      c.bcd = b.get() & 0xff;
      c.gate = b.get() & 0xff;
      c.countLoadTime = b.getLong();
      c.nextTransitionTime = b.getLong();
    }
  }
}
