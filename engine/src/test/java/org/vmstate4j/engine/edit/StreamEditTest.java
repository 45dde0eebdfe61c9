package org.vmstate4j.engine.edit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vmstate4j.engine.analyze.AnalyzedStream;
import org.vmstate4j.engine.analyze.DecodedValue.BytesValue;
import org.vmstate4j.engine.analyze.DecodedValue.IntValue;
import org.vmstate4j.engine.analyze.DecodedValue.ListValue;
import org.vmstate4j.engine.analyze.DecodedValue.StructValue;
import org.vmstate4j.engine.analyze.StreamAnalyzer;
import org.vmstate4j.engine.VmStateException;

class StreamEditTest {
  @TempDir Path tmp;

  static Path sample(String name) throws URISyntaxException {
    return Path.of(StreamEditTest.class.getResource("/qemu-samples/" + name).toURI());
  }

  @ParameterizedTest
  @ValueSource(strings = {"none.mig", "pc-min.mig", "pc-serial-net.mig"})
  void rewriteWithoutEditsIsByteIdentical(String name) throws Exception {
    Path out = tmp.resolve(name);
    long n = StreamEdit.of(sample(name)).writeTo(out);
    byte[] in = Files.readAllBytes(sample(name));
    assertThat(n).isEqualTo(in.length);
    assertThat(Files.readAllBytes(out)).isEqualTo(in);
  }

