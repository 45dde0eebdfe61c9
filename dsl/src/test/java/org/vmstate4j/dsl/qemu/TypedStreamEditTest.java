package org.vmstate4j.dsl.qemu;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vmstate4j.engine.analyze.AnalyzedStream;
import org.vmstate4j.engine.analyze.DecodedValue.IntValue;
import org.vmstate4j.engine.analyze.DecodedValue.StructValue;
import org.vmstate4j.engine.analyze.StreamAnalyzer;
import org.vmstate4j.engine.edit.StreamEdit;
import org.vmstate4j.engine.state.VmState;
import org.vmstate4j.engine.stream.Registry;
import org.vmstate4j.engine.wire.PartKind;
import org.vmstate4j.engine.wire.StreamWalker;
import org.vmstate4j.engine.wire.WirePart;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Typed edits through the catalog's serial description on a stream QEMU 7.2 wrote. */
class TypedStreamEditTest {
  @TempDir Path tmp;

  static Path sample() throws Exception {
    return Path.of(TypedStreamEditTest.class.getResource("/qemu-samples/pc-serial-net.mig")
        .toURI());
  }

  @Test
  void tsrRetryMakesTheTsrSubsectionAppearAndTheJsonEntryFollows() throws Exception {
    IsaSerial serial = new IsaSerial();
    Registry registry = new Registry();
    registry.register("serial", IsaSerial.VMSD, serial);
    Path out = tmp.resolve("tsr.mig");
    StreamEdit.of(sample()).edit(registry, r -> serial.state.tsrRetry = 3).writeTo(out);

    byte[] before = Files.readAllBytes(sample());
    byte[] after = Files.readAllBytes(out);
    WirePart body = fields(sample());
    WirePart newBody = fields(out);
    assertThat(body.length()).isEqualTo(11);
    // the section grows from 11 to 33 bytes: 0x05, "serial/tsr", version, 4 fields
    List<WirePart> grown = parts(out);
    // serial/tsr belongs to the struct field 'state', so it lies inside the section's fields
    assertThat(newBody.length()).isEqualTo(33);
    assertThat(new String(Arrays.copyOfRange(Files.readAllBytes(out),
        (int) newBody.offset() + 13, (int) newBody.offset() + 23))).isEqualTo("serial/tsr");
    long serialEnd = grown.stream().filter(p -> p.kind() == PartKind.FOOTER
        && p.sectionId() == 40).findFirst().orElseThrow().offset();
    assertThat(serialEnd - newBody.offset()).isEqualTo(33);
    // bytes before the body and from the footer to EOF are unchanged
    int at = (int) body.offset();
    assertThat(Arrays.copyOf(after, at)).isEqualTo(Arrays.copyOf(before, at));
    long oldEof = eof(sample());
    long newEof = eof(out);
    assertThat(Arrays.copyOfRange(after, (int) serialEnd, (int) newEof + 1))
        .isEqualTo(Arrays.copyOfRange(before, (int) body.end(), (int) oldEof + 1));

    AnalyzedStream reread = StreamAnalyzer.open(out);
    StructValue s = (StructValue) reread.state().get("serial (40)");
    StructValue state = (StructValue) s.fields().get("state");
    StructValue tsr = (StructValue) state.fields().get("serial/tsr");
    assertThat(((IntValue) tsr.fields().get("tsr_retry")).value())
        .isEqualTo(BigInteger.valueOf(3));
    JsonMapper json = JsonMapper.builder().build();
    JsonNode entry = null;
    for (JsonNode d : json.readTree(reread.dumpDesc()).path("devices")) {
      if (d.path("name").asString().equals("serial")) {
        entry = d;
      }
    }
    assertThat(entry).isNotNull();
    JsonNode expected = json.readTree(VmState.describe(IsaSerial.VMSD, serial));
    assertThat(entry.path("fields")).isEqualTo(expected.path("fields"));
    assertThat(entry.path("fields").get(0).path("struct").path("subsections").get(0)
        .path("vmsd_name").asString()).isEqualTo("serial/tsr");
    // the other devices' entries are unchanged
    JsonNode oldDesc = json.readTree(StreamAnalyzer.open(sample()).dumpDesc());
    JsonNode newDesc = json.readTree(reread.dumpDesc());
    assertThat(newDesc.path("devices").size()).isEqualTo(oldDesc.path("devices").size());
    for (int i = 0; i < oldDesc.path("devices").size(); i++) {
      if (!oldDesc.path("devices").get(i).path("name").asString().equals("serial")) {
        assertThat(newDesc.path("devices").get(i)).isEqualTo(oldDesc.path("devices").get(i));
      }
    }
  }

  @Test
  void aTypedEditThatChangesNothingKeepsTheStreamByteIdentical() throws Exception {
    IsaSerial serial = new IsaSerial();
    Registry registry = new Registry();
    registry.register("serial", IsaSerial.VMSD, serial);
    Path out = tmp.resolve("same.mig");
    StreamEdit.of(sample()).edit(registry, r -> { }).writeTo(out);
    assertThat(Files.readAllBytes(out)).isEqualTo(Files.readAllBytes(sample()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"pc-min.mig", "pc-serial-net.mig"})
  void everyCatalogDeviceDecodedAndEncodedAgainKeepsTheStreamByteIdentical(String name)
      throws Exception {
    Path in = Path.of(TypedStreamEditTest.class.getResource("/qemu-samples/" + name).toURI());
    Registry all = QemuDevices.registryFor(in);
    assertThat(all.size()).isGreaterThanOrEqualTo(13);
    Path out = tmp.resolve("all-" + name);
    StreamEdit.of(in).edit(all, r -> { }).writeTo(out);
    assertThat(Files.readAllBytes(out)).isEqualTo(Files.readAllBytes(in));
  }

  static List<WirePart> parts(Path file) throws Exception {
    List<WirePart> parts = new ArrayList<>();
    StreamWalker.walk(file, parts::add);
    return parts;
  }

  static WirePart fields(Path file) throws Exception {
    return parts(file).stream().filter(p -> p.kind() == PartKind.DEVICE_FIELDS
        && p.name().equals("serial")).findFirst().orElseThrow();
  }

  static long eof(Path file) throws Exception {
    return parts(file).stream().filter(p -> p.kind() == PartKind.EOF).findFirst().orElseThrow()
        .offset();
  }
}
