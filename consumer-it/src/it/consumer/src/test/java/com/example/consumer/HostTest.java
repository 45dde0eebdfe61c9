package com.example.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.vmstate4j.junit.VmStateAssertions.assertLoadFails;
import static org.vmstate4j.junit.VmStateAssertions.assertLoads;
import static org.vmstate4j.junit.VmStateAssertions.assertRoundTrip;
import static org.vmstate4j.junit.VmStateAssertions.assertSavesTo;

import org.junit.jupiter.api.Test;

class HostTest {
  static Host host() {
    Host h = new Host();
    h.queues[1] = new Host.Queue();
    h.queues[1].qid = 1;
    h.queues[1].head = 0x10;
    return h;
  }

  @Test
  void savesNullAndValidMarkers() {
    assertSavesTo(Host.VMSD, host(), "00000003 | 30 | 31 0001 00000010 | 30");
  }

  @Test
  void roundTripAllocatesThePopulatedSlot() {
    Host copy = assertRoundTrip(Host.VMSD, host(), Host::new);
    assertNull(copy.queues[0]);
    assertEquals(0x10, copy.queues[1].head);
  }

  @Test
  void loadsAndRejects() {
    Host h = assertLoads(Host.VMSD, new Host(), "00000003 31 0007 00000001 30 30");
    assertEquals(7, h.queues[0].qid);
    assertLoadFails(Host.VMSD, new Host(), "00000003 32 30 30", "Unexpected ptr marker");
  }
}
