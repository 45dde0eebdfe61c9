package org.vmstate4j.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vmstate4j.engine.state.LoadOptions;

/**
 * Small versions of the benchmark scenarios: the hand-written codec writes exactly vmstate4j's
 * bytes, and every contender round-trips the state.
 */
class ContendersTest {
  static Stream<Scenario<?>> scenarios() {
    return Stream.of(Scenario.nvme(16), Scenario.nvme(1), Scenario.pit(100, 8),
        Scenario.pit(0, 1), Scenario.buffer(4096));
  }

  @ParameterizedTest
  @MethodSource("scenarios")
  void handWrittenBytesAreVmstate4jBytes(Scenario<?> sc) {
    check(sc);
  }

  private static <T> void check(Scenario<T> sc) {
    T src = sc.source();
    byte[] wire = Contenders.checkIdentical(sc, src);
    assertThat((long) wire.length).isEqualTo(sc.wireBytes());

    T vm = sc.destination();
    Contenders.vmLoad(sc, vm, wire, LoadOptions.DEFAULT);
    assertThat(sc.same(src, vm)).isTrue();
    sc.prepareReuse(vm);
    Contenders.vmLoad(sc, vm, wire, Contenders.NON_TX);
    assertThat(sc.same(src, vm)).isTrue();

    T hand = sc.destination();
    Contenders.handLoad(sc, hand, wire, wire.length);
    assertThat(sc.same(src, hand)).isTrue();
    Contenders.handLoad(sc, hand, wire, wire.length);
    assertThat(sc.same(src, hand)).isTrue();

    var kryo = Contenders.kryo();
    var out = new com.esotericsoftware.kryo.io.Output(1024, -1);
    int n = Contenders.kryoSave(kryo, src, out);
    T k = Contenders.kryoLoad(kryo, sc.type, new com.esotericsoftware.kryo.io.Input(),
        out.getBuffer(), n);
    assertThat(sc.same(src, k)).isTrue();

    ByteSink sink = new ByteSink(16);
    int m = Contenders.javaSave(src, sink);
    assertThat(sc.same(src, Contenders.javaLoad(sc.type, sink.array(), m))).isTrue();
  }
}
