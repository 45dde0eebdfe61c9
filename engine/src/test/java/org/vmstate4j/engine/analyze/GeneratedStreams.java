package org.vmstate4j.engine.analyze;

/** Hand-built streams that exercise what the two QEMU samples do not. */
final class GeneratedStreams {
  private GeneratedStreams() {}

  static final String KITCHEN_SINK_DESC = """
      {"page_size": 4096, "devices": [
       {"name": "dev", "instance_id": 0, "vmsd_name": "dev", "version": 1, "fields": [
        {"name": "b", "type": "bool", "size": 1},
        {"name": "i8", "type": "int8", "size": 1},
        {"name": "u16eq", "type": "uint16 equal", "size": 2},
        {"name": "le", "type": "int32 le", "size": 4},
        {"name": "u64", "type": "uint64", "size": 8},
        {"name": "arr", "array_len": 3, "type": "uint16", "size": 2},
        {"name": "one", "array_len": 1, "type": "uint8", "size": 1},
        {"name": "ptrs", "type": "nullptr", "size": 1},
        {"name": "ptrs", "array_len": 2, "type": "uint32", "size": 4},
        {"name": "s", "index": 0, "type": "struct", "struct": {"vmsd_name": "elem", "version": 1,
          "fields": [{"name": "x", "type": "uint8", "size": 1}]}, "size": 1},
        {"name": "s", "index": 1, "type": "struct", "struct": {"vmsd_name": "elem", "version": 1,
          "fields": [{"name": "x", "type": "uint8", "size": 1}]}, "size": 1},
        {"name": "st", "array_len": 2, "type": "struct", "struct": {"vmsd_name": "p", "version": 1,
          "fields": [{"name": "a", "type": "int16", "size": 2}, {"name": "t", "type": "timer", "size": 8}],
          "subsections": [{"vmsd_name": "p/sub", "version": 1,
            "fields": [{"name": "z", "type": "uint8", "size": 1}]}]}, "size": 21},
        {"name": "mystery", "type": "some future codec", "size": 3},
        {"name": "vs", "type": "vstruct", "size": 2, "vmsd_name": "x", "version": 1, "fields": []},
        {"name": "empty", "type": "buffer", "size": 0},
        {"name": "notype", "size": 1}
       ], "subsections": [{"vmsd_name": "dev/extra", "version": 2,
            "fields": [{"name": "e", "type": "uint32", "size": 4}]}]},
       {"name": "legacy", "instance_id": 3, "size": 6,
        "fields": [{"name": "data", "size": 6, "type": "buffer"}]},
       {"name": "iter", "instance_id": 0, "vmsd_name": "iter", "version": 1,
        "fields": [{"name": "n", "type": "uint8", "size": 1}]}
      ]}""";

  /**
   * Configuration, RAM (START, COMMAND, PART with PAGE/ZERO/CONTINUE records, END), an iterative
   * VMSD section read twice, a device with every codec family, and a legacy size-only section.
   */
  static TestStream kitchenSink() {
    TestStream s = TestStream.header().configuration("pc");
    s.start(1, "ram", 0, 4)
        .u64(0x3000 | 0x04).counted("pc.ram").u64(0x2000).counted("rom").u64(0x1000)
        .u64(0x10).footer(1);
    s.u8(0x08).u16(0x0b).u16(0); // SWITCHOVER_START
    s.part(1)
        .u64(0x0000 | 0x08).counted("pc.ram").raw(new byte[4096])
        .u64(0x1000 | 0x22).u8(0)
        .u64(0x0000 | 0x02).counted("rom").u8(0)
        .u64(0x10).footer(1);
    s.start(3, "iter", 0, 1).u8(1).footer(3);
    s.end(3).u8(2).footer(3);
    s.end(1).u64(0x10).footer(1);
    s.full(0, "dev", 0, 1)
        .hex("02 ff 8000 00000005 ffffffffffffffff 0001 0002 0003 07")
        .hex("30 0000000a 0000000b 01 02")
        .hex("fffe ffffffffffffffff").subsection("p/sub", 1).u8(9)
        .hex("0001 0000000000000064").subsection("p/sub", 1).u8(10)
        .hex("010203 abcd 5a")
        .subsection("dev/extra", 2).u32(0xdeadbeefL)
        .footer(0);
    s.full(2, "legacy", 3, 1).hex("0a0b0c0d0e0f").footer(2);
    return s.eof().vmdesc(KITCHEN_SINK_DESC);
  }

  static final String KITCHEN_SINK_STATE = """
      {
          "ram (1)": {
              "section sizes": {
                  "pc.ram": "0x0000000000002000",
                  "rom": "0x0000000000001000"
              }
          },
          "iter (3)": {
              "n": [
                  "0x01",
                  "0x02"
              ]
          },
          "dev (0)": {
              "b": true,
              "i8": "0xff (-1)",
              "u16eq": "0x8000 (-32768)",
              "le": "0x00000005",
              "u64": "0xffffffffffffffff",
              "arr": [
                  "0x0001",
                  "0x0002",
                  "0x0003"
              ],
              "one": "0x07",
              "ptrs": [
                  "nullptr",
                  "0x0000000a",
                  "0x0000000b"
              ],
              "s": [
                  {
                      "x": "0x01"
                  },
                  {
                      "x": "0x02"
                  }
              ],
              "st": [
                  {
                      "a": "0xfffe (-2)",
                      "t": "ff ff ff ff ff ff ff ff",
                      "p/sub": {
                          "z": "0x09"
                      }
                  },
                  {
                      "a": "0x0001",
                      "t": "00 00 00 00 00 00 00 64",
                      "p/sub": {
                          "z": "0x0a"
                      }
                  }
              ],
              "mystery": "01 02 03",
              "vs": "ab cd",
              "empty": "",
              "notype": "5a",
              "dev/extra": {
                  "e": "0xdeadbeef"
              }
          },
          "legacy (2)": {
              "data": "0a 0b 0c 0d 0e 0f"
          }
      }
      """;

