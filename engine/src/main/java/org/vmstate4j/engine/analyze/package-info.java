/**
 * Generic decoder for real QEMU migration streams, driven by the JSON description (vmdesc) the
 * stream carries at its end; prints what QEMU's {@code scripts/analyze-migration.py} prints.
 *
 * <p>Entry points: {@link org.vmstate4j.engine.analyze.StreamAnalyzer} and the command
 * {@link org.vmstate4j.engine.analyze.AnalyzeCommand}.
 */
@NullMarked
package org.vmstate4j.engine.analyze;

import org.jspecify.annotations.NullMarked;
