package org.vmstate4j.bench.hand;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.vmstate4j.examples.NvmeLite;
import org.vmstate4j.examples.NvmeLiteCq;
import org.vmstate4j.examples.NvmeLiteSq;

/** nvme-lite's wire bytes written and read directly with a big-endian ByteBuffer. */
public final class NvmeCodec {
  private static final byte[] DBBUF = "nvme-lite/dbbuf".getBytes(StandardCharsets.US_ASCII);

  private NvmeCodec() {}

  /** Writes {@code c} at the buffer's position. */
  public static void save(NvmeLite c, ByteBuffer b) {
    b.putInt(c.cc).putInt(c.csts).putInt(c.aqa).putLong(c.asq).putLong(c.acq)
        .putInt(c.numQueues);
    int n = c.numQueues;
    NvmeLiteSq[] sq = c.sq;
    for (int i = 0; i < n; i++) {
      NvmeLiteSq s = sq[i];
      if (s == null) {
        b.put((byte) 0x30);
      } else {
        b.put((byte) 0x31).putShort(s.sqid).putShort(s.cqid).putInt(s.head).putInt(s.tail)
            .putInt(s.size).putLong(s.dmaAddr);
      }
    }
    NvmeLiteCq[] cq = c.cq;
    for (int i = 0; i < n; i++) {
      NvmeLiteCq q = cq[i];
      if (q == null) {
        b.put((byte) 0x30);
      } else {
        b.put((byte) 0x31).put(q.phase).putShort(q.cqid).putShort(q.irqEnabled)
            .putInt(q.head).putInt(q.tail).putInt(q.vector).putInt(q.size).putLong(q.dmaAddr);
      }
    }
    if (c.dbbufEnabled) {
      b.put((byte) 0x05).put((byte) DBBUF.length).put(DBBUF).putInt(1)
          .putLong(c.dbbufDbs).putLong(c.dbbufEis);
    }
  }

  /** Reads into {@code c}, which must have the same slot count; slots are replaced. */
  public static void load(NvmeLite c, ByteBuffer b) {
    c.cc = b.getInt();
    c.csts = b.getInt();
    c.aqa = b.getInt();
    c.asq = b.getLong();
    c.acq = b.getLong();
    int n = b.getInt();
    if (n != c.numQueues) {
      throw new IllegalStateException("num_queues " + n + " != " + c.numQueues);
    }
    NvmeLiteSq[] sq = c.sq;
    for (int i = 0; i < n; i++) {
      if (marker(b)) {
        NvmeLiteSq s = new NvmeLiteSq();
        s.sqid = b.getShort();
        s.cqid = b.getShort();
        s.head = b.getInt();
        s.tail = b.getInt();
        s.size = b.getInt();
        s.dmaAddr = b.getLong();
        sq[i] = s;
      } else {
        sq[i] = null;
      }
    }
    NvmeLiteCq[] cq = c.cq;
    for (int i = 0; i < n; i++) {
      if (marker(b)) {
        NvmeLiteCq q = new NvmeLiteCq();
        q.phase = b.get();
        q.cqid = b.getShort();
        q.irqEnabled = b.getShort();
        q.head = b.getInt();
        q.tail = b.getInt();
        q.vector = b.getInt();
        q.size = b.getInt();
        q.dmaAddr = b.getLong();
        cq[i] = q;
      } else {
        cq[i] = null;
      }
    }
    if (b.hasRemaining() && b.get(b.position()) == 0x05) {
      b.get();
      int len = b.get() & 0xff;
      if (len != DBBUF.length) {
        throw new IllegalStateException("unknown subsection");
      }
      for (int k = 0; k < len; k++) {
        if (b.get() != DBBUF[k]) {
          throw new IllegalStateException("unknown subsection");
        }
      }
      if (b.getInt() != 1) {
        throw new IllegalStateException("subsection version");
      }
      c.dbbufDbs = b.getLong();
      c.dbbufEis = b.getLong();
    }
  }

  private static boolean marker(ByteBuffer b) {
    byte m = b.get();
    if (m == 0x31) {
      return true;
    }
    if (m != 0x30) {
      throw new IllegalStateException("bad pointer marker " + m);
    }
    return false;
  }
}
