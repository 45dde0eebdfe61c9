package org.vmstate4j.engine.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.Arrays;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmstate4j.engine.inspect.ExplainItem.Kind;
import org.vmstate4j.engine.testing.NvmeLiteModel;
import org.vmstate4j.engine.testing.NvmeLiteModel.Ctrl;
import org.vmstate4j.engine.testing.NvmeLiteModel.Sq;
import org.vmstate4j.engine.wire.PartKind;
import org.vmstate4j.engine.wire.RamFlags;
import org.vmstate4j.engine.wire.StreamWalker;
import org.vmstate4j.engine.wire.WirePart;

/** diff: the first differing item by path, with offsets and values in both streams. */
class DiffTest {
  @TempDir Path tmp;

  @Test
  void oneQueueFieldDiffers() {
    Ctrl b = NvmeLiteModel.example();
    b.sq[2].head = 0x11;
    byte[] sa = NvmeLiteModel.stream(NvmeLiteModel.example());
    byte[] sb = NvmeLiteModel.stream(b);
    for (DiffResult d : List.of(Diff.streams(sa, sb),
        Diff.streams(NvmeLiteModel.registry(Ctrl.configured(4)), sa, sb))) {
      assertThat(d.count()).isEqualTo(1);
      DiffResult.Difference f = d.first();
      assertThat(f.path()).isEqualTo("nvme-lite/sq[2]/head");
      assertThat(f.a().offset()).isEqualTo(0x6c);
      assertThat(f.b().offset()).isEqualTo(0x6c);
      assertThat(f.a().value()).isEqualTo("16 (0x10)");
      assertThat(f.b().value()).isEqualTo("17 (0x11)");
      assertThat(d.firstByte()).isEqualTo(0x6f);
      assertThat(d.lines()).containsExactly(
          "first difference: nvme-lite/sq[2]/head: A @0x6c uint32 16 (0x10)"
              + " | B @0x6c uint32 17 (0x11)",
          "1 item differs; first differing byte at 0x6f");
    }
    assertThat(Diff.streams(sa, sa.clone()).same()).isTrue();
  }

  @Test
  void aPopulatedSlotShiftsEverythingAfterIt() {
    Ctrl b = NvmeLiteModel.example();
    b.sq[1] = Sq.of(1, 0, 0, 0, 64, 0x90000L);
    DiffResult d = Diff.streams(NvmeLiteModel.stream(NvmeLiteModel.example()),
        NvmeLiteModel.stream(b));
    assertThat(d.first().path()).isEqualTo("nvme-lite/sq[1]");
    assertThat(d.first().kind()).isEqualTo(Kind.MARKER);
    assertThat(d.first().a().value()).isEqualTo("NULL");
    assertThat(d.first().b().value()).isEqualTo("VALID");
    // the six fields of sq[1] exist only in B; later items differ in offset, not in bytes
    assertThat(d.differences()).filteredOn(x -> x.a() == null).hasSize(6);
    assertThat(d.differences()).extracting(DiffResult.Difference::path)
        .doesNotContain("nvme-lite/sq[2]/head", "nvme-lite/cq[1]/head");
  }

  @Test
  void aRamPageAndADeviceByteAreReportedByPath() throws Exception {
    Path pa = ExplainPcMinTest.sample("pc-min.mig");
    byte[] b = Files.readAllBytes(pa);
    List<WirePart> pages = new ArrayList<>();
    StreamWalker.walk(pa, p -> {
      if (p.kind() == PartKind.RAM_RECORD && p.name().equals("pc.bios")
          && (p.flags() & ~RamFlags.CONTINUE) == RamFlags.PAGE) {
        pages.add(p);
      }
    });
    WirePart page = pages.get(pages.size() - 1);
    b[(int) page.end() - 100] ^= 0x01; // a byte of the page's data
    b[0x3a5e9 + 3] = 0x11; // cpu_common/interrupt_request 0x10 -> 0x11
    Path pb = tmp.resolve("b.mig");
    Files.write(pb, b);
    DiffResult d = Diff.files(pa, pb);
    String path = "ram/" + page.name() + " @ 0x" + Long.toHexString(page.address());
    assertThat(path).isEqualTo("ram/pc.bios @ 0x3f000");
    assertThat(d.count()).isEqualTo(2);
    assertThat(d.differences()).extracting(DiffResult.Difference::path)
        .containsExactly(path, "cpu_common/interrupt_request");
    DiffResult.Difference ram = d.first();
    assertThat(ram.kind()).isEqualTo(Kind.RAM);
    assertThat(ram.a().offset()).isEqualTo(page.offset());
    assertThat(ram.b().offset()).isEqualTo(page.offset());
    assertThat(d.lines().get(0)).startsWith("first difference: " + path + ": A @0x"
        + Long.toHexString(page.offset()) + " ram-page page, 4096 bytes");
    // the same pages sent in another order are the same RAM
    assertThat(Diff.files(pa, pa).same()).isTrue();
  }

  @Test
  void pcMinWithOneByteChanged() throws Exception {
    byte[] a = Files.readAllBytes(ExplainPcMinTest.sample("pc-min.mig"));
    byte[] b = a.clone();
    b[0x3a5e9 + 3] = 0x11; // cpu_common/interrupt_request 0x10 -> 0x11
    Path pa = tmp.resolve("a.mig");
    Path pb = tmp.resolve("b.mig");
    Files.write(pa, a);
    Files.write(pb, b);
    DiffResult d = Diff.files(pa, pb);
    assertThat(d.count()).isEqualTo(1);
    assertThat(d.first().path()).isEqualTo("cpu_common/interrupt_request");
    assertThat(d.first().a().offset()).isEqualTo(0x3a5e9);
    assertThat(d.first().a().value()).isEqualTo("16 (0x10)");
    assertThat(d.first().b().value()).isEqualTo("17 (0x11)");
    assertThat(d.firstByte()).isEqualTo(0x3a5ec);
    assertThat(d.lines()).startsWith(
        "first difference: cpu_common/interrupt_request: A @0x3a5e9 uint32 16 (0x10)"
            + " | B @0x3a5e9 uint32 17 (0x11)",
        "1 item differs; first differing byte at 0x3a5ec");
    assertThat(Diff.files(pa, pa).same()).isTrue();
  }

  @Test
  void truncatedStreamsAreNeverIdentical() {
    byte[] whole = NvmeLiteModel.stream(NvmeLiteModel.example());
    byte[] cut = Arrays.copyOf(whole, 0x70);
    DiffResult d = Diff.streams(cut, cut.clone());
    assertThat(d.same()).isFalse();
    assertThat(d.lines()).noneMatch(l -> l.contains("identical"));
    assertThat(d.lines().get(0)).isEqualTo("no item differs up to where reading stopped");
    assertThat(d.lines()).anyMatch(l -> l.startsWith("A stops at 0x"))
        .anyMatch(l -> l.startsWith("B stops at 0x"));
  }
}
