/**
 * Fluent, Kotlin-friendly DSL that compiles to engine descriptions. Start with
 * {@code import static org.vmstate4j.dsl.VmsdDsl.*;}.
 *
 * <pre>{@code
 * static final VmStateDescription VMSD = vmsd("nvme-lite", Ctrl.class)
 *     .version(1)
 *     .fields(
 *         field("cc").uint32(),
 *         field("num_queues").uint32Equal(),
 *         field("sq").varrayUint32("num_queues").ofPointers().autoAlloc(Sq.VMSD))
 *     .build();
 * }</pre>
 */
@NullMarked
package org.vmstate4j.dsl;

import org.jspecify.annotations.NullMarked;
