package org.vmstate4j.dsl.qemu;

import static org.vmstate4j.dsl.VmsdDsl.field;
import static org.vmstate4j.dsl.VmsdDsl.vmsd;

import org.vmstate4j.engine.model.VmStateDescription;

/**
 * The architecture-independent part of a CPU, VMSD {@code "cpu_common"} version 1 (minimum
 * 1), one section per CPU (id string {@code "cpu_common"}, instance = CPU index); subsections
 * {@code "cpu_common/exception_index"} v1 and {@code "cpu_common/crash_occurred"} v1.
 */
public final class CpuCommon {
  public int halted;
  public int interruptRequest;
  /** -1 when no exception is pending; sent (with TCG) otherwise. */
  public int exceptionIndex = -1;
  public boolean crashOccurred;
  /** Not migrated: the exception index subsection is only sent with TCG. */
  public boolean tcg = true;

  static final VmStateDescription EXCEPTION_INDEX =
      vmsd("cpu_common/exception_index", CpuCommon.class)
          .version(1)
          .needed(c -> c.tcg && c.exceptionIndex != -1)
          .fields(field("exception_index").int32())
          .build();

  static final VmStateDescription CRASH_OCCURRED =
      vmsd("cpu_common/crash_occurred", CpuCommon.class)
          .version(1)
          .needed(c -> c.crashOccurred)
          .fields(field("crash_occurred").bool())
          .build();

  public static final VmStateDescription VMSD = vmsd("cpu_common", CpuCommon.class)
      .version(1)
      .fields(
          field("halted").uint32(),
          field("interrupt_request").uint32())
      .subsections(EXCEPTION_INDEX, CRASH_OCCURRED)
      .build();
}
