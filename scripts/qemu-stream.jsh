// qemu-stream: open a real QEMU 7.2 migration stream, list its sections, and load the RTC and
// the PIT into Java objects declared with the DSL (org.vmstate4j.dsl.qemu). Sections nobody
// declared here (RAM, CPU, PCI devices, ...) are skipped with the stream's own description.
//
//   ./vmstate run scripts/qemu-stream.jsh [FILE]

import java.nio.file.*;
import org.vmstate4j.dsl.qemu.*;
import org.vmstate4j.engine.analyze.*;
import org.vmstate4j.engine.stream.*;

Path file = args().isEmpty() ? here().resolveSibling("samples/qemu-samples/pc-min.mig") : Path.of(arg(0, ""));
System.out.println("stream: " + file + " (" + Files.size(file) + " bytes)");

// the sections, decoded generically from the JSON description the stream carries
AnalyzedStream stream = StreamAnalyzer.open(file);
for (StreamItem item : stream.items()) {
  if (item.kind() == ItemKind.EOF || item.kind() == ItemKind.CONFIGURATION) {
    System.out.printf("  @%-7d %s%n", item.headerOffset(), item.kind());
  } else {
    System.out.printf("  @%-7d %-5s id %-3d %-24s instance %d%s%n", item.headerOffset(), item.kind(),
        item.sectionId(), item.idstr(), Math.max(0, item.instanceId()),
        item.versionId() >= 0 ? " v" + item.versionId() : "");
  }
}

// the RTC and the PIT as Java objects
Mc146818Rtc rtc = new Mc146818Rtc();
Pit pit = new Pit();
Registry machine = new Registry("pc-i440fx-7.2");
machine.register("mc146818rtc", Mc146818Rtc.VMSD, rtc);
machine.register("i8254", Pit.VMSD, pit);
LoadResult result = MigrationStreams.load(machine, file, ReadOptions.DEFAULT.withSkipUnknown(true));
System.out.printf("loaded %d sections, skipped %d%n", result.loaded().size(), result.skipped().size());

if (result.loaded().size() != 2) throw new AssertionError("expected the rtc and the pit");
System.out.printf("rtc: base_rtc 0x%x, update_timer %s, next_alarm_time 0x%x, cmos[0x0a..0x0d] %02x %02x %02x %02x%n",
    rtc.baseRtc, rtc.updateTimer == -1 ? "not armed" : String.format("0x%x", rtc.updateTimer),
    rtc.nextAlarmTime, rtc.cmosData[0x0a], rtc.cmosData[0x0b], rtc.cmosData[0x0c], rtc.cmosData[0x0d]);
for (int i = 0; i < pit.channels.length; i++) {
  PitChannel c = pit.channels[i];
  System.out.printf("pit channel %d: count 0x%x, mode %d, gate %d, next_transition_time 0x%x%n",
      i, c.count, c.mode, c.gate, c.nextTransitionTime);
}
if (rtc.baseRtc != 0x6b0754deL) throw new AssertionError("rtc base_rtc");
if (pit.channels[0].count != 0x10000 || pit.channels[0].mode != 3) throw new AssertionError("pit channel 0");
