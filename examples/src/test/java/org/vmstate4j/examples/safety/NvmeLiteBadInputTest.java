package org.vmstate4j.examples.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vmstate4j.engine.VmStateLoadException;
import org.vmstate4j.engine.io.VmInput;
import org.vmstate4j.engine.state.LoadOptions;
import org.vmstate4j.engine.state.VmState;
import org.vmstate4j.examples.NvmeLite;
import org.vmstate4j.examples.NvmeLiteSq;

/**
 * The nvme-lite bad-input table of the reference (§2.6), each row with its error path; the
 * semantic rows through the model's post_load hook ({@link NvmeLite#CHECKED}). After every
 * failed load the destination is unchanged ({@link Outcome}: deep snapshot, values and
 * identities).
 *
 * <p>Offsets of the example stream: header 0..27, num_queues 28, sq 32 (sq[1] marker 57, sq[2]
 * marker 58, its cqid 61, size 71), cq 84 (cq[1] marker 114, its phase 115, head 120, vector
 * 128), end 146.
 */
class NvmeLiteBadInputTest {
  static final int NUM_QUEUES = 28;
  static final int SQ1_MARKER = 57;
  static final int SQ2_SQID = 59;
  static final int SQ2_CQID = 61;
  static final int SQ2_SIZE = 71;
  static final int CQ1_MARKER = 114;
  static final int CQ1_PHASE = 115;
  static final int CQ1_HEAD = 120;
  static final int CQ1_VECTOR = 128;
  static final int CQ1_END = 144;

  static byte[] example() {
    return VmState.save(NvmeLite.CHECKED, NvmeLite.example());
  }

  private static byte[] with(Consumer<ByteBuffer> edit) {
    ByteBuffer b = ByteBuffer.wrap(example());
    edit.accept(b);
    return b.array();
  }

  private static VmStateLoadException fails(byte[] wire) {
    return Outcome.fails(NvmeLite.CHECKED, new NvmeLite(4), wire);
  }

  @Test
  void exampleMatchesTheReferenceBytesAndLoads() {
    byte[] wire = example();
    assertThat(wire).hasSize(146);
    assertThat(HexFormat.of().formatHex(wire, 32, 84)).isEqualTo(
        ("31 0000 0000 00000003 00000003 00000020 0000000010000000 30"
            + " 31 0002 0001 00000010 00000012 00000400 000000000007f000 30").replace(" ", ""));
    NvmeLite c = new NvmeLite(4);
    assertThat(Outcome.load(NvmeLite.CHECKED, c, wire)).isNull();
    assertThat(VmState.save(NvmeLite.CHECKED, c)).isEqualTo(wire);
  }

  @Test
  void numQueuesMismatch() {
    VmStateLoadException e = fails(with(b -> b.putInt(NUM_QUEUES, 5)));
    assertThat(e.path()).isEqualTo("nvme-lite/num_queues");
    assertThat(e.offset()).isEqualTo(NUM_QUEUES);
    assertThat(e.expected()).isEqualTo("4");
    assertThat(e.found()).isEqualTo("5");
  }

  @Test
  void markerOfTheWrongKind() {
    VmStateLoadException e = fails(with(b -> b.put(SQ1_MARKER, (byte) 0x32)));
    assertThat(e.getMessage()).isEqualTo("nvme-lite/sq[1] @57 (0x39): Unexpected ptr marker: 50"
        + " (expected 0x30 or 0x31, found 0x32)");
  }

  @Test
  void queueIdentity() {
    VmStateLoadException e = fails(with(b -> b.putShort(SQ2_SQID, (short) 3)));
    assertThat(e.path()).isEqualTo("nvme-lite/sq[2]/sqid");
    assertThat(e.reason()).isEqualTo("3 != slot 2");
  }

  @Test
  void completionQueueIndexFromTheStreamIsCheckedInPostLoad() {
    NvmeLite dest = new NvmeLite(4);
    dest.cc = 77;
    VmStateLoadException e = Outcome.fails(NvmeLite.CHECKED, dest,
        with(b -> b.putShort(SQ2_CQID, (short) 9)));
    assertThat(e.path()).isEqualTo("nvme-lite/sq[2]/cqid");
    assertThat(e.getMessage()).isEqualTo("nvme-lite/sq[2]/cqid @146 (0x92): 9 >= num_queues 4"
        + " (expected < 4, found 9)");
    // unchanged: the earlier fields and every allocated queue are undone
    assertThat(dest.cc).isEqualTo(77);
    assertThat(dest.sq).containsOnlyNulls();
    assertThat(dest.cq).containsOnlyNulls();

    // the engine alone cannot know: without the hook the same stream loads
    NvmeLite plain = new NvmeLite(4);
    assertThat(Outcome.load(NvmeLite.VMSD, plain,
        with(b -> b.putShort(SQ2_CQID, (short) 9)))).isNull();
    assertThat(plain.sq[2].cqid).isEqualTo((short) 9);
  }

  @Test
  void danglingCompletionQueue() {
    VmStateLoadException e = fails(with(b -> b.putShort(SQ2_CQID, (short) 2)));
    assertThat(e.path()).isEqualTo("nvme-lite/sq[2]/cqid");
    assertThat(e.reason()).isEqualTo("completion queue 2 not present");
  }

