package org.vmstate4j.engine.analyze;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

/** Writes migration streams byte by byte for tests: header, sections, EOF and the vmdesc. */
final class TestStream {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  /** Magic {@code QEVM} and version 3. */
  static TestStream header() {
    return new TestStream().u32(0x5145564dL).u32(3);
  }

  TestStream u8(int v) {
    out.write(v);
    return this;
  }

  TestStream u16(int v) {
    return u8(v >> 8).u8(v);
  }

  TestStream u32(long v) {
    return u16((int) (v >> 16) & 0xffff).u16((int) v & 0xffff);
  }

  TestStream u64(long v) {
    return u32(v >>> 32).u32(v & 0xffffffffL);
  }

  TestStream hex(String hex) {
    return raw(HexFormat.of().parseHex(hex.replace(" ", "")));
  }

  TestStream raw(byte[] bytes) {
    out.writeBytes(bytes);
    return this;
  }

  /** u8 length + bytes, as QEMU writes idstrs and subsection names. */
  TestStream counted(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    return u8(b.length).raw(b);
  }

  /** Configuration section without subsections: 0x07, be32 length, machine name. */
  TestStream configuration(String machine) {
    byte[] b = machine.getBytes(StandardCharsets.US_ASCII);
    return u8(0x07).u32(b.length).raw(b);
  }

  /** Header of a START (0x01) or FULL (0x04) section. */
  TestStream sectionHeader(int type, long id, String idstr, long instance, long version) {
    return u8(type).u32(id).counted(idstr).u32(instance).u32(version);
  }

  TestStream full(long id, String idstr, long instance, long version) {
    return sectionHeader(0x04, id, idstr, instance, version);
  }

  TestStream start(long id, String idstr, long instance, long version) {
    return sectionHeader(0x01, id, idstr, instance, version);
  }

  TestStream part(long id) {
    return u8(0x02).u32(id);
  }

  TestStream end(long id) {
    return u8(0x03).u32(id);
  }

  TestStream footer(long id) {
    return u8(0x7e).u32(id);
  }

  TestStream subsection(String name, long version) {
    return u8(0x05).counted(name).u32(version);
  }

  TestStream eof() {
    return u8(0x00);
  }

  /** 0x06, be32 length, the JSON: what QEMU appends after the EOF byte. */
  TestStream vmdesc(String json) {
    byte[] b = json.getBytes(StandardCharsets.UTF_8);
    return u8(0x06).u32(b.length).raw(b);
  }

  int size() {
    return out.size();
  }

  byte[] bytes() {
    return out.toByteArray();
  }

  Path write(Path dir, String name) throws IOException {
    return Files.write(dir.resolve(name), bytes());
  }
}
