package org.vmstate4j.engine.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmstate4j.engine.inspect.CompatReport.Cause;
import org.vmstate4j.engine.inspect.CompatReport.Direction;
import org.vmstate4j.engine.inspect.CompatReport.Finding;
import org.vmstate4j.engine.inspect.CompatReport.Severity;
import org.vmstate4j.engine.inspect.CompatReport.Verdict;
import org.vmstate4j.engine.testing.Qemu;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * compat on dumps the installed QEMU makes ({@code -dump-vmstate}, generated here), and on copies
 * edited to reproduce each kind of finding of vmstate-static-checker.py's test pair. Each case
 * names the checker's line for the same change (QEMU's tests/functional/x86_64/
 * test_bad_vmstate.py) and asserts the same device, direction and cause, then what vmstate4j
 * adds.
 */
class CompatQemuTest {
  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  @TempDir static Path dir;
  static ObjectNode pc;

  @BeforeAll
  static void dumps() throws Exception {
    pc = (ObjectNode) MAPPER.readTree(Files.readString(Qemu.dumpVmstate("pc", dir)));
  }

  private static VmstateDump dump(ObjectNode root) {
    return DumpVmstate.parse(root);
  }

  /** The pc dump, and a copy edited by {@code edit}, compared for one device type. */
  private static CompatReport variant(String type, Consumer<ObjectNode> editOld,
      Consumer<ObjectNode> editNew) {
    ObjectNode older = pc.deepCopy();
    ObjectNode newer = pc.deepCopy();
    editOld.accept(older);
    editNew.accept(newer);
    DumpComparison c = Compat.check(dump(older), dump(newer), null);
    CompatReport r = c.device(type);
    assertThat(r).as(c.text(false)).isNotNull();
    System.out.println(r.text());
    // only the edited device type differs
    assertThat(c.devices()).filteredOn(d -> !d.compatible())
        .extracting(CompatReport::name).as(c.text(false)).isSubsetOf(type);
    return r;
  }

  private static CompatReport newer(String type, Consumer<ObjectNode> edit) {
    return variant(type, o -> { }, edit);
  }

  private static Finding has(CompatReport r, Direction d, Severity s, Cause c, String path) {
    return r.findings(d).stream()
        .filter(f -> f.severity() == s && f.cause() == c && f.path().endsWith(path))
        .findFirst().orElseThrow(() -> new AssertionError("no " + d.label() + " " + s + " "
            + c + " at ..." + path + " in\n" + r.text()));
  }

  private static List<Finding> errors(CompatReport r, Direction d) {
    return r.findings(d).stream().filter(f -> f.severity() == Severity.ERROR).toList();
  }

  private static ObjectNode desc(ObjectNode root, String type) {
    return (ObjectNode) root.get(type).get("Description");
  }

  /** The field named {@code name} of a description's "Fields" (the first of that name). */
  private static ObjectNode field(JsonNode description, String name) {
    for (JsonNode f : description.get("Fields").values()) {
      if (f.get("field").asString().equals(name)) {
        return (ObjectNode) f;
      }
    }
    throw new AssertionError("no field " + name + " in " + description.get("name"));
  }

  private static void removeField(JsonNode description, String name) {
    ArrayNode fs = (ArrayNode) description.get("Fields");
    for (int i = 0; i < fs.size(); i++) {
      if (fs.get(i).get("field").asString().equals(name)) {
        fs.remove(i);
        return;
      }
    }
    throw new AssertionError("no field " + name);
  }

  // ------------------------------------------------------------------ real dumps, machine types

  @Test
  void aDumpAgainstItselfIsCompatible() {
    DumpComparison c = Compat.check(dump(pc), dump(pc), null);
    assertThat(c.devices()).hasSizeGreaterThan(200).allMatch(CompatReport::compatible);
    assertThat(c.machine().findings()).isEmpty();
    assertThat(c.exitStatus()).isZero();
    assertThat(c.lines(false)).containsExactly(c.summary());
  }

