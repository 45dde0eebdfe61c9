package org.vmstate4j.examples.safety;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes the seed corpus of {@link LoadFuzzTest} from {@link Corpus}: the real and generated
 * streams, each with a few of {@link MutationTest}'s mutants. Run from the examples module folder
 * with the test class path; the files go to
 * {@code src/test/resources/org/vmstate4j/examples/safety/LoadFuzzTestInputs/<method>/}. Inputs
 * that once failed are kept there by hand as {@code crash-*} or {@code regression-*} files.
 *
 * <p>The fuzzed-data-provider targets take their choices from the end of the input (one byte
 * each, last choice first) and the stream from the front.
 */
final class SeedCorpus {
  private SeedCorpus() {}

  static final Path DIR =
      Path.of("src/test/resources/org/vmstate4j/examples/safety/LoadFuzzTestInputs");

  public static void main(String[] args) throws IOException {
    SplittableRandom rnd = new SplittableRandom(7);
    List<Corpus.Whole> wholes = Corpus.wholes();
    Corpus.Whole nvme = wholes.get(0);
    Corpus.Whole catalog = wholes.get(1);
    Path n = Files.createDirectories(DIR.resolve("nvmeLiteStream"));
    write(n.resolve("nvme-lite.mig"), nvme.stream());
    write(n.resolve("nvme-lite-cut.mig"), Arrays.copyOf(nvme.stream(), 120));
    write(n.resolve("nvme-lite-count.mig"), MutationTest.count(nvme.stream(), rnd));
    write(n.resolve("nvme-lite-marker.mig"), MutationTest.marker(nvme.stream(), rnd));
    write(n.resolve("nvme-lite-splice.mig"), MutationTest.splice(nvme.stream(), rnd));

    Path c = Files.createDirectories(DIR.resolve("qemuCatalogStream"));
    // choices at the end: dry run, then skip unknown (read last)
    write(c.resolve("catalog.mig"), cat(catalog.stream(), 0, 0));
    write(c.resolve("catalog-dry.mig"), cat(catalog.stream(), 1, 0));
    write(c.resolve("catalog-count.mig"), cat(MutationTest.count(catalog.stream(), rnd), 0, 0));
    write(c.resolve("catalog-marker.mig"),
        cat(MutationTest.marker(catalog.stream(), rnd), 0, 0));
    write(c.resolve("none-skip.mig"), cat(wholes.get(3).stream(), 0, 1));

    Path s = Files.createDirectories(DIR.resolve("singleDescription"));
    List<Corpus.Single> singles = Corpus.singles();
    for (int i = 0; i < singles.size(); i++) {
      Corpus.Single v = singles.get(i);
      String name = v.name().replaceAll("[^A-Za-z0-9]+", "-");
      // choices at the end: small limit, dry run, then the index (read first)
      write(s.resolve(String.format("%02d-%s", i, name)), cat(v.wire(), 0, 0, i));
    }
  }

  private static byte[] cat(byte[] a, int... tail) {
    byte[] out = Arrays.copyOf(a, a.length + tail.length);
    for (int i = 0; i < tail.length; i++) {
      out[a.length + i] = (byte) tail[i];
    }
    return out;
  }

  private static void write(Path p, byte[] b) throws IOException {
    Files.write(p, b);
  }
}
