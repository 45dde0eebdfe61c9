package org.vmstate4j.engine.analyze;

/** What a section decoded to so far; iterative sections add to it with every part. */
interface SectionValue {
  DecodedValue value();
}
