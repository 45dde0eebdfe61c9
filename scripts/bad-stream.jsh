// bad-stream: damage a saved stream in several ways and show the errors. Every failure is a
// VmStateLoadException naming the path, the byte offset, and expected vs found, and the
// destination device is left exactly as it was.
//
//   ./vmstate run scripts/bad-stream.jsh

import java.util.*;
import org.vmstate4j.engine.model.*;
import org.vmstate4j.engine.state.*;
import org.vmstate4j.engine.stream.*;

class Queue {
  int qid; int head; int size;
  static final VmStateDescription VMSD = vmsd("queue", Queue.class)
      .fields(field("qid").uint16(), field("head").uint32(), field("size").uint32())
      .build();
}

class Dev {
  int n = 4;
  Queue[] queues = new Queue[4];
  long features;
  static final VmStateDescription VMSD = vmsd("dev", Dev.class)
      .fields(field("n").uint32Equal(),
              field("queues").varrayUint32("n").ofPointers().autoAlloc(Queue.VMSD),
              field("features").uint64())
      .build();
}

Dev source = new Dev();
for (int i : new int[] {0, 2}) {
  Queue q = new Queue();
  q.qid = i; q.head = 10 * i; q.size = 64;
  source.queues[i] = q;
}
source.features = 0xabcdL;
Registry reg = new Registry();
reg.register("dev", Dev.VMSD, source);
byte[] good = MigrationStreams.toBytes(reg);
System.out.println("a good stream of " + good.length + " bytes");

// where things are: the FULL section's data starts after its header
int data = good.length;
for (int i = 0; i + 4 < good.length; i++) {
  if (good[i] == 0x04 && good[i + 5] == 3 && good[i + 6] == 'd' && good[i + 7] == 'e' && good[i + 8] == 'v') {
    data = i + 1 + 4 + 1 + 3 + 4 + 4;
    break;
  }
}

byte[] damaged(String what, java.util.function.Consumer<byte[]> damage) {
  byte[] b = good.clone();
  damage.accept(b);
  return b;
}

Map<String, byte[]> cases = new LinkedHashMap<>();
cases.put("bad magic", damaged("magic", b -> b[0] = 'X'));
cases.put("count mismatch", damaged("n", b -> b[data + 3] = 5));
cases.put("bad pointer marker", damaged("marker", b -> b[data + 4 + 1 + 10] = 0x32));
cases.put("unknown device name", damaged("idstr", b -> b[data - 9] = 'w'));
cases.put("truncated inside queues[2]", Arrays.copyOf(good, data + 4 + 11 + 1 + 3));
cases.put("footer with the wrong section id", damaged("footer", b -> b[data + 4 + 11 + 1 + 1 + 10 + 1 + 8 + 4] = 9));

int failures = 0;
for (var c : cases.entrySet()) {
  Dev target = new Dev();
  target.features = 42;
  Registry dst = new Registry();
  dst.register("dev", Dev.VMSD, target);
  try {
    MigrationStreams.load(dst, c.getValue(), ReadOptions.DEFAULT);
    System.out.println(c.getKey() + ": loaded?!");
  } catch (VmStateLoadException e) {
    failures++;
    boolean untouched = target.features == 42 && Arrays.stream(target.queues).allMatch(Objects::isNull);
    System.out.printf("%-42s %s%n%-42s destination %s%n", c.getKey() + ":", e.getMessage(), "",
        untouched ? "unchanged" : "CHANGED");
    if (!untouched) throw new AssertionError("destination changed by a failed load");
  }
}
if (failures != cases.size()) throw new AssertionError("every damaged stream must fail");
