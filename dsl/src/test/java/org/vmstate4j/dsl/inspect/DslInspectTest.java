package org.vmstate4j.dsl.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vmstate4j.dsl.VmsdDsl.field;
import static org.vmstate4j.dsl.VmsdDsl.vmsd;

import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vmstate4j.dsl.qemu.QemuDevices;
import org.vmstate4j.engine.inspect.Compat;
import org.vmstate4j.engine.inspect.CompatDescription;
import org.vmstate4j.engine.inspect.CompatReport;
import org.vmstate4j.engine.inspect.CompatReport.Direction;
import org.vmstate4j.engine.inspect.CompatReport.Severity;
import org.vmstate4j.engine.inspect.CompatReport.Verdict;
import org.vmstate4j.engine.inspect.DumpVmstate;
import org.vmstate4j.engine.inspect.Explain;
import org.vmstate4j.engine.inspect.Explanation;
import org.vmstate4j.engine.model.VmStateDescription;
import org.vmstate4j.engine.stream.MigrationStreams;
import org.vmstate4j.engine.stream.Registry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** explain and compat with descriptions built by the DSL, and the -dump-vmstate exporter. */
class DslInspectTest {
  /** QEMU 7.2 device type (the -dump-vmstate key) of each catalogued description. */
  private static final Map<String, String> TYPES = Map.of(
      "fw_cfg", "fw_cfg_io", "i8259", "isa-i8259", "i8254", "isa-pit", "pcspk", "isa-pcspk",
      "serial", "isa-serial", "PCIHost", "i440FX-pcihost", "mc146818rtc", "mc146818rtc",
      "port92", "port92");

  private static JsonNode qemuDump() throws Exception {
    try (InputStream in = DslInspectTest.class.getResourceAsStream(
        "/qemu-samples/vmstate-pc-i440fx-7.2.subset.json")) {
      return JsonMapper.builder().build().readTree(in);
    }
  }

  @Test
  void exportedCatalogMatchesQemusDump() throws Exception {
    Map<String, VmStateDescription> ours = new LinkedHashMap<>();
    TYPES.forEach((idstr, type) -> ours.put(type, QemuDevices.get(idstr).vmsd()));
    JsonNode exported = DumpVmstate.export("pc-i440fx-7.2", ours);
    Map<String, CompatDescription> mine = DumpVmstate.read(exported);
    Map<String, CompatDescription> qemu = DumpVmstate.read(qemuDump());
    List<CompatReport> reports = Compat.check(mine, qemu, null);
    assertThat(reports).hasSize(TYPES.size());
    for (CompatReport r : reports) {
      assertThat(r.compatible()).as(r.text()).isTrue();
    }
    // the DSL models (codecs and layouts known) against QEMU's dump (not known)
    for (Map.Entry<String, VmStateDescription> e : ours.entrySet()) {
      CompatReport r = Compat.check(CompatDescription.of(e.getValue()),
          qemu.get(e.getKey()));
      assertThat(r.oldToNew()).as(r.text()).isNotEqualTo(Verdict.INCOMPATIBLE);
      assertThat(r.newToOld()).as(r.text()).isNotEqualTo(Verdict.INCOMPATIBLE);
    }
    assertThat(DumpVmstate.toJson("pc-i440fx-7.2", ours))
        .contains("\"vmschkmachine\"").contains("\"Name\" : \"mc146818rtc\"");
  }

  // ------------------------------------------------------------------ nvme-lite with the DSL

  static final class Sq {
    short sqid;
    short cqid;
    int head;

    static final VmStateDescription VMSD = vmsd("nvme-lite-sq", Sq.class).version(1)
        .fields(field("sqid").uint16(), field("cqid").uint16(), field("head").uint32())
        .build();
  }

  static final class Ctrl {
    int numQueues;
    Sq[] sq;
    boolean aer;
    byte outstandingAers;

    Ctrl(int n) {
      numQueues = n;
      sq = new Sq[n];
    }
  }

  static VmStateDescription v1() {
    return vmsd("nvme-lite", Ctrl.class).version(1)
        .fields(field("num_queues").uint32Equal(),
            field("sq").varrayUint32("num_queues").ofPointers().autoAlloc(Sq.VMSD, Sq::new))
        .build();
  }

  static VmStateDescription v2() {
    VmStateDescription aer = vmsd("nvme-lite/aer", Ctrl.class).version(1)
        .needed(c -> c.aer).fields(field("outstanding_aers").uint8()).build();
    return vmsd("nvme-lite", Ctrl.class).version(1)
        .fields(field("num_queues").uint32Equal(),
            field("sq").varrayUint32("num_queues").ofPointers().autoAlloc(Sq.VMSD, Sq::new))
        .subsections(aer)
        .build();
  }

  @Test
  void newSubsectionOnDslDescriptions() {
    CompatReport r = Compat.check(v1(), v2());
    assertThat(r.oldToNew()).as(r.text()).isEqualTo(Verdict.COMPATIBLE);
    assertThat(r.newToOld()).as(r.text()).isEqualTo(Verdict.CONDITIONAL);
    assertThat(r.findings(Direction.NEW_TO_OLD)).anyMatch(f -> f.severity() == Severity.WARNING
        && f.path().equals("nvme-lite/aer"));
    assertThat(r.findings(Direction.OLD_TO_NEW)).anyMatch(f -> f.severity() == Severity.INFO
        && f.path().equals("nvme-lite/num_queues") && f.message().contains("uint32 equal"));
  }

  @Test
  void explainADslStreamInBothViews() {
    Ctrl src = new Ctrl(3);
    src.sq[1] = new Sq();
    src.sq[1].sqid = 1;
    src.sq[1].head = 7;
    src.aer = true;
    src.outstandingAers = 2;
    Registry r = new Registry();
    r.register("nvme-lite", 0, v2(), src);
    byte[] stream = MigrationStreams.toBytes(r);

    Registry dst = new Registry();
    dst.register("nvme-lite", 0, v2(), new Ctrl(3));
    Explanation d = Explain.of(dst, stream);
    Explanation s = Explain.fromStream(stream);
    assertThat(d.ok()).as(d.text()).isTrue();
    assertThat(d.stateItems()).isEqualTo(s.stateItems());
    assertThat(d.lines()).anyMatch(l -> l.matches("0x[0-9a-f]{4}  nvme-lite/sq\\[0] +ptr-marker"
        + " +30 +NULL"));
    assertThat(d.lines()).anyMatch(l -> l.matches("0x[0-9a-f]{4}  nvme-lite/sq\\[1]/head +uint32"
        + " +00000007 +7"));
    assertThat(d.lines()).anyMatch(l -> l.matches("0x[0-9a-f]{4}  nvme-lite/aer +subsection .*"
        + "'nvme-lite/aer' version 1"));
    assertThat(d.lines()).anyMatch(l -> l.matches(
        "0x[0-9a-f]{4}  nvme-lite/aer/outstanding_aers +uint8 +02 +2"));

    // the v1 destination does not know the subsection: the failure names it
    Registry old = new Registry();
    old.register("nvme-lite", 0, v1(), new Ctrl(3));
    Explanation o = Explain.of(old, stream);
    assertThat(o.failure().orElseThrow().message())
        .startsWith("VM subsection 'nvme-lite/aer' in 'nvme-lite' does not exist");
  }
}
