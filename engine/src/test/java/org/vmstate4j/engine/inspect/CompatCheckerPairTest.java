package org.vmstate4j.engine.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vmstate4j.engine.inspect.CompatReport.Cause;
import org.vmstate4j.engine.inspect.CompatReport.Direction;
import org.vmstate4j.engine.inspect.CompatReport.Finding;
import org.vmstate4j.engine.inspect.CompatReport.Severity;

/**
 * compat on vmstate-static-checker.py's own test pair (src/test/resources/inspect/README.md):
 * every finding of the checker, in both directions, is reported for the same device type and
 * direction with the same cause, and every other error vmstate4j reports is one the checker
 * misses, with its reason.
 */
class CompatCheckerPairTest {
  /**
   * The checker's output for {@code -s dump1.json -d dump2.json} (exit status 13), from QEMU's
   * tests/functional/x86_64/test_bad_vmstate.py.
   */
  static final String FORWARD = """
      Warning: checking incompatible machine types: "pc-i440fx-2.1", "pc-i440fx-2.2"
      Section "fw_cfg" does not exist in dest
      Section "fusbh200-ehci-usb" version error: 2 > 1
      Section "fusbh200-ehci-usb", Description "ehci-core": expected field "usbsts", got \
      "usbsts_pending"; skipping rest
      Section "pci-serial-4x" Description "pci-serial-multi": Entry "Fields" missing
      Section "intel-hda-generic", Description "intel-hda", Field "pci": missing description
      Section "cfi.pflash01": Entry "Description" missing
      Section "megasas", Description "PCIDevice": expected field "irq_state", while dest has \
      no further fields
      Section "PIIX3-xen" Description "PIIX3": minimum version error: 1 < 2
      Section "PIIX3-xen" Description "PIIX3": Entry "Subsections" missing
      Section "tpci200": Description "tpci200" missing, got "tpci2002" instead; skipping
      Section "sun-fdtwo" Description "fdc": version error: 2 > 1
      Section "sun-fdtwo", Description "fdrive": Subsection "fdrive/media_rate" not found
      Section "usb-kbd" Description "usb-kbd" Field "kbd.keycodes" size mismatch: 4 , 2
      """;

  /**
   * The checker's findings for {@code --reverse} (dump2 as the source), as its rules give them
   * on this pair: six errors and the machine warning.
   */
  static final String REVERSE = """
      Warning: checking incompatible machine types: "pc-i440fx-2.2", "pc-i440fx-2.1"
      Section "fw_cfg2" does not exist in dest
      Section "fusbh200-ehci-usb", Description "ehci-core": expected field "usbsts_pending", \
      got "usbsts"; skipping rest
      Section "PIIX3-xen" Description "PIIX3": version error: 3 > 1
      Section "tpci200": Description "tpci2002" missing, got "tpci200" instead; skipping
      Section "sun-fdtwo" Description "fdc": minimum version error: 1 < 2
      Section "usb-kbd" Description "usb-kbd" Field "kbd.keycodes" size mismatch: 2 , 4
      """;

  /** One checker line and the vmstate4j finding that must match it. */
  record Expect(String device, Severity severity, Set<Cause> causes, String pathEnd,
      String needle) {}

