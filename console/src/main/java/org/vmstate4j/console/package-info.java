/**
 * The vmstate4j console: an embedded JShell (local execution, so snippet objects are the ones
 * the engine sees) behind a JLine reader, a script runner, and the {@code vmstate} launcher's
 * entry point.
 */
@NullMarked
package org.vmstate4j.console;

import org.jspecify.annotations.NullMarked;
