package org.vmstate4j.engine.wire;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.vmstate4j.engine.VmStateLoadException;

/**
 * The configuration section: the machine name, then the subsections QEMU sends with it
 * (target page bits, capabilities, uuid), which set how the RAM sections are read.
 */
final class ConfigurationWalk {
  private static final int MAX_MACHINE_NAME = 1 << 20;
  private static final int MAX_CAPABILITIES = 4096;
  private static final byte[] CONFIGURATION = "configuration".getBytes(StandardCharsets.US_ASCII);

  private final StreamWalker w;

  ConfigurationWalk(StreamWalker w) {
    this.w = w;
  }


  void configuration(long at) {
    WireSource src = w.src;
    w.sections.framing("Failed to read the configuration section");
    long lenAt = src.position();
    long len = src.u32();
    if (len > MAX_MACHINE_NAME) {
      throw new VmStateLoadException("configuration: machine name length over the limit", lenAt,
          "<= " + MAX_MACHINE_NAME, Long.toString(len));
    }
    String machine = new String(src.bytes((int) len), StandardCharsets.UTF_8);
    w.report(new WirePart(PartKind.CONFIGURATION, at, src.position() - at, -1, machine, -1, -1, 0,
        -1));
    while (src.peek(0) == WireFormat.SUBSECTION) {
      int l = src.peek(1);
      if (l < CONFIGURATION.length) {
        return;
      }
      byte[] peeked = src.peekBytes(2, l);
      if (peeked == null) {
        return;
      }
      String name = new String(peeked, StandardCharsets.ISO_8859_1);
      if (!name.startsWith("configuration")) {
        return;
      }
      long sub = src.position();
      src.skip(2L + l);
      long version = src.u32();
      w.report(new WirePart(PartKind.SUBSECTION, sub, src.position() - sub, -1, name, -1, version, 0,
          -1));
      long body = src.position();
      List<ConfigField> fields = new ArrayList<>(2);
      switch (name) {
        case "configuration/target-page-bits" -> {
          long p = src.position();
          int bits = src.s32();
          fields.add(new ConfigField("target_page_bits", p, 4, Integer.toUnsignedLong(bits), ""));
          if (bits > 0 && bits < 31) {
            w.ram.configPageSize = 1 << bits;
          }
        }
        case "configuration/capabilities" -> {
          long p = src.position();
          long n = src.u32();
          if (n > MAX_CAPABILITIES) {
            throw new VmStateLoadException("configuration: too many capabilities", p,
                "<= " + MAX_CAPABILITIES, Long.toString(n));
          }
          fields.add(new ConfigField("caps_count", p, 4, n, ""));
          for (long k = 0; k < n; k++) {
            long c = src.position();
            String cap = src.countedString();
            fields.add(new ConfigField("capabilities", c, src.position() - c, -1, cap));
            if (cap.equals("x-ignore-shared")) {
              w.ram.ignoreShared = true;
            } else if (cap.equals("mapped-ram")) {
              w.ram.mappedRam = true;
            }
          }
        }
        case "configuration/uuid" -> {
          long p = src.position();
          ByteBuffer uuid = src.take(16);
          fields.add(new ConfigField("uuid", p, 16, -1, hex(uuid)));
        }
        default -> throw new VmStateLoadException("VM subsection '" + name
            + "' in 'configuration' does not exist", sub, "configuration/target-page-bits,"
            + " configuration/capabilities, configuration/uuid", name);
      }
      WirePart b = new WirePart(PartKind.SUBSECTION_BODY, body, src.position() - body, -1, name, -1,
          -1, 0, -1);
      w.report(b);
      w.out.configuration(b, List.copyOf(fields));
    }
  }

  private static String hex(ByteBuffer b) {
    StringBuilder sb = new StringBuilder(b.remaining() * 2);
    for (int i = b.position(); i < b.limit(); i++) {
      sb.append(Character.forDigit((b.get(i) >> 4) & 0xf, 16))
          .append(Character.forDigit(b.get(i) & 0xf, 16));
    }
    return sb.toString();
  }
}