  @Test
  void rewriteFromAnInputStreamToAnOutputStreamIsByteIdentical() throws Exception {
    byte[] in = Files.readAllBytes(sample("pc-min.mig"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InputStream src = Files.newInputStream(sample("pc-min.mig"));
        StreamEdit edit = StreamEdit.of(src)) {
      edit.writeTo(out);
    }
    assertThat(out.toByteArray()).isEqualTo(in);
  }

  @Test
  void cmosByteAndIntegerFieldsChangeOnlyTheirBytes() throws Exception {
    Path out = tmp.resolve("edited.mig");
    StreamEdit edit = StreamEdit.of(sample("pc-min.mig"))
        .set(Assignment.parse("mc146818rtc/cmos_data[14]=0xa5"))
        .set("i8254 (20)/channels[1]/count", 0x1234)
        .set("cpu/env.regs[2]", -1L >>> 1);
    edit.writeTo(out);

    byte[] before = Files.readAllBytes(sample("pc-min.mig"));
    byte[] after = Files.readAllBytes(out);
    assertThat(after).hasSameSizeAs(before);
    List<Long> changed = new ArrayList<>();
    for (int i = 0; i < before.length; i++) {
      if (before[i] != after[i]) {
        changed.add((long) i);
      }
    }
    List<Long> edited = new ArrayList<>();
    for (FieldEdit e : edit.edits()) {
      for (int j = 0; j < e.before().length; j++) {
        if (e.before()[j] != e.after()[j]) {
          edited.add(e.offset() + j);
        }
      }
    }
    edited.sort(null);
    assertThat(changed).isNotEmpty().isEqualTo(edited);

    AnalyzedStream reread = StreamAnalyzer.open(out);
    StructValue rtc = (StructValue) reread.state().get("mc146818rtc (19)");
    assertThat(((BytesValue) rtc.fields().get("cmos_data")).data()[14]).isEqualTo((byte) 0xa5);
    StructValue pit = (StructValue) reread.state().get("i8254 (20)");
    StructValue ch1 = (StructValue) ((ListValue) pit.fields().get("channels")).items().get(1);
    assertThat(((IntValue) ch1.fields().get("count")).value()).isEqualTo(BigInteger.valueOf(0x1234));
    StructValue cpu = (StructValue) reread.state().get("cpu (5)");
    IntValue rax = (IntValue) ((ListValue) cpu.fields().get("env.regs")).items().get(2);
    assertThat(rax.value()).isEqualTo(BigInteger.valueOf(Long.MAX_VALUE));
  }

  @Test
  void unknownFieldListsTheFieldsThere() throws Exception {
    StreamEdit edit = StreamEdit.of(sample("pc-min.mig"));
    assertThatThrownBy(() -> edit.set("mc146818rtc/cmos_dta[14]", 1))
        .isInstanceOf(StreamEditException.class)
        .hasMessageContaining("mc146818rtc/cmos_dta[14]")
        .hasMessageContaining("no field 'cmos_dta[14]' in 'mc146818rtc (19)'")
        .hasMessageContaining("fields: cmos_data, cmos_index, unused[0], periodic_timer");
  }

  @Test
  void unknownSectionListsTheSections() throws Exception {
    StreamEdit edit = StreamEdit.of(sample("pc-min.mig"));
    assertThatThrownBy(() -> edit.set("serial/state/scr", 0x5a))
        .isInstanceOf(VmStateException.class)
        .hasMessageContaining("serial/state/scr: no section 'serial'; sections: ram (2), ")
        .hasMessageContaining("mc146818rtc (19)");
  }

  @Test
  void unknownInstanceListsTheInstances() throws Exception {
    StreamEdit edit = StreamEdit.of(sample("pc-min.mig"));
    assertThatThrownBy(() -> edit.set("dma (14)/command", 1))
        .isInstanceOf(StreamEditException.class)
        .hasMessage("dma (14)/command: no section 'dma (14)'; sections of dma: dma (12), dma (13)");
    assertThatThrownBy(() -> edit.set("dma/command", 1))
        .hasMessageContaining("several sections are 'dma': dma (12), dma (13)");
  }

  @Test
  void valueTooLargeNamesTheRange() throws Exception {
    StreamEdit edit = StreamEdit.of(sample("pc-min.mig"));
    assertThatThrownBy(() -> edit.set("mc146818rtc/cmos_data[14]", 0x100))
        .isInstanceOf(StreamEditException.class)
        .hasMessage("mc146818rtc/cmos_data[14]: 256 does not fit 'mc146818rtc (19)/cmos_data[14]',"
            + " an unsigned 8-bit: 0..0xff");
    assertThatThrownBy(() -> edit.set("mc146818rtc/cmos_data[128]", 1))
        .hasMessageContaining("'mc146818rtc (19)/cmos_data' has 128 bytes: index 0..127");
  }

  @Test
  void negativeIntoUnsignedIsRefusedAndIntoSignedAccepted() throws Exception {
    StreamEdit edit = StreamEdit.of(sample("pc-min.mig"));
    assertThatThrownBy(() -> edit.set(Assignment.parse("mc146818rtc/period=-1")))
        .isInstanceOf(StreamEditException.class)
        .hasMessageContaining("-1 does not fit 'mc146818rtc (19)/period', an unsigned 32-bit");
    edit.set(Assignment.parse("mc146818rtc/offset=-2"));
    assertThat(edit.edits().get(0).after())
        .containsExactly(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe);
  }

  @Test
  void wholeBuffersAndStructsAreNotIntegers() throws Exception {
    StreamEdit edit = StreamEdit.of(sample("pc-min.mig"));
    assertThatThrownBy(() -> edit.set("mc146818rtc/cmos_data", 1))
        .hasMessageContaining("is a buffer of 128 bytes: edit one byte as cmos_data[i]");
    assertThatThrownBy(() -> edit.set("i8254/channels", 1))
        .hasMessageContaining("'i8254 (20)/channels' is an array of 3");
  }

  @Test
  void assignmentsParseDecimalHexAndNegative() {
    assertThat(Assignment.parse("a/b=0x5A").value()).isEqualTo(BigInteger.valueOf(0x5a));
    assertThat(Assignment.parse("a/b = 12").value()).isEqualTo(BigInteger.valueOf(12));
    assertThat(Assignment.parse("a/b=-0x10").value()).isEqualTo(BigInteger.valueOf(-16));
    assertThat(Assignment.parse("a/b=-7").path()).isEqualTo("a/b");
    assertThatThrownBy(() -> Assignment.parse("a/b=0xg")).hasMessage("a/b: not a number: '0xg'");
    assertThatThrownBy(() -> Assignment.parse("a/b=")).isInstanceOf(StreamEditException.class);
    assertThatThrownBy(() -> Assignment.parse("a/b=--1")).hasMessageContaining("not a number");
  }

  @Test
  void serialScratchRegisterOfAStreamWithSlirpAndVirtioNet() throws Exception {
    Path out = tmp.resolve("serial.mig");
    StreamEdit edit = StreamEdit.of(sample("pc-serial-net.mig"))
        .set(Assignment.parse("serial/state/scr=0x5a"));
    edit.writeTo(out);
    assertThat(edit.edits()).extracting(FieldEdit::path).containsExactly("serial (40)/state/scr");
    byte[] before = Files.readAllBytes(sample("pc-serial-net.mig"));
    byte[] after = Files.readAllBytes(out);
    long at = edit.edits().get(0).offset();
    assertThat(after[(int) at]).isEqualTo((byte) 0x5a);
    after[(int) at] = before[(int) at];
    assertThat(after).isEqualTo(before);
    StructValue serial = (StructValue) StreamAnalyzer.open(out).state().get("serial (40)");
    StructValue state = (StructValue) serial.fields().get("state");
    assertThat(((IntValue) state.fields().get("scr")).value()).isEqualTo(BigInteger.valueOf(0x5a));
  }
}
