/** QEMU's JSON description of saved state ("vmdesc"), written with Jackson. */
@NullMarked
package org.vmstate4j.engine.json;

import org.jspecify.annotations.NullMarked;