  @Test
  void machineTypesAsQemusLoadComparesThem() throws Exception {
    VmstateDump p72 = dump(pc);
    VmstateDump p212 = DumpVmstate.load(Qemu.dumpVmstate("pc-i440fx-2.12", dir));
    VmstateDump p23 = DumpVmstate.load(Qemu.dumpVmstate("pc-i440fx-2.3", dir));
    VmstateDump q35 = DumpVmstate.load(Qemu.dumpVmstate("q35", dir));
    assertThat(p72.machine()).isEqualTo("pc-i440fx-7.2");
    assertThat(q35.machine()).isEqualTo("pc-q35-7.2");

    // checker: 'Warning: checking incompatible machine types: "pc-i440fx-2.12", ...'
    DumpComparison c = Compat.check(p212, p72, null);
    System.out.print(c.text(false));
    assertThat(c.devices()).allMatch(CompatReport::compatible); // one binary: same devices
    assertThat(c.exitStatus()).isEqualTo(2);
    assertThat(has(c.machine(), Direction.OLD_TO_NEW, Severity.ERROR, Cause.MACHINE_TYPE,
        "machine type").message()).contains(
        "\"Machine type received is 'pc-i440fx-2.12' and local is 'pc-i440fx-7.2'\"");
    assertThat(has(c.machine(), Direction.NEW_TO_OLD, Severity.ERROR, Cause.MACHINE_TYPE,
        "machine type").message()).contains(
        "\"Machine type received is 'pc-i440fx-7.2' and local is 'pc-i440fx-2.12'\"");
    assertThat(c.lines(false).get(0)).isEqualTo(
        "machine type: old->new INCOMPATIBLE, new->old INCOMPATIBLE");

    DumpComparison q = Compat.check(q35, p72, null);
    assertThat(q.machine().oldToNew()).isEqualTo(Verdict.INCOMPATIBLE);

    // 2.3 and older send no configuration section
    DumpComparison old = Compat.check(p23, p72, null);
    assertThat(has(old.machine(), Direction.OLD_TO_NEW, Severity.ERROR, Cause.MACHINE_TYPE,
        "machine type").message()).contains("\"Configuration section missing\"");
    assertThat(has(old.machine(), Direction.NEW_TO_OLD, Severity.ERROR, Cause.MACHINE_TYPE,
        "machine type").message()).contains("\"Unknown savevm section type 7\"");

    // the checker's pair: neither side sends the section, so QEMU does not compare the types
    ObjectNode a = pc.deepCopy();
    a.putObject(DumpVmstate.MACHINE_KEY).put("Name", "pc-i440fx-2.1");
    ObjectNode b = pc.deepCopy();
    b.putObject(DumpVmstate.MACHINE_KEY).put("Name", "pc-i440fx-2.2");
    DumpComparison w = Compat.check(dump(a), dump(b), null);
    assertThat(w.machine().oldToNew()).isEqualTo(Verdict.CONDITIONAL);
    assertThat(w.machine().newToOld()).isEqualTo(Verdict.CONDITIONAL);
    assertThat(w.exitStatus()).isEqualTo(2);
  }

