/**
 * Not API: the engine's own machinery, public only so that the engine's other packages can reach
 * it. Code outside vmstate4j must not call it; signatures change without notice.
 *
 * <p>Byte counting for progress reports, shared by stream files and live migration.
 */
@NullMarked
package org.vmstate4j.engine.internal.progress;

import org.jspecify.annotations.NullMarked;
