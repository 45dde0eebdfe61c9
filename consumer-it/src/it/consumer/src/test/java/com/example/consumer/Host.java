package com.example.consumer;

import static org.vmstate4j.dsl.VmsdDsl.field;
import static org.vmstate4j.dsl.VmsdDsl.vmsd;

import org.vmstate4j.engine.model.VmStateDescription;

/** A small device with a sparse AUTO_ALLOC array of queues, as a user would write it. */
public class Host {
  public static class Queue {
    public short qid;
    public int head;

    public static final VmStateDescription VMSD = vmsd("host-queue", Queue.class)
        .fields(field("qid").uint16(), field("head").uint32())
        .build();
  }

  public int n = 3;
  public Queue[] queues = new Queue[3];

  public static final VmStateDescription VMSD = vmsd("host", Host.class)
      .version(1)
      .fields(field("n").uint32Equal(),
          field("queues").varrayUint32("n").ofPointers().autoAlloc(Queue.VMSD))
      .build();
}