  /** The machine-type verdicts against what QEMU itself does with a stream. */
  @Test
  void qemuLoadsAgree() throws Exception {
    String[][] pairs = {
        {"pc-i440fx-2.12", "pc-i440fx-7.2"}, {"pc-i440fx-2.3", "pc-i440fx-7.2"},
        {"pc-i440fx-7.2", "pc-i440fx-2.3"}, {"pc-i440fx-7.2", "pc-i440fx-7.2"}};
    for (String[] p : pairs) {
      Path stream = dir.resolve(p[0] + ".mig");
      if (!Files.exists(stream)) {
        Qemu.save(p[0], stream);
      }
      Qemu.Result r = Qemu.load(p[1], stream);
      ObjectNode a = pc.deepCopy();
      a.putObject(DumpVmstate.MACHINE_KEY).put("Name", p[0]);
      ObjectNode b = pc.deepCopy();
      b.putObject(DumpVmstate.MACHINE_KEY).put("Name", p[1]);
      CompatReport m = Compat.check(dump(a), dump(b), null).machine();
      if (p[0].equals(p[1])) {
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.status()).contains("VM status: paused");
        assertThat(m.compatible()).isTrue();
        continue;
      }
      assertThat(r.exitCode()).as("%s -> %s", p[0], p[1]).isNotZero();
      Finding f = has(m, Direction.OLD_TO_NEW, Severity.ERROR, Cause.MACHINE_TYPE,
          "machine type");
      String quoted = f.message().replaceAll("^[^\"]*\"([^\"]*)\".*$", "$1");
      assertThat(r.stderr()).as("%s -> %s", p[0], p[1]).contains(quoted);
    }
  }

  // ------------------------------------------------------------------ the checker's kinds

  @Test
  void missingSection() {
    // checker: Section "fw_cfg" does not exist in dest
    CompatReport r = newer("fw_cfg_io", n -> n.remove("fw_cfg_io"));
    assertThat(r.newToOld()).isEqualTo(Verdict.COMPATIBLE);
    assertThat(has(r, Direction.OLD_TO_NEW, Severity.ERROR, Cause.SECTION_MISSING,
        "fw_cfg_io").message()).contains("does not exist in the new version")
        .contains("Unknown savevm section or instance 'fw_cfg' 0");

    // a renamed device type: both sides miss one, and the other type's description is named
    ObjectNode older = pc.deepCopy();
    ObjectNode newer = pc.deepCopy();
    newer.set("fw_cfg_io2", newer.remove("fw_cfg_io"));
    DumpComparison c = Compat.check(dump(older), dump(newer), "fw_cfg_io");
    CompatReport gone = c.device("fw_cfg_io");
    CompatReport added = c.device("fw_cfg_io2");
    has(gone, Direction.OLD_TO_NEW, Severity.ERROR, Cause.SECTION_MISSING, "fw_cfg_io");
    assertThat(has(gone, Direction.OLD_TO_NEW, Severity.INFO, Cause.SECTION_MISSING,
        "fw_cfg_io").message()).contains("device type 'fw_cfg_io2' with a description of the"
        + " same name 'fw_cfg'");
    has(added, Direction.NEW_TO_OLD, Severity.ERROR, Cause.SECTION_MISSING, "fw_cfg_io2");
  }

  @Test
  void sectionVersion() {
    // checker: Section "fusbh200-ehci-usb" version error: 2 > 1 (section-level versions)
    CompatReport r = newer("usb-ehci", n -> ((ObjectNode) n.get("usb-ehci"))
        .put("version_id", 1));
    assertThat(has(r, Direction.OLD_TO_NEW, Severity.ERROR, Cause.SECTION_VERSION, "usb-ehci")
        .message()).contains("\"savevm: unsupported version 2 for 'ehci' v1\"");
    // vmstate4j: the new file contradicts itself (QEMU registers the description's versions)
    assertThat(r.findings(Cause.SECTION_VERSION_MISMATCH)).singleElement()
        .satisfies(f -> assertThat(f.message()).contains("in the new file the section is"
            + " version 1 (minimum 1) but its description 'ehci' is version 2"));
    assertThat(r.newToOld()).isEqualTo(Verdict.COMPATIBLE);
  }

  @Test
  void minimumVersionAndMissingSubsections() {
    // checker: Section "PIIX3-xen" Description "PIIX3": minimum version error: 1 < 2
    //          Section "PIIX3-xen" Description "PIIX3": Entry "Subsections" missing
    CompatReport r = variant("PIIX3", o -> desc(o, "PIIX3").put("version_id", 1),
        n -> desc(n, "PIIX3").remove("Subsections"));
    has(r, Direction.OLD_TO_NEW, Severity.ERROR, Cause.VERSION_TOO_OLD, "PIIX3");
    assertThat(has(r, Direction.OLD_TO_NEW, Severity.ERROR, Cause.SUBSECTION_MISSING,
        "PIIX3/rcr").message()).contains("subsection 'PIIX3/rcr' is unknown to the destination")
        .contains("has no subsections");
    // reverse, checker: Section "PIIX3-xen" Description "PIIX3": version error: 3 > 1
    has(r, Direction.NEW_TO_OLD, Severity.ERROR, Cause.VERSION_TOO_NEW, "PIIX3");
    // vmstate4j: what else a v1 destination cannot read
    assertThat(has(r, Direction.NEW_TO_OLD, Severity.ERROR, Cause.FIELD_NOT_READ,
        "PIIX3/pci_irq_levels_vmstate").message())
        .contains("a field since version 3, on the wire at version 3");
  }

  @Test
  void fieldRemovedAndRenamed() {
    // checker: Section "fusbh200-ehci-usb", Description "ehci-core": expected field "usbsts",
    //          got "usbsts_pending"; skipping rest
    CompatReport r = newer("usb-ehci",
        n -> removeField(field(desc(n, "usb-ehci"), "ehci").get("Description"), "usbsts"));
    assertThat(has(r, Direction.OLD_TO_NEW, Severity.ERROR, Cause.FIELD_NOT_READ,
        "ehci/usbsts").message()).contains("the bytes of 'usbsts' are read as 'usbsts_pending'");
    // reverse, checker: expected field "usbsts_pending", got "usbsts"
    has(r, Direction.NEW_TO_OLD, Severity.ERROR, Cause.FIELD_NOT_SENT, "ehci/usbsts");

    // a rename with the same size: names are not on the wire (the checker reports an error)
    CompatReport s = newer("usb-ehci", n -> field(field(desc(n, "usb-ehci"), "ehci")
        .get("Description"), "usbsts").put("field", "usb_status"));
    assertThat(s.oldToNew()).isEqualTo(Verdict.CONDITIONAL);
    assertThat(s.newToOld()).isEqualTo(Verdict.CONDITIONAL);
    assertThat(has(s, Direction.OLD_TO_NEW, Severity.WARNING, Cause.FIELD_RENAMED,
        "ehci/usb_status").message()).contains("names are not on the wire");
  }

  @Test
  void fieldSize() {
    // checker: Section "usb-kbd" Description "usb-kbd" Field "kbd.keycodes" size mismatch: 4 , 2
    CompatReport r = newer("usb-kbd", n -> field(field(desc(n, "usb-kbd"), "hid")
        .get("Description"), "kbd.keycodes").put("size", 2));
    assertThat(has(r, Direction.OLD_TO_NEW, Severity.ERROR, Cause.SIZE, "hid/kbd.keycodes")
        .message()).startsWith("size 4 vs 2");
    // vmstate4j: both directions in one run
    has(r, Direction.NEW_TO_OLD, Severity.ERROR, Cause.SIZE, "hid/kbd.keycodes");
    assertThat(errors(r, Direction.OLD_TO_NEW)).hasSize(1);
  }

  @Test
  void substructWrapping() {
    // OLD has the HID keyboard fields directly in usb-kbd, as before QEMU grouped them in 'hid'
    Consumer<ObjectNode> unwrap = o -> {
      ArrayNode fs = (ArrayNode) desc(o, "usb-kbd").get("Fields");
      JsonNode hid = fs.remove(1);
      for (JsonNode f : hid.get("Description").get("Fields").values()) {
        fs.add(f);
      }
    };
    CompatReport r = variant("usb-kbd", unwrap, n -> { });
    assertThat(r.compatible()).as(r.text()).isTrue();
    assertThat(has(r, Direction.OLD_TO_NEW, Severity.INFO, Cause.STRUCT_WRAPPING, "usb-kbd/hid")
        .message()).contains("a nested struct adds no bytes");
    has(r, Direction.NEW_TO_OLD, Severity.INFO, Cause.STRUCT_WRAPPING, "usb-kbd/hid");

    // the checker's usb-kbd case: wrapped and a size changed; the size is the one cause
    CompatReport s = variant("usb-kbd", unwrap.andThen(o -> field(desc(o, "usb-kbd"),
        "kbd.keycodes").put("size", 2)), n -> { });
    assertThat(errors(s, Direction.OLD_TO_NEW)).singleElement().satisfies(f -> {
      assertThat(f.cause()).isEqualTo(Cause.SIZE);
      assertThat(f.path()).isEqualTo("usb-kbd/hid/kbd.keycodes");
      assertThat(f.message()).startsWith("size 2 vs 4");
    });
    assertThat(errors(s, Direction.NEW_TO_OLD)).singleElement()
        .satisfies(f -> assertThat(f.cause()).isEqualTo(Cause.SIZE));
  }

  @Test
  void fieldsMissing() {
    // checker: Section "pci-serial-4x" Description "pci-serial-multi": Entry "Fields" missing
    CompatReport r = newer("pci-serial-4x", n -> desc(n, "pci-serial-4x").remove("Fields"));
    assertThat(has(r, Direction.OLD_TO_NEW, Severity.ERROR, Cause.FIELD_NOT_READ,
        "pci-serial-multi/dev/version_id").message())
        .contains("the destination's 'pci-serial-multi' has no fields at all");
    // vmstate4j: the old destination reads fields the new source never sends
    assertThat(has(r, Direction.NEW_TO_OLD, Severity.ERROR, Cause.FIELD_NOT_SENT,
        "pci-serial-multi/dev/version_id").message())
        .contains("which the source does not send (the source's 'pci-serial-multi' has no"
            + " fields)");
  }

  @Test
  void nestedDescriptionMissing() {
    // checker: Section "intel-hda-generic", Description "intel-hda", Field "pci": missing
    //          description
    CompatReport r = newer("intel-hda", n -> field(desc(n, "intel-hda"), "pci")
        .remove("Description"));
    assertThat(has(r, Direction.OLD_TO_NEW, Severity.ERROR, Cause.NESTED_DESCRIPTION_MISSING,
        "intel-hda/pci").message()).contains("only the source has a nested description for"
        + " 'pci' ('PCIDevice')");
    // vmstate4j: the reverse is as broken (the checker compares only the sizes there)
    has(r, Direction.NEW_TO_OLD, Severity.ERROR, Cause.NESTED_DESCRIPTION_MISSING,
        "intel-hda/pci");
  }

  @Test
  void descriptionMissing() {
    // checker: Section "cfi.pflash01": Entry "Description" missing
    CompatReport r = newer("cfi.pflash01", n -> ((ObjectNode) n.get("cfi.pflash01"))
        .remove("Description"));
    String m = has(r, Direction.OLD_TO_NEW, Severity.ERROR, Cause.DESCRIPTION_MISSING,
        "cfi.pflash01").message();
    assertThat(m).contains("lists device type 'cfi.pflash01' (section version 1) without its"
        + " \"Description\"").doesNotContain("does not exist");
    assertThat(has(r, Direction.NEW_TO_OLD, Severity.WARNING, Cause.DESCRIPTION_MISSING,
        "cfi.pflash01").message()).contains("what the new version sends for it is unknown");
  }

  @Test
  void nestedFieldsMissing() {
    // checker: Section "megasas", Description "PCIDevice": expected field "irq_state", while
    //          dest has no further fields
    CompatReport r = newer("megasas", n -> removeField(field(desc(n, "megasas"), "parent_obj")
        .get("Description"), "irq_state"));
    assertThat(has(r, Direction.OLD_TO_NEW, Severity.ERROR, Cause.FIELD_NOT_READ,
        "megasas/parent_obj/irq_state").message()).contains("the source sends 'irq_state'");
    // vmstate4j: the old destination reads irq_state, which the new source never sends
    assertThat(has(r, Direction.NEW_TO_OLD, Severity.ERROR, Cause.FIELD_NOT_SENT,
        "megasas/parent_obj/irq_state").message()).contains("which the source does not send");
  }

  @Test
  void descriptionRenamed() {
    // checker: Section "tpci200": Description "tpci200" missing, got "tpci2002" instead;
    //          skipping
    CompatReport r = newer("tpci200", n -> desc(n, "tpci200").put("name", "tpci2002"));
    assertThat(has(r, Direction.OLD_TO_NEW, Severity.ERROR, Cause.DESCRIPTION_RENAMED,
        "tpci2002").message()).contains("section's id string from the device's path and the"
        + " description's name").contains("Unknown savevm section or instance 'tpci200'");
    has(r, Direction.NEW_TO_OLD, Severity.ERROR, Cause.DESCRIPTION_RENAMED, "tpci200");
  }

  @Test
  void versionAndNestedSubsection() {
    // checker: Section "sun-fdtwo" Description "fdc": version error: 2 > 1
    //          Section "sun-fdtwo", Description "fdrive": Subsection "fdrive/media_rate" not
    //          found
    CompatReport r = newer("isa-fdc", n -> {
      desc(n, "isa-fdc").put("version_id", 1);
      JsonNode fdrive = field(field(desc(n, "isa-fdc"), "state").get("Description"), "drives")
          .get("Description");
      ArrayNode subs = (ArrayNode) fdrive.get("Subsections");
      for (int i = 0; i < subs.size(); i++) {
        if (subs.get(i).get("name").asString().equals("fdrive/media_rate")) {
          subs.remove(i);
        }
      }
    });
    has(r, Direction.OLD_TO_NEW, Severity.ERROR, Cause.VERSION_TOO_NEW, "fdc");
    has(r, Direction.OLD_TO_NEW, Severity.ERROR, Cause.SUBSECTION_MISSING,
        "fdc/state/drives/media_rate");
    // reverse, checker: Section "sun-fdtwo" Description "fdc": minimum version error: 1 < 2
    has(r, Direction.NEW_TO_OLD, Severity.ERROR, Cause.VERSION_TOO_OLD, "fdc");
    // errors first in the text
    List<String> lines = r.lines();
    assertThat(lines.get(1)).contains("ERROR");
    assertThat(lines.get(lines.size() - 1)).doesNotContain("ERROR");
  }
}