  static final List<Expect> FORWARD_MATCH = List.of(
      new Expect("machine type", Severity.WARNING, Set.of(Cause.MACHINE_TYPE), "machine type",
          "'pc-i440fx-2.1' and 'pc-i440fx-2.2' differ"),
      new Expect("fw_cfg", Severity.ERROR, Set.of(Cause.SECTION_MISSING), "fw_cfg",
          "does not exist in the new version"),
      new Expect("fusbh200-ehci-usb", Severity.ERROR,
          Set.of(Cause.SECTION_VERSION, Cause.VERSION_TOO_NEW), "fusbh200-ehci-usb",
          "version 2"),
      new Expect("fusbh200-ehci-usb", Severity.ERROR,
          Set.of(Cause.FIELD_NOT_READ, Cause.FIELD_NOT_SENT, Cause.FIELD_ORDER), "ehci/usbsts",
          "usbsts_pending"),
      new Expect("pci-serial-4x", Severity.ERROR, Set.of(Cause.FIELD_NOT_READ),
          "pci-serial-multi/dev/version_id", "'pci-serial-multi' has no fields at all"),
      new Expect("intel-hda-generic", Severity.ERROR, Set.of(Cause.NESTED_DESCRIPTION_MISSING),
          "intel-hda/pci", "only the source has a nested description"),
      new Expect("cfi.pflash01", Severity.ERROR, Set.of(Cause.DESCRIPTION_MISSING),
          "cfi.pflash01", "without its \"Description\""),
      new Expect("megasas", Severity.ERROR, Set.of(Cause.FIELD_NOT_READ),
          "megasas/parent_obj/irq_state", "the source sends 'irq_state'"),
      new Expect("PIIX3-xen", Severity.ERROR, Set.of(Cause.VERSION_TOO_OLD), "PIIX3",
          "incoming version 1 is too old for the destination's minimum version 2"),
      new Expect("PIIX3-xen", Severity.ERROR, Set.of(Cause.SUBSECTION_MISSING), "PIIX3/rcr",
          "subsection 'PIIX3/rcr' is unknown to the destination"),
      new Expect("tpci200", Severity.ERROR, Set.of(Cause.DESCRIPTION_RENAMED), "tpci2002",
          "named 'tpci200' at the source and 'tpci2002' at the destination"),
      new Expect("sun-fdtwo", Severity.ERROR, Set.of(Cause.VERSION_TOO_NEW), "fdc",
          "incoming version 2 is too new for the destination's version 1"),
      new Expect("sun-fdtwo", Severity.ERROR, Set.of(Cause.SUBSECTION_MISSING),
          "fdc/state/drives/media_rate", "subsection 'fdrive/media_rate' is unknown"),
      new Expect("usb-kbd", Severity.ERROR, Set.of(Cause.SIZE), "usb-kbd/hid/kbd.keycodes",
          "size 4 vs 2"));

  static final List<Expect> REVERSE_MATCH = List.of(
      new Expect("machine type", Severity.WARNING, Set.of(Cause.MACHINE_TYPE), "machine type",
          "'pc-i440fx-2.2' and 'pc-i440fx-2.1' differ"),
      new Expect("fw_cfg2", Severity.ERROR, Set.of(Cause.SECTION_MISSING), "fw_cfg2",
          "does not exist in the old version"),
      new Expect("fusbh200-ehci-usb", Severity.ERROR,
          Set.of(Cause.FIELD_NOT_READ, Cause.FIELD_NOT_SENT, Cause.FIELD_ORDER), "ehci/usbsts",
          "usbsts_pending"),
      new Expect("PIIX3-xen", Severity.ERROR, Set.of(Cause.VERSION_TOO_NEW), "PIIX3",
          "incoming version 3 is too new for the destination's version 1"),
      new Expect("tpci200", Severity.ERROR, Set.of(Cause.DESCRIPTION_RENAMED), "tpci200",
          "named 'tpci2002' at the source and 'tpci200' at the destination"),
      new Expect("sun-fdtwo", Severity.ERROR, Set.of(Cause.VERSION_TOO_OLD), "fdc",
          "incoming version 1 is too old for the destination's minimum version 2"),
      new Expect("usb-kbd", Severity.ERROR, Set.of(Cause.SIZE), "usb-kbd/kbd.keycodes",
          "size 2 vs 4"));

  /** Errors vmstate4j reports and the checker does not: device, path, a word of the reason. */
  static final List<Expect> REVERSE_EXTRA = List.of(
      new Expect("pci-serial-4x", Severity.ERROR, Set.of(Cause.FIELD_NOT_SENT),
          "pci-serial-multi/dev/version_id", "which the source does not send"),
      new Expect("intel-hda-generic", Severity.ERROR, Set.of(Cause.NESTED_DESCRIPTION_MISSING),
          "intel-hda/pci", "only the destination has a nested description"),
      new Expect("megasas", Severity.ERROR, Set.of(Cause.FIELD_NOT_SENT),
          "megasas/parent_obj/irq_state", "which the source does not send"),
      new Expect("PIIX3-xen", Severity.ERROR, Set.of(Cause.FIELD_NOT_READ),
          "PIIX3/pci_irq_levels_vmstate", "a field since version 3"));

  static DumpComparison pair;

  @BeforeAll
  static void compare() throws Exception {
    pair = Compat.check(DumpVmstate.load(resource("dump1.json")),
        DumpVmstate.load(resource("dump2.json")), null);
    System.out.print(pair.text(true));
  }

