package org.vmstate4j.bench.hand;

import java.nio.ByteBuffer;
import org.vmstate4j.bench.model.Buf;

/** The buffer device's wire bytes (the raw buffer) with a ByteBuffer. */
public final class BufCodec {
  private BufCodec() {}

  public static void save(Buf d, ByteBuffer b) {
    b.put(d.data);
  }

  public static void load(Buf d, ByteBuffer b) {
    b.get(d.data);
  }
}
