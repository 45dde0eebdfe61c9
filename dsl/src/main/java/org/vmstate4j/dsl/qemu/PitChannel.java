package org.vmstate4j.dsl.qemu;

import static org.vmstate4j.dsl.VmsdDsl.field;
import static org.vmstate4j.dsl.VmsdDsl.vmsd;

import java.io.Serializable;
import org.vmstate4j.engine.model.VmStateDescription;

/**
 * One counter of the 8254 PIT, VMSD {@code "pit channel"} version 2 (minimum 2), an element of
 * {@link Pit#channels}: 32 bytes on the wire.
 */
public final class PitChannel implements Serializable {
  private static final long serialVersionUID = 1L;

  /** int32; 0x10000 stands for a programmed count of 0. */
  public int count;
  public int latchedCount;
  public int countLatched;
  public int statusLatched;
  public int status;
  public int readState;
  public int writeState;
  public int writeLatch;
  public int rwMode;
  public int mode;
  public int bcd;
  public int gate;
  public long countLoadTime;
  public long nextTransitionTime;
  /**
   * uint32, not part of this description: channel 0's value travels in the {@code i8254}
   * description's {@code channels[0].irq_disabled} field.
   */
  public int irqDisabled;

  public static final VmStateDescription VMSD = vmsd("pit channel", PitChannel.class)
      .version(2)
      .fields(
          field("count").int32(),
          field("latched_count").uint16(),
          field("count_latched").uint8(),
          field("status_latched").uint8(),
          field("status").uint8(),
          field("read_state").uint8(),
          field("write_state").uint8(),
          field("write_latch").uint8(),
          field("rw_mode").uint8(),
          field("mode").uint8(),
          field("bcd").uint8(),
          field("gate").uint8(),
          field("count_load_time").int64(),
          field("next_transition_time").int64())
      .build();
}
