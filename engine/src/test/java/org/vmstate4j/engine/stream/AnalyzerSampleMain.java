package org.vmstate4j.engine.stream;

import java.nio.file.Path;

/**
 * Writes the test machine of {@link StreamRoundTripTest} (nvme-lite with AUTO_ALLOC queues and
 * a subsection, timer, two PICs, a bus, a device that is not needed) to a file, for checking
 * with QEMU's scripts/analyze-migration.py:
 *
 * <pre>
 * java -cp ... org.vmstate4j.engine.stream.AnalyzerSampleMain /tmp/sample.mig
 * python3 analyze-migration.py -f /tmp/sample.mig --dump state
 * </pre>
 */
public final class AnalyzerSampleMain {
  private AnalyzerSampleMain() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args.length > 0 ? args[0] : "sample.mig");
    SaveResult r = MigrationStreams.save(StreamRoundTripTest.Machine.populated().registry, file);
    System.out.println(file + ": " + r.bytes() + " bytes");
    for (SectionInfo s : r.sections()) {
      System.out.println("  " + s);
    }
  }
}
