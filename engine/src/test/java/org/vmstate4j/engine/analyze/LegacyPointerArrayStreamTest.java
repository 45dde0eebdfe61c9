package org.vmstate4j.engine.analyze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vmstate4j.engine.testing.Fields.scalar;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmstate4j.engine.codec.Codecs;
import org.vmstate4j.engine.inspect.Explain;
import org.vmstate4j.engine.inspect.ExplainItem;
import org.vmstate4j.engine.inspect.Explanation;
import org.vmstate4j.engine.model.VmStateDescription;
import org.vmstate4j.engine.model.VmStateField;
import org.vmstate4j.engine.model.VmsFlags;
import org.vmstate4j.engine.stream.LoadResult;
import org.vmstate4j.engine.stream.MigrationStreams;
import org.vmstate4j.engine.stream.ReadOptions;
import org.vmstate4j.engine.stream.Registry;
import org.vmstate4j.engine.stream.StreamReader;
import org.vmstate4j.engine.testing.Access;
import org.vmstate4j.engine.wire.PartKind;
import org.vmstate4j.engine.wire.StreamWalker;
import org.vmstate4j.engine.wire.WirePart;

/**
 * A legacy array of pointers (VMS_ARRAY_OF_POINTER without AUTO_ALLOC) whose first run is
 * populated: QEMU's JSON description claims the whole array for that run ("array_len": 4 for
 * [A, NULL, B, C]). The JSON stays as QEMU writes it; analyze and explain read the stream anyway
 * and say where they departed from the description.
 */
class LegacyPointerArrayStreamTest {
  @TempDir Path dir;

  static final class Triv {
    int i;

    Triv(int i) {
      this.i = i;
    }
  }

  static final class Ptrs {
    Triv[] ar;

    Ptrs(Triv... ar) {
      this.ar = ar;
    }
  }

  static final VmStateDescription TST = VmStateDescription.builder("test/tst").versionId(1)
      .field(scalar(Triv.class, "i", Codecs.INT32).build())
      .build();

  static final String TST_JSON = "{\"vmsd_name\": \"test/tst\", \"version\": 1, \"fields\": "
      + "[{\"name\": \"i\", \"type\": \"int32\", \"size\": 4}]}";

  static VmStateDescription arps(int n) {
    return VmStateDescription.builder("test/arps").versionId(1)
        .field(VmStateField.builder("ar")
            .flags(VmsFlags.ARRAY | VmsFlags.STRUCT | VmsFlags.ARRAY_OF_POINTER).num(n)
            .vmsd(TST).accessor(Access.field(Ptrs.class, "ar")).build())
        .build();
  }

  private Path save(Ptrs p) throws Exception {
    Registry r = new Registry("m");
    r.register("test/arps", arps(p.ar.length), p);
    Path file = dir.resolve("arps.mig");
    MigrationStreams.save(r, file);
    return file;
  }

  /** [A, NULL, B, C], A's first byte 0x77 ('w', the 119 of "Unexpected ptr marker: 119"). */
  private Path firstRunPopulated() throws Exception {
    return save(new Ptrs(new Triv(0x77777777), null, new Triv(2), new Triv(3)));
  }

  private static String entry(int len) {
    return "{\"name\": \"ar\", " + (len > 1 ? "\"array_len\": " + len + ", " : "")
        + "\"type\": \"struct\", \"struct\": " + TST_JSON + ", \"size\": 4}";
  }

  private static String marker(int len) {
    return "{\"name\": \"ar\", " + (len > 1 ? "\"array_len\": " + len + ", " : "")
        + "\"type\": \"ptr-marker\", \"size\": 1}";
  }

  @Test
  void theJsonDescriptionStaysAsQemuWritesIt() throws Exception {
    String json = new String(Files.readAllBytes(firstRunPopulated()), StandardCharsets.UTF_8);
    assertThat(json).contains("\"fields\": [" + entry(4) + ", " + marker(1) + ", " + entry(2)
        + "]");
  }

  @Test
  void analyzeReadsTheFirstRunUpToTheNullMarker() throws Exception {
    AnalyzedStream a = StreamAnalyzer.open(firstRunPopulated());
    assertThat(a.dumpState()).isEqualTo("""
        {
            "test/arps (0)": {
                "ar": [
                    {
                        "i": "0x77777777"
                    },
                    "30",
                    {
                        "i": "0x00000002"
                    },
                    {
                        "i": "0x00000003"
                    }
                ]
            }
        }
        """);
    assertThat(a.notes()).containsExactly("test/arps/ar @41 (0x29): the JSON description gives"
        + " the first run of this array of pointers array_len 4, the whole array's length (as"
        + " QEMU writes it); a NULL marker follows after 1 element, so the run is read as 1"
        + " element");
  }

  @Test
  void explainReadsEveryElementAndSaysWhy() throws Exception {
    Path file = firstRunPopulated();
    Explanation x = Explain.fromStream(file);
    assertThat(x.ok()).as(x.text()).isTrue();
    assertThat(x.stateItems()).extracting(ExplainItem::path, ExplainItem::value).containsExactly(
        org.assertj.core.groups.Tuple.tuple("test/arps/ar[0]/i", "2004318071 (0x77777777)"),
        org.assertj.core.groups.Tuple.tuple("test/arps/ar[1]", "NULL"),
        org.assertj.core.groups.Tuple.tuple("test/arps/ar[2]/i", "2"),
        org.assertj.core.groups.Tuple.tuple("test/arps/ar[3]/i", "3"));
    assertThat(x.notes()).hasSize(1);
    assertThat(x.notes().get(0)).startsWith("0x0029  test/arps/ar: ").contains("array_len 4");
    assertThat(x.lines()).contains("# note " + x.notes().get(0));

  }

