package org.vmstate4j.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;

/** The heap the memory checks report: the sum of the heap pools' peak usage since the start. */
final class HeapPeak {
  private HeapPeak() {}

  static long bytes() {
    long sum = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      MemoryUsage peak = p.getPeakUsage();
      if (p.getType() == MemoryType.HEAP && peak != null) {
        sum += peak.getUsed();
      }
    }
    return sum;
  }
}
