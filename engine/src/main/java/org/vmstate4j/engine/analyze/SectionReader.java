package org.vmstate4j.engine.analyze;

/**
 * Decodes the body of one section. Iterative sections (START, PART..., END) share one reader,
 * which accumulates what every part adds, as the script's section objects do.
 */
interface SectionReader extends SectionValue {
  /** Reads one section body, leaving the stream at its first byte after it. */
  void read(StreamSource in);
}
