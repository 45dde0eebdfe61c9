// versioning: a device evolves from v1 to v2. A v1 stream loads into v2 (the new field has a
// field version); a v2 stream refuses to load into v1 with a clear message. A subsection,
// sent only when the new feature is in use, keeps backward migration working otherwise.
//
//   ./vmstate run scripts/versioning.jsh

import org.vmstate4j.engine.io.*;
import org.vmstate4j.engine.model.*;
import org.vmstate4j.engine.state.*;

class Uart {
  int divisor;
  int lcr;
  int fifoDepth;        // new in v2
  boolean msiEnabled;   // new feature, migrated in a subsection
  long msiAddress;
}

VmStateDescription v1 = vmsd("uart", Uart.class)
    .version(1)
    .fields(field("divisor").uint16(), field("lcr").uint8())
    .build();

// v2 by version bump: the new field exists from version 2 on
VmStateDescription v2 = vmsd("uart", Uart.class)
    .version(2)
    .minimumVersion(1)
    .fields(field("divisor").uint16(), field("lcr").uint8(), field("fifo_depth").uint16().since(2))
    .build();

Uart old = new Uart();
old.divisor = 12; old.lcr = 3;
byte[] v1Bytes = VmState.save(v1, old);
Uart upgraded = new Uart();
upgraded.fifoDepth = 16; // the default the new side keeps when a v1 stream arrives
VmState.load(v2, upgraded, VmInput.of(v1Bytes), 1);
System.out.printf("old -> new: v1 stream (%d bytes) loaded into v2: divisor %d, lcr %d, fifo_depth stays %d%n",
    v1Bytes.length, upgraded.divisor, upgraded.lcr, upgraded.fifoDepth);
if (upgraded.divisor != 12 || upgraded.fifoDepth != 16) throw new AssertionError("old -> new");

byte[] v2Bytes = VmState.save(v2, upgraded);
try {
  VmState.load(v1, new Uart(), VmInput.of(v2Bytes), 2);
  throw new AssertionError("new -> old should fail");
} catch (VmStateLoadException e) {
  System.out.println("new -> old: refused: " + e.getMessage());
}

// v2 by subsection: the version stays 1, the new state travels only when it is in use
VmStateDescription msi = vmsd("uart/msi", Uart.class)
    .version(1)
    .needed(u -> u.msiEnabled)
    .fields(field("msi_address").uint64())
    .build();
VmStateDescription withSubsection = vmsd("uart", Uart.class)
    .version(1)
    .fields(field("divisor").uint16(), field("lcr").uint8())
    .subsections(msi)
    .build();

Uart quiet = new Uart();
quiet.divisor = 1;
byte[] quietBytes = VmState.save(withSubsection, quiet);
Uart back = new Uart();
VmState.load(v1, back, quietBytes);
System.out.printf("new -> old without MSI in use: %d bytes, loads into v1 (divisor %d)%n",
    quietBytes.length, back.divisor);

quiet.msiEnabled = true;
quiet.msiAddress = 0xfee00000L;
byte[] busyBytes = VmState.save(withSubsection, quiet);
try {
  VmState.load(v1, new Uart(), busyBytes);
  throw new AssertionError("the subsection should be refused by v1");
} catch (VmStateLoadException e) {
  System.out.println("new -> old with MSI in use: refused: " + e.getMessage());
  if (!e.getMessage().contains("VM subsection 'uart/msi' in 'uart' does not exist")) throw e;
}
Uart same = new Uart();
VmState.load(withSubsection, same, busyBytes);
System.out.printf("new -> new with MSI in use: msi_address 0x%x%n", same.msiAddress);
