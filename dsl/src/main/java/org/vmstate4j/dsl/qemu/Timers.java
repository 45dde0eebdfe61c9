package org.vmstate4j.dsl.qemu;

import static org.vmstate4j.dsl.VmsdDsl.field;
import static org.vmstate4j.dsl.VmsdDsl.unused;
import static org.vmstate4j.dsl.VmsdDsl.vmsd;

import org.vmstate4j.engine.model.VmStateDescription;

/**
 * QEMU's global timer state, VMSD {@code "timer"} version 2 (minimum 1), section id string
 * {@code "timer"}; with subsection {@code "timer/icount"} v1, which nests
 * {@code "timer/icount/warp_timer"} v1, {@code "timer/icount/timers"} v1 and
 * {@code "timer/icount/shift"} v2.
 *
 * <p>The icount subsections are sent only when instruction counting is enabled
 * ({@link #icountMode} non-zero, not migrated); timers are expire times, -1 when not armed.
 */
public final class Timers {
  public long cpuTicksOffset;
  public long cpuClockOffset;

  /** icount: bias and count (subsection {@code timer/icount}). */
  public long qemuIcountBias;
  public long qemuIcount;
  /** {@code timer/icount/warp_timer}. */
  public long vmClockWarpStart;
  public long icountWarpTimer = -1;
  /** {@code timer/icount/timers}. */
  public long icountRtTimer = -1;
  public long icountVmTimer = -1;
  /** {@code timer/icount/shift}. */
  public short icountTimeShift;
  public long lastDelta;

  /** Not migrated: 0 = icount off, 1 = fixed shift, 2 = adaptive shift. */
  public int icountMode;
  /** Not migrated: whether the warp timer exists. */
  public boolean warpTimerCreated;
  /** Not migrated: whether the real-time/virtual adjust timers exist. */
  public boolean adjustTimersCreated;

  static final VmStateDescription WARP_TIMER = vmsd("timer/icount/warp_timer", Timers.class)
      .version(1)
      .needed(t -> t.warpTimerCreated)
      .fields(
          field("vm_clock_warp_start").int64(),
          field("icount_warp_timer").timer())
      .build();

  static final VmStateDescription ADJUST_TIMERS = vmsd("timer/icount/timers", Timers.class)
      .version(1)
      .needed(t -> t.adjustTimersCreated)
      .fields(
          field("icount_rt_timer").timer(),
          field("icount_vm_timer").timer())
      .build();

  static final VmStateDescription SHIFT = vmsd("timer/icount/shift", Timers.class)
      .version(2)
      .needed(t -> t.icountMode == 2)
      .fields(
          field("icount_time_shift").int16(),
          field("last_delta").int64())
      .build();

  static final VmStateDescription ICOUNT = vmsd("timer/icount", Timers.class)
      .version(1)
      .needed(t -> t.icountMode != 0)
      .fields(
          field("qemu_icount_bias").int64(),
          field("qemu_icount").int64())
      .subsections(WARP_TIMER, ADJUST_TIMERS, SHIFT)
      .build();

  public static final VmStateDescription VMSD = vmsd("timer", Timers.class)
      .version(2)
      .minimumVersion(1)
      .fields(
          field("cpu_ticks_offset").int64(),
          unused(8),
          field("cpu_clock_offset").int64().since(2))
      .subsections(ICOUNT)
      .build();
}
