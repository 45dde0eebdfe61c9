package org.vmstate4j.engine.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmstate4j.engine.analyze.DecodedValue.BoolValue;
import org.vmstate4j.engine.analyze.DecodedValue.BytesValue;
import org.vmstate4j.engine.analyze.DecodedValue.IntValue;
import org.vmstate4j.engine.analyze.DecodedValue.ListValue;
import org.vmstate4j.engine.analyze.DecodedValue.NullPointerValue;
import org.vmstate4j.engine.analyze.DecodedValue.StructValue;
import org.vmstate4j.engine.analyze.DecodedValue.TextValue;

/**
 * Streams built by hand. Expected dumps were checked against analyze-migration.py (0002b0db),
 * except where the script cannot read the stream (configuration subsections without a
 * configuration description), where they must equal the described variant's.
 */
class GeneratedStreamTest {
  @TempDir Path dir;

  @Test
  void kitchenSinkDecodesLikeTheScript() throws IOException {
    AnalyzedStream stream = StreamAnalyzer.open(GeneratedStreams.kitchenSink().write(dir, "k.mig"));
    assertThat(stream.dumpState()).isEqualTo(GeneratedStreams.KITCHEN_SINK_STATE);
  }

  @Test
  void kitchenSinkItemsAndValues() throws IOException {
    AnalyzedStream stream = StreamAnalyzer.read(
        new ByteArrayInputStream(GeneratedStreams.kitchenSink().bytes()));
    assertThat(stream.items()).extracting(StreamItem::kind).containsExactly(
        ItemKind.CONFIGURATION, ItemKind.START, ItemKind.COMMAND, ItemKind.PART, ItemKind.START,
        ItemKind.END, ItemKind.END, ItemKind.FULL, ItemKind.FULL, ItemKind.EOF);
    StreamItem command = stream.items().get(2);
    assertThat(command.idstr()).isEqualTo("SWITCHOVER_START");
    assertThat(command.dataEnd()).isEqualTo(command.headerOffset() + 5);

    StreamItem legacy = stream.items().get(8);
    assertThat(legacy.idstr()).isEqualTo("legacy");
    assertThat(legacy.instanceId()).isEqualTo(3);
    assertThat(legacy.dataEnd() - legacy.dataOffset()).isEqualTo(6);
    assertThat(legacy.footerOffset()).isEqualTo(legacy.dataEnd());

    StructValue dev = (StructValue) stream.state().get("dev (0)");
    assertThat(dev.fields().get("b")).isInstanceOf(BoolValue.class);
    IntValue i8 = (IntValue) dev.fields().get("i8");
    assertThat(i8.signed()).isTrue();
    assertThat(i8.value()).isEqualTo(BigInteger.valueOf(-1));
    assertThat(((IntValue) dev.fields().get("u64")).value())
        .isEqualTo(new BigInteger("ffffffffffffffff", 16));
    List<DecodedValue> ptrs = ((ListValue) dev.fields().get("ptrs")).items();
    assertThat(ptrs.get(0)).isInstanceOf(NullPointerValue.class);
    assertThat(ptrs).hasSize(3);
    assertThat(((BytesValue) dev.fields().get("mystery")).data()).containsExactly(1, 2, 3);
    assertThat(((StructValue) dev.fields().get("dev/extra")).fields()).containsOnlyKeys("e");
  }

  @Test
  void legacySizeOnlySectionDecodes() throws IOException {
    AnalyzedStream stream = StreamAnalyzer.open(GeneratedStreams.kitchenSink().write(dir, "k.mig"));
    StructValue legacy = (StructValue) stream.state().get("legacy (2)");
    assertThat(((BytesValue) legacy.fields().get("data")).text()).isEqualTo("0a 0b 0c 0d 0e 0f");
  }

  @Test
  void unknownCodecIsSkippedBySize() throws IOException {
    AnalyzedStream stream = StreamAnalyzer.open(GeneratedStreams.kitchenSink().write(dir, "k.mig"));
    StructValue dev = (StructValue) stream.state().get("dev (0)");
    BytesValue mystery = (BytesValue) dev.fields().get("mystery");
    BytesValue vstruct = (BytesValue) dev.fields().get("vs");
    assertThat(mystery.size()).isEqualTo(3);
    assertThat(vstruct.offset()).isEqualTo(mystery.offset() + 3);
    assertThat(vstruct.text()).isEqualTo("ab cd");
  }

