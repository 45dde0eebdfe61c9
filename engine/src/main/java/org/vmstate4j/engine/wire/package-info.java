/**
 * The wire layer of a QEMU migration stream: one walker that reports every part of a stream with
 * its byte span (header, configuration and its subsections, section headers, RAM records, device
 * bodies and their subsections, footers, commands, EOF, the trailing JSON description), from a
 * file or a non-seekable InputStream, and one parser of the embedded JSON description. Readers,
 * views and rewriters are meant to be built on it.
 *
 * <p>Entry points: {@link org.vmstate4j.engine.wire.StreamWalker},
 * {@link org.vmstate4j.engine.wire.WirePart}, {@link org.vmstate4j.engine.wire.RamFlags}.
 */
@NullMarked
package org.vmstate4j.engine.wire;

import org.jspecify.annotations.NullMarked;
