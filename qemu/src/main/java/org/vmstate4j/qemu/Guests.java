package org.vmstate4j.qemu;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Guests with known state, no disk or kernel needed.
 *
 * <ul>
 *   <li>{@link #fresh}: paused before its first instruction (EIP 0xfff0, RAM zero but for
 *       the firmware);
 *   <li>{@link #afterBios}: SeaBIOS ran until it found nothing to boot and halted, then the guest
 *       was stopped: registers hold real values, RAM holds the BIOS data area (with COM1,
 *       {@code f8 03} at 0x400).
 * </ul>
 */
public final class Guests {
  /** How long the BIOS may take to reach its idle loop. */
  public static final Duration BIOS_TIMEOUT = Duration.ofSeconds(20);

  private Guests() {}

  /** A guest that never ran. */
  public static QemuProcess fresh(Machine machine) {
    return QemuProcess.paused(machine);
  }

  /**
   * A guest whose BIOS ran until the CPU halted at the same EIP on two polls 100 ms apart
   * (SeaBIOS's idle loop once no boot device is found), then stopped while halted: the idle
   * loop wakes for every timer interrupt, so a stop that catches the CPU in the interrupt
   * handler is undone and tried again.
   */
  public static QemuProcess afterBios(Machine machine) {
    QemuProcess p = QemuProcess.running(machine);
    try {
      long deadline = System.nanoTime() + BIOS_TIMEOUT.toNanos();
      @Nullable CpuRegisters last = null;
      while (true) {
        CpuRegisters now = p.hmp().registers();
        boolean idle = now.halted() && last != null && last.halted() && last.eip() == now.eip();
        if (idle) {
          p.qmp().stop();
          if (p.hmp().registers().halted()) {
            return p;
          }
          p.qmp().cont();
        }
        if (System.nanoTime() > deadline) {
          throw new QemuException("the BIOS did not reach a halt within "
              + BIOS_TIMEOUT.toSeconds() + " s (last " + now + ")");
        }
        // after a stop that missed the halt, two more halted polls are needed
        last = idle ? null : now;
        QmpClient.sleep(100);
      }
    } catch (RuntimeException e) {
      p.close();
      throw e;
    }
  }
}
