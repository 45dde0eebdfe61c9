package org.vmstate4j.dsl.qemu;

import static org.vmstate4j.dsl.VmsdDsl.field;
import static org.vmstate4j.dsl.VmsdDsl.unused;
import static org.vmstate4j.dsl.VmsdDsl.vmsd;

import org.vmstate4j.engine.model.VmStateDescription;

/**
 * The MC146818 real-time clock with its CMOS memory, VMSD {@code "mc146818rtc"} version 3
 * (minimum 1), id string {@code "mc146818rtc"}; subsection
 * {@code "mc146818rtc/irq_reinject_on_ack_count"} v1, sent while interrupts wait for
 * re-injection.
 *
 * <p>The two unused areas both carry QEMU's field name {@code unused}; the JSON description
 * numbers them {@code unused[0]} and {@code unused[1]}. Timers are expire times, -1 when not
 * armed.
 */
public final class Mc146818Rtc {
  public byte[] cmosData = new byte[128];
  public int cmosIndex;
  public long periodicTimer = -1;
  public long nextPeriodicTime;
  /** uint32, from version 2. */
  public int irqCoalesced;
  /** uint32, from version 2. */
  public int period;
  /** uint64, from version 3. */
  public long baseRtc;
  public long lastUpdate;
  public long offset;
  public long updateTimer = -1;
  public long nextAlarmTime;
  /** uint16, subsection {@code irq_reinject_on_ack_count}. */
  public int irqReinjectOnAckCount;

  static final VmStateDescription IRQ_REINJECT_ON_ACK_COUNT =
      vmsd("mc146818rtc/irq_reinject_on_ack_count", Mc146818Rtc.class)
          .version(1)
          .needed(s -> s.irqReinjectOnAckCount != 0)
          .fields(field("irq_reinject_on_ack_count").uint16())
          .build();

  public static final VmStateDescription VMSD = vmsd("mc146818rtc", Mc146818Rtc.class)
      .version(3)
      .minimumVersion(1)
      .fields(
          field("cmos_data").buffer(128),
          field("cmos_index").uint8(),
          unused(7 * 4),
          field("periodic_timer").timer(),
          field("next_periodic_time").int64(),
          unused(3 * 8),
          field("irq_coalesced").uint32().since(2),
          field("period").uint32().since(2),
          field("base_rtc").uint64().since(3),
          field("last_update").uint64().since(3),
          field("offset").int64().since(3),
          field("update_timer").timer().since(3),
          field("next_alarm_time").uint64().since(3))
      .subsections(IRQ_REINJECT_ON_ACK_COUNT)
      .build();
}
