package org.vmstate4j.engine.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vmstate4j.engine.VmStateLoadException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class StreamWalkerTest {
  @TempDir Path tmp;

  static Path sample(String name) throws URISyntaxException {
    return Path.of(StreamWalkerTest.class.getResource("/qemu-samples/" + name).toURI());
  }

  static List<WirePart> walk(Path file) throws IOException {
    List<WirePart> parts = new ArrayList<>();
    StreamWalker.walk(file, parts::add);
    return parts;
  }

  /** Reads in small, uneven pieces, as a socket would. */
  static InputStream trickle(byte[] data) {
    return new FilterInputStream(new ByteArrayInputStream(data)) {
      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        return super.read(b, off, Math.min(len, 777));
      }
    };
  }

  @ParameterizedTest
  @ValueSource(strings = {"none.mig", "pc-min.mig", "pc-serial-net.mig"})
  void partsTileTheWholeStream(String name) throws Exception {
    List<WirePart> parts = walk(sample(name));
    long at = 0;
    for (WirePart p : parts) {
      assertThat(p.offset()).as("%s", p).isEqualTo(at);
      at = p.end();
    }
    assertThat(at).isEqualTo(Files.size(sample(name)));
    assertThat(parts.get(0).kind()).isEqualTo(PartKind.HEADER);
    assertThat(parts.get(parts.size() - 2).kind()).isEqualTo(PartKind.EOF);
    assertThat(parts.get(parts.size() - 1).kind()).isEqualTo(PartKind.VMDESC);
  }

  @Test
  void theConfigurationPartNamesTheMachineType() throws Exception {
    WirePart config = walk(sample("pc-min.mig")).get(1);
    assertThat(config.kind()).isEqualTo(PartKind.CONFIGURATION);
    assertThat(config.name()).isEqualTo("pc-i440fx-7.2");
    // 0x07, be32 length, the name
    assertThat(config.length()).isEqualTo(5 + "pc-i440fx-7.2".length());
  }

  @Test
  void sectionSpansMatchQemusAnalyzer() throws Exception {
    List<WirePart> parts = walk(sample("pc-min.mig"));
    JsonNode expected = JsonMapper.builder().build()
        .readTree(Files.readString(sample("pc-min.sections.json")));
    int checked = 0;
    for (JsonNode e : expected) {
      if (!e.has("data_offset")) {
        continue;
      }
      long header = e.get("header_offset").asLong();
      WirePart h = parts.stream().filter(p -> p.offset() == header).findFirst().orElseThrow();
      assertThat(h.kind().name()).isEqualTo("SECTION_" + e.get("kind").asString());
      assertThat(h.sectionId()).isEqualTo(e.get("section_id").asLong());
      assertThat(h.name()).isEqualTo(e.get("idstr").asString());
      assertThat(h.end()).isEqualTo(e.get("data_offset").asLong());
      long footer = e.get("footer_offset").asLong();
      WirePart f = parts.stream().filter(p -> p.offset() == footer).findFirst().orElseThrow();
      assertThat(f.kind()).isEqualTo(PartKind.FOOTER);
      assertThat(f.sectionId()).isEqualTo(h.sectionId());
      checked++;
    }
    assertThat(checked).isGreaterThan(30);
    assertThat(parts).filteredOn(p -> p.kind() == PartKind.SUBSECTION)
        .extracting(WirePart::name)
        .contains("cpu/poll_control_msr", "fw_cfg/dma", "piix4_pm/memhp")
        .doesNotContain("fdrive/media_rate", "pckbd/extended_state"); // nested in a struct field
    WirePart zero = parts.stream().filter(p -> p.kind() == PartKind.RAM_RECORD
        && (p.flags() & RamFlags.ZERO) != 0).findFirst().orElseThrow();
    assertThat(zero.name()).isEqualTo("pc.ram");
  }

  @ParameterizedTest
  @ValueSource(strings = {"none.mig", "pc-min.mig", "pc-serial-net.mig"})
  void inputStreamGivesTheSamePartsAsTheFile(String name) throws Exception {
    List<WirePart> fromStream = new ArrayList<>();
    VmDescription d = StreamWalker.walk(trickle(Files.readAllBytes(sample(name))),
        fromStream::add);
    assertThat(fromStream).isEqualTo(walk(sample(name)));
    assertThat(d).isNotNull();
    assertThat(d.markerOffset()).isEqualTo(fromStream.get(fromStream.size() - 1).offset());
  }

  @Test
  void aRecordWithContinueAtTheStartOfASectionIsInTheBlockNamedBefore() throws Exception {
    // QEMU keeps its last sent block across sections: a PART may start with CONTINUE
    java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
    java.io.DataOutputStream d = new java.io.DataOutputStream(b);
    d.writeInt(WireFormat.MAGIC);
    d.writeInt(3);
    d.writeByte(WireFormat.SECTION_START);
    d.writeInt(2);
    d.writeByte(3);
    d.writeBytes("ram");
    d.writeInt(0);
    d.writeInt(4);
    d.writeLong(0x2000 | RamFlags.MEM_SIZE);
    d.writeByte(6);
    d.writeBytes("pc.ram");
    d.writeLong(0x2000);
    d.writeLong(RamFlags.EOS);
    for (int page = 0; page < 2; page++) {
      d.writeByte(WireFormat.SECTION_PART);
      d.writeInt(2);
      d.writeLong(page * 0x1000L | RamFlags.ZERO | (page == 0 ? 0 : RamFlags.CONTINUE));
      if (page == 0) {
        d.writeByte(6);
        d.writeBytes("pc.ram");
      }
      d.writeByte(0);
      d.writeLong(RamFlags.EOS);
    }
    d.writeByte(WireFormat.EOF);
    List<WirePart> zero = new ArrayList<>();
    StreamWalker.walk(b.toByteArray(), WireOptions.DEFAULT, p -> {
      if (p.kind() == PartKind.RAM_RECORD && (p.flags() & RamFlags.ZERO) != 0) {
        zero.add(p);
      }
    });
    assertThat(zero).extracting(WirePart::name).containsExactly("pc.ram", "pc.ram");
    assertThat(zero).extracting(WirePart::address).containsExactly(0L, 0x1000L);
  }

  @Test
  void truncatedStreamNamesTheOffsetAndThePart() throws Exception {
    byte[] all = Files.readAllBytes(sample("pc-min.mig"));
    byte[] cut = Arrays.copyOf(all, 100_000); // inside the RAM PART section (id 2)
    assertThatThrownBy(() -> StreamWalker.walk(new ByteArrayInputStream(cut), p -> { }))
        .isInstanceOf(VmStateLoadException.class)
        .hasMessageContaining("unexpected end of stream in section 'ram' (id 2, header at 196)")
        .hasMessageContaining("100000");
    Path file = tmp.resolve("cut.mig");
    Files.write(file, cut);
    assertThatThrownBy(() -> StreamWalker.walk(file, p -> { }))
        .hasMessageContaining("section 'ram' (id 2, header at 196)");
  }
}
