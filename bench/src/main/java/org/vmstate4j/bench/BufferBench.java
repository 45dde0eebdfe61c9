package org.vmstate4j.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One 256 MiB buffer field; System.arraycopy of the same bytes is the bandwidth floor. No
 * fresh-destination loads here: allocating 256 MiB per operation measures the allocator.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class BufferBench extends ContenderBench {
  /** The same bytes copied with System.arraycopy: the memory-bandwidth floor. */
  @State(Scope.Benchmark)
  public static class Copy {
    public byte[] src;
    public byte[] out;
    public byte[] wire;
    public byte[] dst;

    @Setup(Level.Trial)
    public void setup() {
      src = Scenario.BUFFER.source().data;
      out = new byte[src.length];
      wire = src.clone();
      dst = new byte[src.length];
    }
  }

  @Benchmark
  public byte[] save_arraycopy(Copy s) {
    System.arraycopy(s.src, 0, s.out, 0, s.src.length);
    return s.out;
  }

  @Benchmark
  public byte[] load_arraycopy(Copy s) {
    System.arraycopy(s.wire, 0, s.dst, 0, s.wire.length);
    return s.dst;
  }
}
