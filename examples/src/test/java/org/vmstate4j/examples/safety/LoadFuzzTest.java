package org.vmstate4j.examples.safety;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import java.util.List;
import org.vmstate4j.engine.VmStateLoadException;
import org.vmstate4j.engine.io.VmInput;
import org.vmstate4j.engine.model.VmStateDescription;
import org.vmstate4j.engine.state.LoadOptions;
import org.vmstate4j.engine.state.VmState;
import org.vmstate4j.engine.stream.ReadOptions;
import org.vmstate4j.engine.stream.Registry;
import org.vmstate4j.engine.stream.StreamReader;

/**
 * Jazzer targets. Under plain {@code mvn test} each runs over its committed seeds in
 * {@code src/test/resources/org/vmstate4j/examples/safety/LoadFuzzTestInputs/<method>/}; with
 * {@code JAZZER_FUZZ=1} one target is fuzzed (see README, "Fuzzing").
 *
 * <p>Each input must load or fail with a {@link VmStateLoadException} carrying an offset;
 * anything else escaping is a finding. After a failed load the destination must be as before:
 * the fuzzers compare the bytes the destination saves to with those of an untouched fresh
 * object (cheap enough for millions of runs; {@link MutationTest} compares the object graphs).
 */
class LoadFuzzTest {
  private static final byte[] NVME_FRESH = save(Corpus.nvmeRegistry());
  private static final byte[] CATALOG_FRESH = save(Corpus.catalogRegistry());

  /** The saved state of every device of the registry. */
  private static byte[] save(Registry r) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (Registry.Entry e : r.entries()) {
      out.writeBytes(VmState.save(e.description(), e.object()));
    }
    return out.toByteArray();
  }

  /** A whole stream into nvme-lite registered alone. */
  @FuzzTest(maxDuration = "8m")
  void nvmeLiteStream(byte[] stream) {
    Registry r = Corpus.nvmeRegistry();
    wholeStream(r, ReadOptions.DEFAULT, stream, NVME_FRESH);
  }

  /** A whole stream into every device of the QEMU catalog; unknown sections are skipped. */
  @FuzzTest(maxDuration = "8m")
  void qemuCatalogStream(FuzzedDataProvider data) {
    boolean skip = data.consumeBoolean();
    boolean dry = data.consumeBoolean();
    Registry r = Corpus.catalogRegistry();
    ReadOptions o = ReadOptions.DEFAULT.withSkipUnknown(skip).withDryRun(dry);
    wholeStream(r, o, data.consumeRemainingAsBytes(), CATALOG_FRESH);
  }

  private static void wholeStream(Registry r, ReadOptions o, byte[] stream, byte[] fresh) {
    try {
      new StreamReader(r, o).read(stream);
      if (o.load().dryRun()) {
        same(fresh, save(r), "dry run changed the destination");
      }
    } catch (VmStateLoadException e) {
      if (e.offset() < 0) {
        throw new AssertionError("load error without an offset: " + e.getMessage(), e);
      }
      same(fresh, save(r), "failed load changed the destination: " + e.getMessage());
    }
  }

  /**
   * One description of {@link Corpus#singles()} (QEMU's vectors, nvme-lite, the hostile
   * devices, the catalog's pc-min sections), chosen by the first input bytes, with or without
   * a dry run and with a small or the default allocation limit; the rest is the state.
   */
  @FuzzTest(maxDuration = "8m")
  void singleDescription(FuzzedDataProvider data) {
    List<Corpus.Single> all = Corpus.singles();
    Corpus.Single v = all.get(data.consumeInt(0, all.size() - 1));
    boolean dry = data.consumeBoolean();
    boolean smallLimit = data.consumeBoolean();
    byte[] wire = data.consumeRemainingAsBytes();
    VmStateDescription d = v.vmsd();
    Object dest = v.fresh().get();
    byte[] before = VmState.save(d, dest);
    LoadOptions o = LoadOptions.DEFAULT.withDryRun(dry)
        .withMaxAllocationBytes(smallLimit ? 4096 : LoadOptions.DEFAULT.maxAllocationBytes());
    try {
      VmState.load(d, dest, VmInput.of(wire), d.versionId(), o);
      if (dry) {
        same(before, VmState.save(d, dest), "dry run changed the destination");
      }
    } catch (VmStateLoadException e) {
      if (e.offset() < 0) {
        throw new AssertionError("load error without an offset: " + e.getMessage(), e);
      }
      same(before, VmState.save(d, dest), "failed load changed the destination: "
          + e.getMessage());
    }
  }

  private static void same(byte[] expected, byte[] actual, String what) {
    if (!Arrays.equals(expected, actual)) {
      throw new AssertionError(what);
    }
  }
}
