/** Immutable vmstate descriptors: descriptions, fields, flags, accessors and hooks. */
@NullMarked
package org.vmstate4j.engine.model;

import org.jspecify.annotations.NullMarked;
