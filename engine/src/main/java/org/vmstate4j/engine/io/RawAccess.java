package org.vmstate4j.engine.io;

import org.vmstate4j.engine.internal.io.RawBuffers;

/** The io package's side of {@link RawBuffers}: made once, by that class only. */
final class RawAccess implements RawBuffers.Access {
  RawAccess() {}

  @Override
  public int claim(VmOutput out, int n) {
    return out.claim(n);
  }

  @Override
  public void unclaim(VmOutput out, int n) {
    out.unclaim(n);
  }

  @Override
  public int take(VmInput in, int n) {
    return in.take(n);
  }

  @Override
  public byte[] buffer(Object io) {
    return io instanceof VmOutput ? ((VmOutput) io).buffer() : ((VmInput) io).buffer();
  }
}
