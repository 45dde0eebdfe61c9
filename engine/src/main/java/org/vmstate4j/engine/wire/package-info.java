/**
 * The wire layer of a QEMU migration stream: one walker that reports every part of a stream with
 * its byte span (header, configuration and its subsections, section headers, RAM records, device
 * bodies and their subsections, footers, commands, EOF, the trailing JSON description), from a
 * file or a non-seekable InputStream, and one parser of the embedded JSON description. The loader,
 * {@code analyze}, {@code explain}, {@code diff} and the rewriter are built on it; the stream's
 * byte codes ({@link org.vmstate4j.engine.wire.WireFormat}) and RAM flags
 * ({@link org.vmstate4j.engine.wire.RamFlags}) are declared here only.
 *
 * <p>Entry points: {@link org.vmstate4j.engine.wire.StreamWalker},
 * {@link org.vmstate4j.engine.wire.WireVisitor}, {@link org.vmstate4j.engine.wire.WireOptions},
 * {@link org.vmstate4j.engine.wire.WirePart}, {@link org.vmstate4j.engine.wire.VmDescription}.
 */
@NullMarked
package org.vmstate4j.engine.wire;

import org.jspecify.annotations.NullMarked;
