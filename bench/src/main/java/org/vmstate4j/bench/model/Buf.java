package org.vmstate4j.bench.model;

import static org.vmstate4j.dsl.VmsdDsl.field;
import static org.vmstate4j.dsl.VmsdDsl.vmsd;

import java.io.Serializable;
import java.util.Arrays;
import org.vmstate4j.engine.model.VmStateDescription;

/** A device with one large byte buffer (VMSTATE_BUFFER), e.g. a framebuffer or RAM region. */
public final class Buf implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Buffer size in the benchmark: 256 MiB. */
  public static final int SIZE = 256 << 20;

  public byte[] data;

  /** For deserializers that fill every field themselves. */
  public Buf() {}

  public Buf(int size) {
    data = new byte[size];
  }

  public static VmStateDescription vmsdFor(int size) {
    return vmsd("bench-buffer", Buf.class)
        .version(1)
        .fields(field("data").buffer(size))
        .build();
  }

  public static final VmStateDescription VMSD = vmsdFor(SIZE);

  /** A buffer of {@code size} pseudo-random bytes. */
  public static Buf random(int size, long seed) {
    Buf b = new Buf(size);
    long x = seed | 1;
    byte[] a = b.data;
    for (int i = 0; i < size; i += 8) {
      x ^= x << 13;
      x ^= x >>> 7;
      x ^= x << 17;
      for (int k = 0; k < 8 && i + k < size; k++) {
        a[i + k] = (byte) (x >>> (k * 8));
      }
    }
    return b;
  }

  public boolean sameState(Buf o) {
    return Arrays.equals(data, o.data);
  }
}
