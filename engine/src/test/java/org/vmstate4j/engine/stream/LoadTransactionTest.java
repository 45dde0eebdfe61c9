package org.vmstate4j.engine.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.vmstate4j.engine.VmStateLoadException;
import org.vmstate4j.engine.io.VmInput;
import org.vmstate4j.engine.state.LoadOptions;
import org.vmstate4j.engine.state.LoadTransaction;
import org.vmstate4j.engine.state.VmState;
import org.vmstate4j.engine.stream.TestDevices.Timer;
import org.vmstate4j.engine.testing.NvmeLiteModel;
import org.vmstate4j.engine.testing.NvmeLiteModel.Ctrl;

/** One journal across several loads (used by the stream reader). */
class LoadTransactionTest {
  static byte[] both() {
    Timer t = new Timer();
    t.cpuTicksOffset = 1;
    t.cpuClockOffset = 2;
    byte[] a = VmState.save(TestDevices.TIMER, t);
    byte[] b = VmState.save(NvmeLiteModel.NVME_LITE_NO_HOOKS, TestDevices.nvme());
    byte[] r = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }

  @Test
  void rollbackRestoresEveryLoad() {
    Timer t = new Timer();
    Ctrl n = Ctrl.configured(4);
    VmInput in = VmInput.of(both());
    try (LoadTransaction tx = new LoadTransaction(LoadOptions.DEFAULT)) {
      tx.load(TestDevices.TIMER, t, in, 2);
      tx.load(NvmeLiteModel.NVME_LITE_NO_HOOKS, n, in, 1);
      assertThat(t.cpuClockOffset).isEqualTo(2);
      assertThat(n.sq[2]).isNotNull();
      tx.rollback();
      assertThat(tx.isOpen()).isFalse();
    }
    assertThat(t.cpuClockOffset).isZero();
    assertThat(n.sq).containsOnlyNulls();
    assertThat(n.cc).isZero();
  }

  @Test
  void closeWithoutCommitRollsBackAndCommitKeeps() {
    Timer t = new Timer();
    try (LoadTransaction tx = new LoadTransaction(LoadOptions.DEFAULT)) {
      tx.load(TestDevices.TIMER, t, VmInput.of(both()), 2);
    }
    assertThat(t.cpuTicksOffset).isZero();
    LoadTransaction tx = new LoadTransaction(LoadOptions.DEFAULT);
    tx.load(TestDevices.TIMER, t, VmInput.of(both()), 2);
    tx.commit();
    tx.close();
    assertThat(t.cpuTicksOffset).isEqualTo(1);
    assertThatThrownBy(tx::commit).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void dryRunCommitUndoes() {
    Timer t = new Timer();
    LoadTransaction tx = new LoadTransaction(LoadOptions.DEFAULT.withDryRun(true));
    tx.load(TestDevices.TIMER, t, VmInput.of(both()), 2);
    tx.commit();
    assertThat(t.cpuTicksOffset).isZero();
  }

  @Test
  void aFailedLoadUndoesItselfAndKeepsTheEarlierOnesUntilRollback() {
    Timer t = new Timer();
    Ctrl n = Ctrl.configured(3); // num_queues differs: the second load fails
    VmInput in = VmInput.of(both());
    LoadTransaction tx = new LoadTransaction(LoadOptions.DEFAULT);
    tx.load(TestDevices.TIMER, t, in, 2);
    assertThatThrownBy(() -> tx.load(NvmeLiteModel.NVME_LITE_NO_HOOKS, n, in, 1))
        .isInstanceOf(VmStateLoadException.class)
        .hasMessageContaining("nvme-lite/num_queues");
    assertThat(n.cc).isZero();
    assertThat(t.cpuTicksOffset).isEqualTo(1);
    tx.rollback();
    assertThat(t.cpuTicksOffset).isZero();
  }
}
