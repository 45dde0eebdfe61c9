package org.vmstate4j.engine.wire;

/**
 * One field of a configuration subsection as the walker read it: {@code target_page_bits},
 * {@code caps_count}, one of the {@code capabilities}, or the {@code uuid}.
 *
 * @param name the field's name in QEMU's vmstate_configuration
 * @param offset stream offset of its first byte
 * @param length its bytes on the wire (a capability: its length byte and name)
 * @param number the value of a number field, else -1
 * @param text a capability's name, the uuid in hex, else ""
 */
public record ConfigField(String name, long offset, long length, long number, String text) {}
