/**
 * Debugging tools over streams and descriptions: {@link org.vmstate4j.engine.inspect.Explain}
 * (an annotated dump of a stream, from the destination's registry or from the stream's own JSON
 * description), {@link org.vmstate4j.engine.inspect.Diff} (where two streams first differ, by
 * path) and {@link org.vmstate4j.engine.inspect.Compat} (whether a stream made with one
 * description loads with another, per direction, with the reasons). Each has a command class
 * with {@code run(List<String>, PrintStream, PrintStream)}.
 */
@NullMarked
package org.vmstate4j.engine.inspect;

import org.jspecify.annotations.NullMarked;
