/**
 * Whole migration streams as QEMU 7.2 writes and reads them: a {@link
 * org.vmstate4j.engine.stream.Registry} of devices, {@link
 * org.vmstate4j.engine.stream.StreamWriter} (magic, configuration section, one FULL section per
 * device, EOF, JSON description) and {@link org.vmstate4j.engine.stream.StreamReader}
 * (transactional load of the registered devices, skipping of others); {@link
 * org.vmstate4j.engine.stream.MigrationStreams} is the short form.
 */
@NullMarked
package org.vmstate4j.engine.stream;

import org.jspecify.annotations.NullMarked;