  @Test
  void hugeQueueSize() {
    VmStateLoadException e = fails(with(b -> b.putInt(SQ2_SIZE, -1)));
    assertThat(e.path()).isEqualTo("nvme-lite/sq[2]/size");
    assertThat(e.reason()).contains("4294967295");
  }

  @Test
  void ringIndexEqualToTheSize() {
    VmStateLoadException e = fails(with(b -> b.putInt(CQ1_HEAD, 0x400)));
    assertThat(e.path()).isEqualTo("nvme-lite/cq[1]/head");
    assertThat(e.reason()).isEqualTo("1024 >= size 1024");
  }

  @Test
  void phaseAndVector() {
    assertThat(fails(with(b -> b.put(CQ1_PHASE, (byte) 2))).path())
        .isEqualTo("nvme-lite/cq[1]/phase");
    assertThat(fails(with(b -> b.putInt(CQ1_VECTOR, NvmeLite.NVEC))).path())
        .isEqualTo("nvme-lite/cq[1]/vector");
  }

  static IntStream cutsInsideCq1() {
    return IntStream.range(CQ1_MARKER + 1, CQ1_END);
  }

  @ParameterizedTest
  @MethodSource("cutsInsideCq1")
  void truncatedInsideCq1(int cut) {
    NvmeLite dest = new NvmeLite(4);
    VmStateLoadException e = Outcome.check("cut at " + cut, () -> VmState.load(
        NvmeLite.CHECKED, dest, VmInput.of(Arrays.copyOf(example(), cut)), 1), dest);
    assertThat(e).isNotNull();
    String[] names = {"phase", "cqid", "irq_enabled", "head", "tail", "vector", "size",
        "dma_addr"};
    int[] ends = {116, 118, 120, 124, 128, 132, 136, 144};
    int k = 0;
    while (cut >= ends[k]) {
      k++;
    }
    assertThat(e.path()).isEqualTo("nvme-lite/cq[1]/" + names[k]);
    assertThat(e.reason()).isEqualTo("unexpected end of stream");
    assertThat(dest.cq).containsOnlyNulls();
  }

  @Test
  void prePopulatedDestinationSlot() {
    NvmeLite dest = new NvmeLite(4);
    NvmeLiteSq mine = NvmeLiteSq.of(0, 0, 1, 1, 8, 0);
    dest.sq[0] = mine;
    VmStateLoadException e = Outcome.fails(NvmeLite.CHECKED, dest, example());
    assertThat(e.path()).isEqualTo("nvme-lite/sq[0]");
    assertThat(e.reason()).contains("not empty");
    assertThat(dest.sq[0]).isSameAs(mine);
    assertThat(dest.sq[0].head).isEqualTo(1);
  }

  @Test
  void unknownSubsection() {
    byte[] name = "nvme-lite/zzz".getBytes(StandardCharsets.US_ASCII);
    ByteBuffer b = ByteBuffer.allocate(146 + 2 + name.length + 4 + 16);
    b.put(example()).put((byte) 5).put((byte) name.length).put(name).putInt(1)
        .putLong(1).putLong(2);
    VmStateLoadException e = fails(b.array());
    assertThat(e.path()).isEqualTo("nvme-lite");
    assertThat(e.offset()).isEqualTo(146);
    assertThat(e.reason()).isEqualTo("VM subsection 'nvme-lite/zzz' in 'nvme-lite' does not exist");
  }

  @Test
  void knownSubsectionLoads() {
    NvmeLite src = NvmeLite.example();
    src.dbbufEnabled = true;
    src.dbbufDbs = 0x1000;
    src.dbbufEis = 0x2000;
    byte[] wire = VmState.save(NvmeLite.CHECKED, src);
    NvmeLite c = new NvmeLite(4);
    assertThat(Outcome.load(NvmeLite.CHECKED, c, wire)).isNull();
    assertThat(c.dbbufEis).isEqualTo(0x2000);
  }

  @Test
  void dryRunValidatesWithoutTouchingTheDestination() {
    NvmeLite dest = new NvmeLite(4);
    Snapshot before = Snapshot.of(dest);
    VmState.load(NvmeLite.CHECKED, dest, VmInput.of(example()), 1,
        LoadOptions.DEFAULT.withDryRun(true));
    assertThat(before.difference(Snapshot.of(dest))).isNull();

    // a dry run reads every byte but runs no post_load hook: the model's semantic check
    // (cqid < num_queues) is not made, and nothing changes
    VmState.load(NvmeLite.CHECKED, dest, VmInput.of(with(b -> b.putShort(SQ2_CQID, (short) 9))),
        1, LoadOptions.DEFAULT.withDryRun(true));
    assertThat(before.difference(Snapshot.of(dest))).isNull();

    VmStateLoadException e = Outcome.check("dry run", () -> VmState.load(NvmeLite.CHECKED,
        dest, VmInput.of(with(b -> b.put(SQ1_MARKER, (byte) 0x32))), 1,
        LoadOptions.DEFAULT.withDryRun(true)), dest);
    assertThat(e.path()).isEqualTo("nvme-lite/sq[1]");
    assertThat(e.offset()).isEqualTo(SQ1_MARKER);
  }
}
