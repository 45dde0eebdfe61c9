/**
 * Generic decoder for real QEMU migration streams, driven by the JSON description (vmdesc) the
 * stream carries at its end; prints what QEMU's {@code scripts/analyze-migration.py} prints.
 *
 * <p>Entry point: {@link org.vmstate4j.engine.analyze.StreamAnalyzer} (the console's
 * {@code vmstate analyze} prints its output).
 */
@NullMarked
package org.vmstate4j.engine.analyze;

import org.jspecify.annotations.NullMarked;