  static Path resource(String name) throws Exception {
    return Path.of(CompatCheckerPairTest.class.getResource("/inspect/static-checker/" + name)
        .toURI());
  }

  private static CompatReport report(String device) {
    if (device.equals("machine type")) {
      return pair.machine();
    }
    CompatReport r = pair.device(device);
    assertThat(r).as(device).isNotNull();
    return r;
  }

  private static Finding match(Expect e, Direction d) {
    CompatReport r = report(e.device());
    return r.findings(d).stream()
        .filter(f -> f.severity() == e.severity() && e.causes().contains(f.cause())
            && f.path().endsWith(e.pathEnd()) && f.message().contains(e.needle()))
        .findFirst().orElseThrow(() -> new AssertionError("no match for " + e + " in\n"
            + r.text()));
  }

  @Test
  void everyFindingOfTheCheckerIsReported() {
    List<String> fwd = FORWARD.lines().toList();
    List<String> rev = REVERSE.lines().toList();
    assertThat(fwd).hasSize(FORWARD_MATCH.size());
    assertThat(rev).hasSize(REVERSE_MATCH.size());
    // 13 + 6 errors, plus the machine warning each way
    assertThat(fwd.stream().filter(l -> !l.startsWith("Warning")).count()
        + rev.stream().filter(l -> !l.startsWith("Warning")).count()).isEqualTo(19);
    for (int i = 0; i < fwd.size(); i++) {
      Expect e = FORWARD_MATCH.get(i);
      assertThat(fwd.get(i)).as("checker line for %s", e).contains(
          e.device().equals("machine type") ? "machine types" : "\"" + e.device() + "\"");
      match(e, Direction.OLD_TO_NEW);
    }
    for (int i = 0; i < rev.size(); i++) {
      Expect e = REVERSE_MATCH.get(i);
      assertThat(rev.get(i)).as("checker line for %s", e).contains(
          e.device().equals("machine type") ? "machine types" : "\"" + e.device() + "\"");
      match(e, Direction.NEW_TO_OLD);
    }
  }

  @Test
  void theOtherErrorsAreWhatTheCheckerMisses() {
    for (Expect e : REVERSE_EXTRA) {
      match(e, Direction.NEW_TO_OLD);
    }
    List<Finding> errors = new ArrayList<>();
    pair.devices().forEach(r -> errors.addAll(r.findings().stream()
        .filter(f -> f.severity() == Severity.ERROR).toList()));
    List<Finding> explained = new ArrayList<>();
    FORWARD_MATCH.stream().filter(e -> e.severity() == Severity.ERROR)
        .forEach(e -> explained.add(match(e, Direction.OLD_TO_NEW)));
    REVERSE_MATCH.stream().filter(e -> e.severity() == Severity.ERROR)
        .forEach(e -> explained.add(match(e, Direction.NEW_TO_OLD)));
    REVERSE_EXTRA.forEach(e -> explained.add(match(e, Direction.NEW_TO_OLD)));
    assertThat(errors).containsExactlyInAnyOrderElementsOf(explained);
    // forward, one error per checker error: the checker's exit status is 13
    assertThat(errors.stream().filter(f -> f.direction() == Direction.OLD_TO_NEW)).hasSize(13);
  }

  @Test
  void whatVmstate4jAddsBesideErrors() {
    // the usb-kbd fields moved into struct 'hid': compared on the wire, only the size differs
    assertThat(report("usb-kbd").findings(Cause.STRUCT_WRAPPING)).hasSize(2);
    // the renamed device type is pointed at
    assertThat(report("fw_cfg").findings(Direction.OLD_TO_NEW))
        .anyMatch(f -> f.severity() == Severity.INFO
            && f.message().contains("device type 'fw_cfg2' with a description of the same name"));
    // dumps that contradict themselves (section vs description versions) are named
    assertThat(pair.devices().stream().flatMap(r -> r.findings(Cause.SECTION_VERSION_MISMATCH)
        .stream()).map(Finding::path)).containsExactlyInAnyOrder("fusbh200-ehci-usb",
        "PIIX3-xen", "sun-fdtwo");
    // cfi.pflash01 exists in dump2 without its description: not called missing
    assertThat(report("cfi.pflash01").findings()).noneMatch(
        f -> f.message().contains("does not exist"));
    assertThat(pair.exitStatus()).isEqualTo(2);
  }
}
