/** Save and load of described objects, compiled once per description into access plans. */
@NullMarked
package org.vmstate4j.engine.state;

import org.jspecify.annotations.NullMarked;
