/**
 * Rewriting QEMU migration streams: everything not edited passes through byte for byte, and
 * generic edits, addressed by the paths {@code analyze} shows, overwrite a field's bytes in place.
 *
 * <p>Entry points: {@link org.vmstate4j.engine.edit.StreamEdit} and
 * {@link org.vmstate4j.engine.edit.Assignment} (the {@code PATH=VALUE} syntax).
 */
@NullMarked
package org.vmstate4j.engine.edit;

import org.jspecify.annotations.NullMarked;
