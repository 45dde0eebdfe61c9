package org.vmstate4j.engine.codec;

/**
 * A wire codec, QEMU's VMStateInfo. Its {@link #name()} is QEMU's name string, the "type" in the
 * JSON description. The standard codecs live in {@link Codecs}; custom ones implement
 * {@link ValueCodec}.
 */
public interface Codec {
  /** QEMU's name, e.g. {@code "uint32"}, {@code "int64 equal"}, {@code "pci config"}. */
  String name();

  /** Whether a Java member (or array element) of this type can hold the codec's value. */
  boolean accepts(Class<?> storage);
}
