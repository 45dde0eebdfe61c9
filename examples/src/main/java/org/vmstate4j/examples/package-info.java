/**
 * Example device models described with the DSL, one definition each, shared by the tests, the
 * benchmarks and the scripts.
 *
 * <p>{@link org.vmstate4j.examples.NvmeLite} is the nvme-lite controller of the reference
 * (autoalloc-nvme-security.md §2.6): sparse submission and completion queue arrays
 * ({@code VMS_ARRAY_OF_POINTER_AUTO_ALLOC}), a {@code uint32_equal} queue count and a subsection.
 * QEMU's own devices (the PIT and its {@code PitChannel}, the RTC, ...) are described in
 * {@code org.vmstate4j.dsl.qemu}.
 */
@NullMarked
package org.vmstate4j.examples;

import org.jspecify.annotations.NullMarked;
