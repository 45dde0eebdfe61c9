package org.vmstate4j.dsl.qemu;

import static org.vmstate4j.dsl.Vmstate.field;
import static org.vmstate4j.dsl.Vmstate.vmsd;

import org.vmstate4j.engine.model.VmStateDescription;

/**
 * The 8254 programmable interval timer (isa-pit, pit-common), VMSD {@code "i8254"} version 3
 * (minimum 2), id string {@code "i8254"}: channel 0's {@code irq_disabled} (from version 3),
 * the three {@link PitChannel}s (VMSD {@code "pit channel"} v2), then channel 0's
 * {@code next_transition_time} once more.
 *
 * <p>The fields {@code channels[0].irq_disabled} and {@code channels[0].next_transition_time}
 * live in {@code channels[0]}; two private members carry them on the wire, copied from
 * {@code channels[0]} before a save and back after a load (the trailing field is loaded last,
 * so it wins, as in QEMU).
 */
public final class Pit {
  public PitChannel[] channels = {new PitChannel(), new PitChannel(), new PitChannel()};

  private int irqDisabled0;
  private long nextTransitionTime0;

  private void toWire() {
    irqDisabled0 = channels[0].irqDisabled;
    nextTransitionTime0 = channels[0].nextTransitionTime;
  }

  private void fromWire() {
    channels[0].irqDisabled = irqDisabled0;
    channels[0].nextTransitionTime = nextTransitionTime0;
  }

  public static final VmStateDescription VMSD = vmsd("i8254", Pit.class)
      .version(3)
      .minimumVersion(2)
      .preSave(Pit::toWire)
      .preLoad(Pit::toWire)
      .postLoad((p, version) -> p.fromWire())
      .fields(
          field("channels[0].irq_disabled").uint32().since(3).member("irqDisabled0"),
          field("channels").array(3).struct(PitChannel.VMSD).since(2),
          field("channels[0].next_transition_time").int64().member("nextTransitionTime0"))
      .build();
}
