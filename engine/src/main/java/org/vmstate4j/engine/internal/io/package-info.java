/**
 * Not API: the engine's own machinery, public only so that the engine's other packages and the
 * classes it generates can reach it. Code outside vmstate4j must not call it; signatures change
 * without notice. This package gives in-place access to the buffers of the engine's readers and
 * writers, for generated codecs and the stream walker.
 */
@NullMarked
package org.vmstate4j.engine.internal.io;

import org.jspecify.annotations.NullMarked;
