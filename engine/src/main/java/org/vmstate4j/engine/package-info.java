/**
 * vmstate4j engine: QEMU-compatible vmstate descriptions, save and load.
 *
 * <p>Subpackages: {@code model} (immutable descriptors), {@code codec} (wire codecs),
 * {@code io} (big-endian stream primitives), {@code state} (save and load),
 * {@code json} (QEMU's JSON description), {@code stream} (whole migration streams).
 * {@code internal.*} is not API: the engine's generated codecs and its in-place buffer access,
 * public only for the engine's own packages, the DSL and generated classes.
 */
@NullMarked
package org.vmstate4j.engine;

import org.jspecify.annotations.NullMarked;
