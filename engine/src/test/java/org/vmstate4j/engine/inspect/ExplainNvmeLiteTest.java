package org.vmstate4j.engine.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vmstate4j.engine.inspect.ExplainItem.Kind;
import org.vmstate4j.engine.inspect.Explanation.View;
import org.vmstate4j.engine.stream.MigrationStreams;
import org.vmstate4j.engine.stream.Registry;
import org.vmstate4j.engine.testing.NvmeLiteModel;
import org.vmstate4j.engine.testing.NvmeLiteModel.Ctrl;
import org.vmstate4j.engine.testing.Readme;

/**
 * explain on the nvme-lite stream: a registry with the controller saved to a stream file, read
 * back by a destination registry (configured, empty queue slots) and by the stream's own JSON.
 */
class ExplainNvmeLiteTest {
  /** Where the text for the README goes. */
  static final Path OUT = Path.of("target", "explain-nvme-lite.txt");

  @Test
  void bothViewsOfTheNvmeLiteStream() throws Exception {
    Path file = Files.createTempFile("nvme-lite-", ".mig");
    try {
      MigrationStreams.save(NvmeLiteModel.registry(NvmeLiteModel.example()), file);
      Registry destination = NvmeLiteModel.registry(Ctrl.configured(4));
      Explanation dst = Explain.of(destination, file);
      Explanation src = Explain.fromStream(file);

      assertThat(dst.ok()).as(dst.text()).isTrue();
      assertThat(src.ok()).as(src.text()).isTrue();
      assertThat(dst.view()).isEqualTo(View.DESTINATION);
      assertThat(src.view()).isEqualTo(View.SOURCE);
      // the destination was only dry-run: its slots are still empty
      Ctrl c = (Ctrl) destination.entries().get(0).object();
      assertThat(c.sq).containsOnlyNulls();
      assertThat(c.cc).isZero();

      List<String> lines = dst.lines();
      assertThat(lines).anyMatch(l -> l.matches(
          "0x0016  nvme-lite +section-full +0400000000096e766d652d6c69746500\\.\\.\\. +'nvme-lite'"
              + " instance 0 version 1, section 0"));
      assertThat(lines).anyMatch(l -> l.matches(
          "0x0049  nvme-lite/num_queues +uint32 equal +00000004 +4"));
      assertThat(lines).anyMatch(l -> l.matches("0x004d  nvme-lite/sq\\[0] +ptr-marker +31 +VALID"));
      assertThat(lines).anyMatch(l -> l.matches("0x0066  nvme-lite/sq\\[1] +ptr-marker +30 +NULL"));
      assertThat(lines).anyMatch(l -> l.matches(
          "0x006c  nvme-lite/sq\\[2]/head +uint32 +00000010 +16 \\(0x10\\)"));
      assertThat(lines).anyMatch(l -> l.matches(
          "0x00bf  nvme-lite/dbbuf +subsection +050f6e766d652d6c6974652f64626275\\.\\.\\. +"
              + "'nvme-lite/dbbuf' version 1"));
      assertThat(lines).anyMatch(l -> l.matches("0x00e4  nvme-lite +footer +7e00000000 +section 0"));
      assertThat(lines).anyMatch(l -> l.matches("0x00e9  eof +eof +00 +end of device state"));

      // 6 controller fields, 8 markers, 2 SQs x 6 + 2 CQs x 8 fields, 2 dbbuf fields
      assertThat(dst.stateItems()).hasSize(6 + 8 + 12 + 16 + 2);
      // both views see the same items at the same offsets with the same paths and codecs
      assertThat(src.items()).extracting(ExplainItem::offset, ExplainItem::path,
          ExplainItem::codec, ExplainItem::value)
          .containsExactlyElementsOf(dst.items().stream().map(i -> org.assertj.core.groups.Tuple
              .tuple(i.offset(), i.path(), i.codec(), i.value())).toList());
      assertThat(dst.items()).filteredOn(i -> i.kind() == Kind.MARKER).extracting(
          ExplainItem::path, ExplainItem::value).containsExactly(
          org.assertj.core.groups.Tuple.tuple("nvme-lite/sq[0]", "VALID"),
          org.assertj.core.groups.Tuple.tuple("nvme-lite/sq[1]", "NULL"),
          org.assertj.core.groups.Tuple.tuple("nvme-lite/sq[2]", "VALID"),
          org.assertj.core.groups.Tuple.tuple("nvme-lite/sq[3]", "NULL"),
          org.assertj.core.groups.Tuple.tuple("nvme-lite/cq[0]", "VALID"),
          org.assertj.core.groups.Tuple.tuple("nvme-lite/cq[1]", "VALID"),
          org.assertj.core.groups.Tuple.tuple("nvme-lite/cq[2]", "NULL"),
          org.assertj.core.groups.Tuple.tuple("nvme-lite/cq[3]", "NULL"));

      // the README shows the destination view
      assertThat(Readme.block("output-of ExplainNvmeLiteTest"))
          .isEqualTo(dst.text().replace(file.toString(), "nvme-lite.mig"));

      String text = "$ explain nvme-lite.mig   (destination view: a registry with nvme-lite,"
          + " 4 empty queue slots)\n" + dst.text().replace(file.toString(), "nvme-lite.mig")
          + "\n$ explain nvme-lite.mig --from-stream   (source view: the stream's JSON"
          + " description)\n" + src.text().replace(file.toString(), "nvme-lite.mig");
      Files.createDirectories(OUT.getParent());
      Files.writeString(OUT, text, StandardCharsets.UTF_8);
      System.out.println(text);
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