  @Test
  void longerRunsAndSeveralNullRuns() throws Exception {
    // [A, B, NULL, NULL, C, NULL, D, E]: runs 2 (claimed as 8), 2 NULL, 1, 1 NULL, 2
    Path file = save(new Ptrs(new Triv(1), new Triv(2), null, null, new Triv(5), null,
        new Triv(7), new Triv(8)));
    String json = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    assertThat(json).contains("\"fields\": [" + entry(8) + ", " + marker(2) + ", " + entry(1)
        + ", " + marker(1) + ", " + entry(2) + "]");

    AnalyzedStream a = StreamAnalyzer.open(file);
    assertThat(a.state().get("test/arps (0)").toString()).isNotEmpty();
    assertThat(a.dumpState().replaceAll("\\s+", "")).isEqualTo("{\"test/arps(0)\":{\"ar\":["
        + "{\"i\":\"0x00000001\"},{\"i\":\"0x00000002\"},\"30\",\"30\",{\"i\":\"0x00000005\"},"
        + "\"30\",{\"i\":\"0x00000007\"},{\"i\":\"0x00000008\"}]}}");
    assertThat(a.notes()).singleElement().asString()
        .contains("array_len 8").contains("after 2 elements");

    Explanation x = Explain.fromStream(file);
    assertThat(x.ok()).as(x.text()).isTrue();
    assertThat(x.stateItems()).extracting(ExplainItem::path).containsExactly(
        "test/arps/ar[0]/i", "test/arps/ar[1]/i", "test/arps/ar[2]", "test/arps/ar[3]",
        "test/arps/ar[4]/i", "test/arps/ar[5]", "test/arps/ar[6]/i", "test/arps/ar[7]/i");
  }

  @Test
  void descriptionsWithoutTheMistakeAreReadAsWritten() throws Exception {
    // a leading NULL run is measured by QEMU: nothing to correct, no note
    Path file = save(new Ptrs(null, new Triv(1), new Triv(2)));
    AnalyzedStream a = StreamAnalyzer.open(file);
    assertThat(a.notes()).isEmpty();
    assertThat(a.dumpState().replaceAll("\\s+", "")).isEqualTo("{\"test/arps(0)\":{\"ar\":["
        + "\"30\",{\"i\":\"0x00000001\"},{\"i\":\"0x00000002\"}]}}");
    Explanation x = Explain.fromStream(file);
    assertThat(x.ok()).as(x.text()).isTrue();
    assertThat(x.notes()).isEmpty();
    assertThat(x.text()).doesNotContain("# note");

    // every element populated: one run that really is the whole array
    Path full = save(new Ptrs(new Triv(1), new Triv(2), new Triv(3)));
    assertThat(StreamAnalyzer.open(full).notes()).isEmpty();
    assertThat(Explain.fromStream(full).notes()).isEmpty();
  }

  static final class Tail {
    int v = 0x1234;
  }

  static final VmStateDescription TAIL = VmStateDescription.builder("test/tail").versionId(1)
      .field(scalar(Tail.class, "v", Codecs.UINT32).build())
      .build();

  /** test/arps with [A, NULL, B, C], then test/tail. */
  private Path twoDevices() throws Exception {
    Registry r = new Registry("m");
    r.register("test/arps", arps(4),
        new Ptrs(new Triv(0x77777777), null, new Triv(2), new Triv(3)));
    r.register("test/tail", TAIL, new Tail());
    Path file = dir.resolve("two.mig");
    MigrationStreams.save(r, file);
    return file;
  }

  @Test
  void theWireWalkerSpansTheSectionAsWritten() throws Exception {
    List<WirePart> parts = new ArrayList<>();
    StreamWalker.walk(twoDevices(), parts::add);
    WirePart body = parts.stream().filter(p -> p.kind() == PartKind.DEVICE_FIELDS
        && p.name().equals("test/arps")).findFirst().orElseThrow();
    // 4 + 1 + 4 + 4 bytes, not the 4 x 4 + 1 + 2 x 4 the entries add up to when read literally
    assertThat(body.length()).isEqualTo(13);
    assertThat(parts).anyMatch(p -> p.kind() == PartKind.DEVICE_FIELDS
        && p.name().equals("test/tail") && p.length() == 4);
  }

  @Test
  void aLoaderThatSkipsTheDeviceTakesItsSizeFromTheRuns() throws Exception {
    Tail t = new Tail();
    t.v = 0;
    Registry dst = new Registry("m");
    dst.register("test/tail", TAIL, t);
    LoadResult res = new StreamReader(dst, ReadOptions.DEFAULT.withSkipUnknown(true))
        .read(twoDevices());
    assertThat(res.skipped()).singleElement().extracting(LoadResult.Skipped::how)
        .isEqualTo("size from the stream's JSON description (13 bytes)");
    assertThat(t.v).isEqualTo(0x1234);
  }
}
