package org.vmstate4j.engine.analyze;

import tools.jackson.databind.JsonNode;

/** A section described by a device object of the vmdesc: its fields and subsections. */
final class VmsdSectionReader implements SectionReader {
  private final JsonNode device;
  private final FieldDecoder decoder;
  private final StructBuilder members = new StructBuilder();

  VmsdSectionReader(JsonNode device, FieldDecoder decoder) {
    this.device = device;
    this.decoder = decoder;
  }

  @Override
  public void read(StreamSource in) {
    decoder.readInto(device, members, 0);
  }

  @Override
  public DecodedValue value() {
    return members.build();
  }
}
