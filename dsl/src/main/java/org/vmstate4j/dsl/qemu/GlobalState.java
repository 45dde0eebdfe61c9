package org.vmstate4j.dsl.qemu;

import static org.vmstate4j.dsl.VmsdDsl.field;
import static org.vmstate4j.dsl.VmsdDsl.vmsd;

import java.nio.charset.StandardCharsets;
import org.vmstate4j.engine.model.VmStateDescription;

/**
 * The run state of the source VM, VMSD {@code "globalstate"} version 1 (minimum 1), id string
 * {@code "globalstate"}: the NUL-terminated run state name in a 100-byte buffer and its length
 * including the NUL.
 *
 * <p>Before a save, {@code size} is recomputed from {@code runstate}; a load whose run state
 * has no terminating NUL fails.
 */
public final class GlobalState {
  public static final int RUNSTATE_SIZE = 100;

  public int size;
  public byte[] runstate = new byte[RUNSTATE_SIZE];

  /** The run state name, e.g. {@code "prelaunch"} or {@code "running"}. */
  public String runstateName() {
    return new String(runstate, 0, nameLength(), StandardCharsets.US_ASCII);
  }

  /** Sets the run state name (at most 99 ASCII characters). */
  public GlobalState runstateName(String name) {
    byte[] b = name.getBytes(StandardCharsets.US_ASCII);
    if (b.length >= RUNSTATE_SIZE) {
      throw new IllegalArgumentException("run state name too long: " + name);
    }
    runstate = new byte[RUNSTATE_SIZE];
    System.arraycopy(b, 0, runstate, 0, b.length);
    size = b.length + 1;
    return this;
  }

  private int nameLength() {
    int n = 0;
    while (n < runstate.length && runstate[n] != 0) {
      n++;
    }
    return n;
  }

  private void computeSize() {
    size = nameLength() + 1;
  }

  public static final VmStateDescription VMSD = vmsd("globalstate", GlobalState.class)
      .version(1)
      .preSave(GlobalState::computeSize)
      .postLoad((g, version) -> {
        if (g.nameLength() == g.runstate.length) {
          throw new IllegalStateException("invalid run state: no NUL in "
              + g.runstate.length + " bytes");
        }
      })
      .fields(
          field("size").uint32(),
          field("runstate").buffer(RUNSTATE_SIZE))
      .build();
}