  /** A configuration description as newer QEMUs put it in the vmdesc. */
  static final String CONFIGURATION_DESC = """
      "configuration": {"vmsd_name": "configuration", "version": 1, "fields": [
        {"name": "len", "type": "uint32", "size": 4},
        {"name": "name", "type": "buffer", "size": 2}],
       "subsections": [
        {"vmsd_name": "configuration/target-page-bits", "version": 1,
         "fields": [{"name": "target_page_bits", "type": "uint32", "size": 4}]},
        {"vmsd_name": "configuration/capabilities", "version": 1,
         "fields": [{"name": "caps_count", "type": "uint32", "size": 4},
                    {"name": "capabilities", "array_len": 2, "type": "capability", "size": 16}]},
        {"vmsd_name": "configuration/uuid", "version": 1,
         "fields": [{"name": "uuid.data", "array_len": 16, "type": "uint8", "size": 1}]}]},
      """;

  /**
   * Configuration with all three subsections, x-ignore-shared among the capabilities, so each RAM
   * block in the block list carries its guest address. With {@code describeConfiguration} the
   * vmdesc describes the configuration (newer QEMU); without, it does not (QEMU 7.2).
   */
  static TestStream configurationWithSubsections(boolean describeConfiguration) {
    TestStream s = TestStream.header()
        .u8(0x07).u32(2).hex("7063") // "pc"
        .subsection("configuration/target-page-bits", 1).u32(12)
        .subsection("configuration/capabilities", 1).u32(2)
        .counted("x-ignore-shared").counted("validate-uuid")
        .subsection("configuration/uuid", 1).hex("00112233445566778899aabbccddeeff");
    s.start(2, "ram", 0, 4)
        .u64(0x2000 | 0x04)
        .counted("pc.ram").u64(0x1000).u64(0xfee00000L)
        .counted("shared").u64(0x1000).u64(0x100000000L)
        .u64(0x10).footer(2);
    s.end(2).u64(0x1000 | 0x02).counted("pc.ram").u8(0).u64(0x10).footer(2);
    s.full(0, "timer", 0, 2).hex("0000000000000001 0000000000000000 0000000000000002").footer(0);
    String desc = "{" + (describeConfiguration ? CONFIGURATION_DESC : "")
        + """
          "page_size": 4096, "devices": [{"name": "timer", "instance_id": 0,
           "vmsd_name": "timer", "version": 2, "fields": [
            {"name": "cpu_ticks_offset", "type": "int64", "size": 8},
            {"name": "unused", "type": "unused_buffer", "size": 8},
            {"name": "cpu_clock_offset", "type": "int64", "size": 8}]}]}""";
    return s.eof().vmdesc(desc);
  }

  static final String CONFIGURATION_STATE = """
      {
          "ram (2)": {
              "section sizes": {
                  "pc.ram": "0x0000000000001000",
                  "shared": "0x0000000000001000"
              }
          },
          "timer (0)": {
              "cpu_ticks_offset": "0x0000000000000001",
              "unused": "00 00 00 00 00 00 00 00",
              "cpu_clock_offset": "0x0000000000000002"
          }
      }
      """;

  /** No configuration section and no section footers, as very old machine types send. */
  static TestStream withoutConfigurationOrFooters() {
    TestStream s = TestStream.header();
    s.full(0, "cpu", 0, 1).hex("0000002a");
    s.full(1, "cpu", 1, 1).hex("ffffffff");
    return s.eof().vmdesc("""
        {"page_size": 4096, "devices": [
         {"name": "cpu", "instance_id": 0, "vmsd_name": "cpu", "version": 1,
          "fields": [{"name": "halted", "type": "int32", "size": 4}]},
         {"name": "cpu", "instance_id": 1, "vmsd_name": "cpu", "version": 1,
          "fields": [{"name": "halted", "type": "int32", "size": 4}]}]}""");
  }

  static final String WITHOUT_CONFIGURATION_STATE = """
      {
          "cpu (0)": {
              "halted": "0x0000002a"
          },
          "cpu (1)": {
              "halted": "0xffffffff (-1)"
          }
      }
      """;

  /** The two other sections the script knows without a vmdesc entry: sPAPR HTAB, s390 attributes. */
  static TestStream specialSections() {
    TestStream s = TestStream.header();
    s.start(0, "spapr/htab", 0, 1).u32(18).footer(0);
    s.part(0).u32(0).u32(5).u16(2).u16(0).raw(new byte[32]).u32(0).u16(0).u16(0).footer(0);
    s.start(1, "s390-storage_attributes", 0, 0).u64(0x08).u64(0x01).footer(1);
    s.end(0).u32(0xffffffffL).footer(0);
    s.end(1).u64(0x08).footer(1);
    s.full(2, "tiny", 0, 1).u8(0x42).footer(2);
    return s.eof().vmdesc("""
        {"page_size": 4096, "devices": [{"name": "tiny", "instance_id": 0, "vmsd_name": "tiny",
          "version": 1, "fields": [{"name": "v", "type": "uint8", "size": 1}]}]}""");
  }

  static final String SPECIAL_SECTIONS_STATE = """
      {
          "spapr/htab (0)": "",
          "s390-storage_attributes (1)": "",
          "tiny (2)": {
              "v": "0x42"
          }
      }
      """;
}
