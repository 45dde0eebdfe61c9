package org.vmstate4j.engine.wire;

/** Receives the parts of a stream in stream order. */
@FunctionalInterface
public interface WireListener extends WireVisitor {
  @Override
  void part(WirePart part);
}
