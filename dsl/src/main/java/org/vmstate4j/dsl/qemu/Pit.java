package org.vmstate4j.dsl.qemu;

import static org.vmstate4j.dsl.VmsdDsl.field;
import static org.vmstate4j.dsl.VmsdDsl.vmsd;

import org.vmstate4j.engine.model.VmStateDescription;

/**
 * The 8254 programmable interval timer (isa-pit, pit-common), VMSD {@code "i8254"} version 3
 * (minimum 2), id string {@code "i8254"}: channel 0's {@code irq_disabled} (from version 3),
 * the three {@link PitChannel}s (VMSD {@code "pit channel"} v2), then channel 0's
 * {@code next_transition_time} once more.
 *
 * <p>The fields {@code channels[0].irq_disabled} and {@code channels[0].next_transition_time}
 * bind through the path to {@code channels[0]}'s members (the trailing field is loaded last,
 * so it wins, as in QEMU).
 */
public final class Pit {
  public PitChannel[] channels = {new PitChannel(), new PitChannel(), new PitChannel()};

  public static final VmStateDescription VMSD = vmsd("i8254", Pit.class)
      .version(3)
      .minimumVersion(2)
      .fields(
          field("channels[0].irq_disabled").uint32().since(3),
          field("channels").array(3).struct(PitChannel.VMSD).since(2),
          field("channels[0].next_transition_time").int64())
      .build();
}
