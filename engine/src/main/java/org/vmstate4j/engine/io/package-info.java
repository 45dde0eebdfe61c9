/** Big-endian stream primitives with byte offsets. */
@NullMarked
package org.vmstate4j.engine.io;

import org.jspecify.annotations.NullMarked;
