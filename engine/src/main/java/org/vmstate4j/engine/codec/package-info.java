/** Wire codecs (QEMU's VMStateInfo): the standard ones under QEMU's names, and the interface for custom codecs. */
@NullMarked
package org.vmstate4j.engine.codec;

import org.jspecify.annotations.NullMarked;
