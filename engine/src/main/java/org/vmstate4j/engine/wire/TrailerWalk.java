package org.vmstate4j.engine.wire;

import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.VmStateLoadException;

/** After EOF: the JSON description and any other bytes, reported without failing. */
final class TrailerWalk {
  private final StreamWalker w;

  TrailerWalk(StreamWalker w) {
    this.w = w;
  }

  /** After EOF: the JSON description and any other bytes, reported without failing. */
  void trailer() {
    if (!w.options.trailer()) {
      return;
    }
    long p = w.src.position();
    VmDescription at = w.located;
    VmDescription.Found unusable = w.unusable;
    if (at != null || unusable != null) {
      long marker = at != null ? at.markerOffset() : unusable.markerOffset();
      byte[] json = at != null ? null : unusable.json();
      if (p < marker) {
        int first = w.src.peek(0);
        w.report(new WirePart(PartKind.TRAILER, p, drain(), -1, "", -1, -1, first, -1));
      }
      long length = at != null ? at.jsonLength() : json.length;
      WirePart v = new WirePart(PartKind.VMDESC, marker, 5 + length, -1, "", -1, -1, 0, length);
      w.report(v);
      w.out.description(v, at != null ? at.json() : json);
      return;
    }
    if (w.src.atEnd()) {
      return;
    }
    int first = w.src.peek(0);
    if (first != WireFormat.VMDESCRIPTION) {
      w.report(new WirePart(PartKind.TRAILER, p, drain(), -1, "", -1, -1, first, -1));
      return;
    }
    w.src.u8();
    long claimed = -1;
    byte[] json = null;
    if (w.src.peek(3) >= 0) {
      claimed = w.src.u32();
      long rem = w.src.remaining();
      if (claimed <= w.options.descriptionLimit() && (rem < 0 || claimed <= rem)) {
        json = readAvailable(claimed);
      } else {
        skipAvailable(claimed);
      }
    } else {
      drain();
    }
    WirePart v = new WirePart(PartKind.VMDESC, p, w.src.position() - p, -1, "", -1, -1, 0, claimed);
    w.report(v);
    w.out.description(v, json);
    if (json != null && w.desc == null) {
      try {
        w.desc = VmDescription.parse(json, p);
      } catch (VmStateLoadException e) {
        // a caller that needs it sees the problem through description()
      }
    }
    if (!w.src.atEnd()) {
      long q = w.src.position();
      int b = w.src.peek(0);
      w.report(new WirePart(PartKind.TRAILER, q, drain(), -1, "", -1, -1, b, -1));
    }
  }

  private long drain() {
    return w.src.drain();
  }

  private byte @Nullable [] readAvailable(long n) {
    return w.src.readAvailable(n);
  }

  private void skipAvailable(long n) {
    long r = w.src.remaining();
    if (r >= 0 && n >= r) {
      w.src.drain();
    } else if (r >= 0) {
      w.src.skip(n);
    } else {
      w.src.readAvailable(n);
    }
  }
}
