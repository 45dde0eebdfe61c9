package org.vmstate4j.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.vmstate4j.dsl.qemu.GlobalState;
import org.vmstate4j.dsl.qemu.IsaSerial;
import org.vmstate4j.dsl.qemu.Mc146818Rtc;
import org.vmstate4j.dsl.qemu.Timers;
import org.vmstate4j.engine.io.VmOutput;
import org.vmstate4j.engine.json.VmDescWriter;
import org.vmstate4j.engine.model.VmStateDescription;
import org.vmstate4j.engine.state.VmState;
import org.vmstate4j.engine.wire.RamFlags;
import org.vmstate4j.engine.wire.WireFormat;

/**
 * Writes a stream of any size laid out as QEMU 7.2 writes a precopy migration of a pc guest,
 * with the engine's own writer ({@link VmOutput}, {@link VmState#save}, {@link VmDescWriter}):
 * header, configuration, a {@code ram} START section with the block list (pc.ram, pc.bios,
 * pc.rom), PART sections of 64 MiB of page records each (a ZERO record for every 16th page,
 * PAGE records of pseudo-random bytes for the others; the first record of a block names it, the
 * others have CONTINUE, also at the start of a section, as QEMU writes them), the END section, FULL sections of serial, mc146818rtc,
 * timer and globalstate from the QEMU catalog, EOF and the JSON description.
 *
 * <p>The variant differs from the normal stream in exactly two places: one byte of the RAM page
 * at {@link #PAGE_CHANGED} and the serial port's scratch register.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar org.vmstate4j.bench.SyntheticStream FILE MIB [--variant]
 * </pre>
 */
public final class SyntheticStream {
  /** The guest address of the page the variant changes. */
  public static final long PAGE_CHANGED = 0x1234000L;
  /** Where the serial device's scratch register is for {@code edit} and {@code diff}. */
  public static final String SCR = "serial/state/scr";

  private static final int PAGE = 4096;
  private static final int PAGES_PER_SECTION = 16384;
  private static final int RAM_SECTION = 2;
  private static final long BIOS = 256 << 10;
  private static final long ROM = 128 << 10;

  private SyntheticStream() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println("usage: SyntheticStream FILE MIB [--variant]");
      System.exit(2);
    }
    long mib = Long.parseLong(args[1]);
    boolean variant = args.length > 2 && args[2].equals("--variant");
    long t0 = System.nanoTime();
    long n = write(Path.of(args[0]), mib << 20, variant);
    System.err.printf("wrote %s: %d bytes in %.1f s%n", args[0], n,
        (System.nanoTime() - t0) / 1e9);
  }

  /** Writes the stream with {@code ramBytes} of pc.ram; returns its length. */
  public static long write(Path file, long ramBytes, boolean variant) throws IOException {
    try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
      VmOutput out = VmOutput.to(os);
      out.writeInt(WireFormat.MAGIC);
      out.writeInt(WireFormat.VERSION);
      byte[] machine = "pc-i440fx-7.2".getBytes(StandardCharsets.US_ASCII);
      out.writeByte(WireFormat.CONFIGURATION);
      out.writeInt(machine.length);
      out.write(machine);

      out.writeByte(WireFormat.SECTION_START);
      out.writeInt(RAM_SECTION);
      out.writeCountedString("ram");
      out.writeInt(0);
      out.writeInt(4);
      out.writeLong((ramBytes + BIOS + ROM) | RamFlags.MEM_SIZE);
      block(out, "pc.ram", ramBytes);
      block(out, "pc.bios", BIOS);
      block(out, "pc.rom", ROM);
      out.writeLong(RamFlags.EOS);
      footer(out, RAM_SECTION);

      byte[] page = new byte[PAGE];
      pages(out, "pc.ram", ramBytes, page, variant);
      pages(out, "pc.bios", BIOS, page, false);
      pages(out, "pc.rom", ROM, page, false);

      out.writeByte(WireFormat.SECTION_END);
      out.writeInt(RAM_SECTION);
      out.writeLong(RamFlags.EOS);
      footer(out, RAM_SECTION);

      VmDescWriter json = VmDescWriter.inMemory();
      json.beginObject();
      json.number("page_size", PAGE);
      json.beginArray("devices");
      IsaSerial serial = new IsaSerial();
      serial.state.scr = variant ? 0x5a : 0;
      serial.state.lsr = 0x60;
      Mc146818Rtc rtc = new Mc146818Rtc();
      for (int i = 0; i < rtc.cmosData.length; i++) {
        rtc.cmosData[i] = (byte) (i * 7);
      }
      Timers timers = new Timers();
      timers.cpuClockOffset = 123456789L;
      GlobalState global = new GlobalState().runstateName("running");
      global.size = "running".length() + 1;
      int id = 3;
      device(out, json, id++, "timer", Timers.VMSD, timers);
      device(out, json, id++, "serial", IsaSerial.VMSD, serial);
      device(out, json, id++, "mc146818rtc", Mc146818Rtc.VMSD, rtc);
      device(out, json, id, "globalstate", GlobalState.VMSD, global);
      out.writeByte(WireFormat.EOF);
      json.endArray();
      json.endObject();
      byte[] desc = json.toBytes();
      out.writeByte(WireFormat.VMDESCRIPTION);
      out.writeInt(desc.length);
      out.write(desc);
      out.flush();
      return out.position();
    }
  }

  private static void block(VmOutput out, String name, long length) {
    out.writeCountedString(name);
    out.writeLong(length);
  }

  private static void footer(VmOutput out, int id) {
    out.writeByte(WireFormat.SECTION_FOOTER);
    out.writeInt(id);
  }

  /** The pages of one block in PART sections, each ending with EOS and its footer. */
  private static void pages(VmOutput out, String block, long length, byte[] page,
      boolean variant) {
    long pages = length / PAGE;
    for (long first = 0; first < pages; first += PAGES_PER_SECTION) {
      out.writeByte(WireFormat.SECTION_PART);
      out.writeInt(RAM_SECTION);
      long last = Math.min(pages, first + PAGES_PER_SECTION);
      for (long p = first; p < last; p++) {
        long addr = p * PAGE;
        // as QEMU: only a change of block names it, also across sections
        int cont = p == 0 ? 0 : RamFlags.CONTINUE;
        if (p % 16 == 15) {
          out.writeLong(addr | RamFlags.ZERO | cont);
          if (cont == 0) {
            out.writeCountedString(block);
          }
          out.writeByte(0);
          continue;
        }
        SplittableRandom r = new SplittableRandom(addr * 31 + block.length());
        for (int i = 0; i < PAGE; i += 8) {
          VmOutput.putLong(page, i, r.nextLong());
        }
        if (variant && addr == PAGE_CHANGED) {
          page[100] ^= (byte) 0xff;
        }
        out.writeLong(addr | RamFlags.PAGE | cont);
        if (cont == 0) {
          out.writeCountedString(block);
        }
        out.write(page);
      }
      out.writeLong(RamFlags.EOS);
      footer(out, RAM_SECTION);
    }
  }

  private static void device(VmOutput out, VmDescWriter json, int id, String idstr,
      VmStateDescription d, Object obj) {
    out.writeByte(WireFormat.SECTION_FULL);
    out.writeInt(id);
    out.writeCountedString(idstr);
    out.writeInt(0);
    out.writeInt(d.versionId());
    json.beginObject();
    json.string("name", idstr);
    json.number("instance_id", 0);
    VmState.save(d, obj, out, json);
    json.endObject();
    footer(out, id);
  }
}