  @Test
  void configurationDescribedByTheVmdesc() throws IOException {
    AnalyzedStream stream = StreamAnalyzer.open(
        GeneratedStreams.configurationWithSubsections(true).write(dir, "c.mig"));
    assertThat(stream.dumpState()).isEqualTo(GeneratedStreams.CONFIGURATION_STATE);
    assertConfigurationValue(stream.items().get(0));
  }

  @Test
  void configurationSubsectionsWithoutDescriptionUseTheKnownLayout() throws IOException {
    AnalyzedStream stream = StreamAnalyzer.open(
        GeneratedStreams.configurationWithSubsections(false).write(dir, "c.mig"));
    assertThat(stream.dumpState()).isEqualTo(GeneratedStreams.CONFIGURATION_STATE);
    StreamItem config = stream.items().get(0);
    assertConfigurationValue(config);
    assertThat(config.headerOffset()).isEqualTo(8);
    assertThat(config.dataEnd()).isEqualTo(stream.items().get(1).headerOffset());
  }

  private static void assertConfigurationValue(StreamItem config) {
    assertThat(config.kind()).isEqualTo(ItemKind.CONFIGURATION);
    StructValue value = (StructValue) config.value();
    assertThat(value.fields()).containsKeys("len", "name", ConfigurationReader.TARGET_PAGE_BITS,
        ConfigurationReader.CAPABILITIES, ConfigurationReader.UUID);
    StructValue caps = (StructValue) value.fields().get(ConfigurationReader.CAPABILITIES);
    assertThat(((ListValue) caps.fields().get("capabilities")).items())
        .containsExactly(new TextValue("x-ignore-shared"), new TextValue("validate-uuid"));
    StructValue bits = (StructValue) value.fields().get(ConfigurationReader.TARGET_PAGE_BITS);
    assertThat(((IntValue) bits.fields().get("target_page_bits")).value()).isEqualTo(12);
    StructValue uuid = (StructValue) value.fields().get(ConfigurationReader.UUID);
    assertThat(((ListValue) uuid.fields().get("uuid.data")).items()).hasSize(16);
  }

  @Test
  void streamWithoutConfigurationOrFooters() throws IOException {
    AnalyzedStream stream = StreamAnalyzer.open(
        GeneratedStreams.withoutConfigurationOrFooters().write(dir, "n.mig"));
    assertThat(stream.dumpState()).isEqualTo(GeneratedStreams.WITHOUT_CONFIGURATION_STATE);
    assertThat(stream.items()).extracting(StreamItem::kind)
        .containsExactly(ItemKind.FULL, ItemKind.FULL, ItemKind.EOF);
    assertThat(stream.items().get(0).footerOffset()).isEqualTo(StreamItem.ABSENT);
  }

  @Test
  void vmdescFoundWhenItsLengthContainsABrace() throws IOException {
    // length 0x00007b10 is 00 00 7b 10: its last NUL is followed by '{' (0x7b), so the script's
    // guess points into the length and it gives up; the JSON ends at the end of the file though
    String head = "{\"page_size\": 4096,";
    String tail = " \"devices\": []}";
    String json = head + " ".repeat(0x7b10 - head.length() - tail.length()) + tail;
    assertThat(json).hasSize(0x7b10);
    TestStream s = TestStream.header().eof().vmdesc(json);
    assertThat(StreamAnalyzer.open(s.write(dir, "brace.mig")).dumpState()).isEqualTo("{}\n");
  }

  @Test
  void htabAndStorageAttributeSectionsAreSkipped() throws IOException {
    AnalyzedStream stream = StreamAnalyzer.open(
        GeneratedStreams.specialSections().write(dir, "special.mig"));
    assertThat(stream.dumpState()).isEqualTo(GeneratedStreams.SPECIAL_SECTIONS_STATE);
    StreamItem storageEnd = stream.items().get(4);
    assertThat(storageEnd.kind()).isEqualTo(ItemKind.END);
    assertThat(storageEnd.footerOffset() - storageEnd.dataOffset()).isEqualTo(8);
  }
}
