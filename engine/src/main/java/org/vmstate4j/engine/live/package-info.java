/**
 * Live migrations over TCP: a destination that receives what QEMU's {@code migrate tcp:...}
 * sends ({@link org.vmstate4j.engine.live.MigrationReceiver}), a source that plays a stream file,
 * edited or not, into a QEMU started with {@code -incoming tcp:...}
 * ({@link org.vmstate4j.engine.live.MigrationSender}), and a proxy between two QEMUs that passes
 * RAM through as it comes and edits the device state at completion
 * ({@link org.vmstate4j.engine.live.MigrationProxy}).
 *
 * <p>Memory stays bounded whatever the guest's RAM size: RAM pages go to a file or nowhere as
 * they arrive, and the device sections, which can only be decoded with the JSON description that
 * QEMU sends last, wait on disk.
 */
@NullMarked
package org.vmstate4j.engine.live;

import org.jspecify.annotations.NullMarked;
