/**
 * Driving a local {@code qemu-system-x86_64} from Java: start a guest
 * ({@link org.vmstate4j.qemu.QemuProcess}, {@link org.vmstate4j.qemu.Machine},
 * {@link org.vmstate4j.qemu.Guests}), talk QMP to it ({@link org.vmstate4j.qemu.QmpClient}),
 * migrate it to a file or a socket and load a stream into a destination
 * ({@link org.vmstate4j.qemu.MigrationUri}, {@link org.vmstate4j.qemu.MigrationStatus}), and read
 * back device state with HMP ({@link org.vmstate4j.qemu.Hmp}).
 *
 * <p>Every wait is bounded and every process is stopped by its pid when closed.
 */
@NullMarked
package org.vmstate4j.qemu;

import org.jspecify.annotations.NullMarked;
