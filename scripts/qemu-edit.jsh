// qemu-edit: the whole experiment with a local QEMU. A guest runs its BIOS and is migrated to a
// file; vmstate4j changes two device registers in that stream (COM1's scratch register and CMOS
// byte 0x0e) and leaves every other byte alone; a second QEMU, started with the same machine
// arguments, loads the original and then the edited stream, and HMP shows what it got.
//
//   ./vmstate run scripts/qemu-edit.jsh [OUTPUT-DIRECTORY]
//
// Needs qemu-system-x86_64 (Debian/Ubuntu: apt-get install qemu-system-x86).

import java.time.Duration;
import java.util.Map;
import org.vmstate4j.engine.edit.*;
import org.vmstate4j.qemu.*;

if (!QemuBinary.installed()) {
  System.out.println("This script drives a local QEMU, and there is none.");
  System.out.println(QemuBinary.MISSING);
  throw new IllegalStateException(QemuBinary.MISSING);
}

Machine pc = Machine.pc().withSerial();
Duration wait = Duration.ofSeconds(60);
Path dir = args().isEmpty() ? Files.createTempDirectory("qemu-edit-") : Path.of(arg(0, ""));
Files.createDirectories(dir);
Path original = dir.resolve("bios.mig");
Path edited = dir.resolve("edited.mig");

// 1. the source: SeaBIOS runs until it finds nothing to boot and halts; then the stream
try (QemuProcess source = Guests.afterBios(pc)) {
  System.out.println("source: " + String.join(" ", pc.args()) + " (pid " + source.pid() + ")");
  MigrationStatus s = source.migrateToFile(original, wait);
  System.out.printf("migrated to %s: %s%n", original, s);
}

// 2. the edit, by the paths `./vmstate analyze` shows; RAM and the rest pass through
StreamEdit edit = StreamEdit.of(original)
    .set(Assignment.parse("serial/state/scr=0x5a"))
    .set(Assignment.parse("mc146818rtc/cmos_data[14]=0xa5"));
for (FieldEdit e : edit.edits()) {
  System.out.println("edit: " + e);
}
long written = edit.writeTo(edited);
System.out.printf("wrote %s (%d bytes, the same length as the original)%n", edited, written);

// 3. a destination per stream, started with the source's machine arguments and -incoming
String show(Path stream) {
  try (QemuProcess dst = QemuProcess.loadFile(pc, stream, Map.of(), wait)) {
    MigrationStatus s = dst.lastIncoming();
    if (!s.completed()) {
      throw new IllegalStateException("QEMU did not load " + stream + ": " + s);
    }
    Hmp hmp = dst.hmp();
    CpuRegisters cpu = hmp.registers();
    return String.format("i /b 0x3ff = 0x%02x   CMOS[0x0e] = 0x%02x   xp 0x400 = 0x%04x   %s",
        hmp.inb(0x3ff), hmp.cmos(0x0e), hmp.xpWord(0x400), cpu);
  }
}
String before = show(original);
String after = show(edited);
System.out.println("original loaded: " + before);
System.out.println("edited loaded:   " + after);

if (!after.contains("i /b 0x3ff = 0x5a") || !after.contains("CMOS[0x0e] = 0xa5")
    || !after.contains("xp 0x400 = 0x03f8")) {
  throw new AssertionError("the destination did not show the edits: " + after);
}
if (!before.substring(before.indexOf("xp")).equals(after.substring(after.indexOf("xp")))) {
  throw new AssertionError("RAM or CPU differ between the two loads");
}
System.out.println("the destination shows both edits; RAM and CPU are those of the original");
