package org.vmstate4j.dsl.qemu;

import static org.vmstate4j.dsl.VmsdDsl.field;
import static org.vmstate4j.dsl.VmsdDsl.vmsd;

import org.jspecify.annotations.Nullable;
import org.vmstate4j.dsl.VersionPredicate;
import org.vmstate4j.engine.codec.ValueCodec;
import org.vmstate4j.engine.io.VmInput;
import org.vmstate4j.engine.io.VmOutput;
import org.vmstate4j.engine.model.VmStateDescription;

/**
 * The firmware configuration device (fw_cfg_io and fw_cfg_mem), VMSD {@code "fw_cfg"} version
 * 2 (minimum 1), id string {@code "fw_cfg"}; subsections {@code "fw_cfg/dma"} v0 (when DMA is
 * enabled) and {@code "fw_cfg/acpi_mr"} v1 (when the ACPI blob sizes are migrated).
 *
 * <p>{@code cur_offset} is declared twice, as QEMU does: a 16-bit field for version-1 streams
 * only (type {@code uint16_from_uint32}) and a 32-bit one from version 2. The JSON description
 * of a version-2 save therefore names the second one {@code cur_offset[1]}.
 */
public final class FwCfg {
  public int curEntry;
  /** uint32: the read offset within the current entry. */
  public int curOffset;
  public long dmaAddr;
  public long tableMrSize;
  public long linkerMrSize;
  public long rsdpMrSize;

  /** Not migrated: whether the DMA interface exists (subsection {@code fw_cfg/dma}). */
  public boolean dmaEnabled = true;
  /** Not migrated: whether the ACPI blob sizes are migrated (subsection {@code fw_cfg/acpi_mr}). */
  public boolean acpiMrRestore = true;

  /**
   * QEMU's {@code uint16_from_uint32} (VMSTATE_UINT16_HACK): the low 16 bits of a 32-bit member
   * as be16; a load zero-extends.
   */
  static final ValueCodec<Integer> UINT16_FROM_UINT32 = new ValueCodec<>() {
    @Override
    public String name() {
      return "uint16_from_uint32";
    }

    @Override
    public Class<Integer> valueType() {
      return Integer.class;
    }

    @Override
    public boolean accepts(Class<?> storage) {
      return storage == int.class || storage == Integer.class;
    }

    @Override
    public void save(VmOutput out, Integer value, int size) {
      out.writeShort(value & 0xffff);
    }

    @Override
    public Integer load(VmInput in, @Nullable Integer current, int size) {
      return in.readU16();
    }

    @Override
    public String toString() {
      return name();
    }
  };

  private static final VersionPredicate<FwCfg> IS_VERSION_1 = (s, version) -> version == 1;

  static final VmStateDescription DMA = vmsd("fw_cfg/dma", FwCfg.class)
      .version(0)
      .needed(s -> s.dmaEnabled)
      .fields(field("dma_addr").uint64())
      .build();

  static final VmStateDescription ACPI_MR = vmsd("fw_cfg/acpi_mr", FwCfg.class)
      .version(1)
      .needed(s -> s.acpiMrRestore)
      .fields(
          field("table_mr_size").uint64(),
          field("linker_mr_size").uint64(),
          field("rsdp_mr_size").uint64())
      .build();

  public static final VmStateDescription VMSD = vmsd("fw_cfg", FwCfg.class)
      .version(2)
      .minimumVersion(1)
      .fields(
          field("cur_entry").uint16(),
          field("cur_offset").codec(UINT16_FROM_UINT32).existsIf(IS_VERSION_1),
          field("cur_offset").uint32().since(2))
      .subsections(DMA, ACPI_MR)
      .build();
}
