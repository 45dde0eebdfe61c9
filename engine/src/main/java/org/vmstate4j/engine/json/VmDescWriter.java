package org.vmstate4j.engine.json;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import tools.jackson.core.JsonGenerator;

/**
 * Streams QEMU's JSON description ("vmdesc") while state is saved: the saver reports each
 * field as it writes it, with the byte count it took, exactly as QEMU's JSONWriter does.
 */
public final class VmDescWriter implements AutoCloseable {
  private final JsonGenerator gen;
  private final ByteArrayOutputStream memory;

  private VmDescWriter(OutputStream out, ByteArrayOutputStream memory) {
    this.gen = QemuJsonFormat.writer().createGenerator(out);
    this.memory = memory;
  }

  /** A writer that collects the JSON in memory; see {@link #toJson()}. */
  public static VmDescWriter inMemory() {
    ByteArrayOutputStream m = new ByteArrayOutputStream();
    return new VmDescWriter(m, m);
  }

  public VmDescWriter beginObject() {
    gen.writeStartObject();
    return this;
  }

  public VmDescWriter beginObject(String name) {
    gen.writeName(name);
    gen.writeStartObject();
    return this;
  }

  public VmDescWriter endObject() {
    gen.writeEndObject();
    return this;
  }

  public VmDescWriter beginArray(String name) {
    gen.writeName(name);
    gen.writeStartArray();
    return this;
  }

  public VmDescWriter endArray() {
    gen.writeEndArray();
    return this;
  }

  public VmDescWriter string(String name, String value) {
    gen.writeStringProperty(name, value);
    return this;
  }

  public VmDescWriter number(String name, long value) {
    gen.writeNumberProperty(name, value);
    return this;
  }

  /** The JSON written so far, as UTF-8 bytes. */
  public byte[] toBytes() {
    gen.flush();
    return memory.toByteArray();
  }

  /** The JSON written so far. */
  public String toJson() {
    return new String(toBytes(), StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    gen.close();
  }
}
