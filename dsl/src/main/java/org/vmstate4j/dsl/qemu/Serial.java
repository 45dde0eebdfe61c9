package org.vmstate4j.dsl.qemu;

import static org.vmstate4j.dsl.VmsdDsl.field;
import static org.vmstate4j.dsl.VmsdDsl.vmsd;

import org.vmstate4j.engine.model.VmStateDescription;

/**
 * A 16550A UART's state, VMSD {@code "serial"} version 3 (minimum 2), embedded by
 * {@link IsaSerial} (and QEMU's other serial front ends). Subsections, each v1:
 * {@code serial/thr_ipending}, {@code serial/tsr}, {@code serial/recv_fifo},
 * {@code serial/xmit_fifo}, {@code serial/fifo_timeout_timer}, {@code serial/timeout_ipending},
 * {@code serial/poll}.
 *
 * <p>Registers are uint8 except the uint16 divisor. Timers are expire times, -1 when not
 * armed. {@code fcr_vmstate} carries the FIFO control register (from version 3).
 */
public final class Serial {
  private static final int IER_THRI = 0x02;
  private static final int IIR_ID = 0x06;
  private static final int IIR_THRI = 0x02;

  public int divider;
  public int rbr;
  public int ier;
  public int iir;
  public int lcr;
  public int mcr;
  public int lsr;
  public int msr;
  public int scr;
  public int fcrVmstate;

  /** int32: the transmit-holding-register-empty interrupt is pending. */
  public int thrIpending;
  /** uint32. */
  public int tsrRetry;
  public int thr;
  public int tsr;
  public Fifo8 recvFifo = new Fifo8();
  public Fifo8 xmitFifo = new Fifo8();
  public long fifoTimeoutTimer = -1;
  /** int32. */
  public int timeoutIpending;
  /** int32: modem status line polling; negative when not polled. */
  public int pollMsl = -1;
  public long modemStatusPoll = -1;

  /** thr_ipending travels only when it differs from what IER and IIR imply. */
  private boolean thrIpendingNeeded() {
    if ((ier & IER_THRI) == 0) {
      return false;
    }
    int implied = (iir & IIR_ID) == IIR_THRI ? 1 : 0;
    return thrIpending != implied;
  }

  static final VmStateDescription THR_IPENDING = vmsd("serial/thr_ipending", Serial.class)
      .version(1)
      .needed(Serial::thrIpendingNeeded)
      .fields(field("thr_ipending").int32())
      .build();

  static final VmStateDescription TSR = vmsd("serial/tsr", Serial.class)
      .version(1)
      .needed(s -> s.tsrRetry != 0)
      .fields(
          field("tsr_retry").uint32(),
          field("thr").uint8(),
          field("tsr").uint8())
      .build();

  static final VmStateDescription RECV_FIFO = vmsd("serial/recv_fifo", Serial.class)
      .version(1)
      .needed(s -> !s.recvFifo.isEmpty())
      .fields(field("recv_fifo").struct(Fifo8.VMSD).since(1))
      .build();

  static final VmStateDescription XMIT_FIFO = vmsd("serial/xmit_fifo", Serial.class)
      .version(1)
      .needed(s -> !s.xmitFifo.isEmpty())
      .fields(field("xmit_fifo").struct(Fifo8.VMSD).since(1))
      .build();

  static final VmStateDescription FIFO_TIMEOUT_TIMER =
      vmsd("serial/fifo_timeout_timer", Serial.class)
          .version(1)
          .needed(s -> s.fifoTimeoutTimer != -1)
          .fields(field("fifo_timeout_timer").timer())
          .build();

  static final VmStateDescription TIMEOUT_IPENDING =
      vmsd("serial/timeout_ipending", Serial.class)
          .version(1)
          .needed(s -> s.timeoutIpending != 0)
          .fields(field("timeout_ipending").int32())
          .build();

  static final VmStateDescription POLL = vmsd("serial/poll", Serial.class)
      .version(1)
      .needed(s -> s.pollMsl >= 0)
      .fields(
          field("poll_msl").int32(),
          field("modem_status_poll").timer())
      .build();

  public static final VmStateDescription VMSD = vmsd("serial", Serial.class)
      .version(3)
      .minimumVersion(2)
      .fields(
          field("divider").uint16().since(2),
          field("rbr").uint8(),
          field("ier").uint8(),
          field("iir").uint8(),
          field("lcr").uint8(),
          field("mcr").uint8(),
          field("lsr").uint8(),
          field("msr").uint8(),
          field("scr").uint8(),
          field("fcr_vmstate").uint8().since(3))
      .subsections(THR_IPENDING, TSR, RECV_FIFO, XMIT_FIFO, FIFO_TIMEOUT_TIMER,
          TIMEOUT_IPENDING, POLL)
      .build();
}
