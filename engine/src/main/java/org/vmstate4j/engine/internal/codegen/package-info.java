/**
 * Not API: the engine's own machinery, public only so that the engine's other packages and the
 * DSL can reach it. Code outside vmstate4j must not call it; signatures change without notice.
 *
 * <p>Classes generated with ASM: the one rule for when a description gets a whole-description
 * codec and the codec's bytecode ({@link org.vmstate4j.engine.internal.codegen.DirectCodecs}),
 * and where generated classes are defined ({@link
 * org.vmstate4j.engine.internal.codegen.ClassHost}), which the DSL's member accessors share.
 */
@NullMarked
package org.vmstate4j.engine.internal.codegen;

import org.jspecify.annotations.NullMarked;
