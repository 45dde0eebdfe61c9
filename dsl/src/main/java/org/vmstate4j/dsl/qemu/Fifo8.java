package org.vmstate4j.dsl.qemu;

import static org.vmstate4j.dsl.VmsdDsl.field;
import static org.vmstate4j.dsl.VmsdDsl.vmsd;

import org.vmstate4j.engine.model.VmStateDescription;

/**
 * QEMU's byte FIFO, VMSD {@code "Fifo8"} version 1 (minimum 1): the whole buffer
 * ({@code capacity} bytes, capacity itself not migrated), the head index and the fill count.
 */
public final class Fifo8 {
  /** Not migrated: the buffer size, fixed when the device is created. */
  public int capacity;
  public byte[] data;
  public int head;
  public int num;

  /** A FIFO of 16 bytes, the UART FIFO size. */
  public Fifo8() {
    this(16);
  }

  public Fifo8(int capacity) {
    this.capacity = capacity;
    this.data = new byte[capacity];
  }

  public boolean isEmpty() {
    return num == 0;
  }

  public static final VmStateDescription VMSD = vmsd("Fifo8", Fifo8.class)
      .version(1)
      .fields(
          field("data").vbuffer("capacity").since(1),
          field("head").uint32(),
          field("num").uint32())
      .build();
}
